#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Suora has not been built yet: run `npm run build` in its folder first.');
  process.exit(1);
}
await import(entry.href);
