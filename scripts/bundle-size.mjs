// Prints the gzip size of each browser bundle; with --max-kb=N, fails when the city-page widget (suora.js) is larger.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dir = new URL('../dist/widget/', import.meta.url);
const limitArg = process.argv.find((a) => a.startsWith('--max-kb='));
const limit = limitArg ? Number(limitArg.split('=')[1]) * 1024 : Infinity;
let failed = false;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const bytes = readFileSync(new URL(file, dir));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const over = file === 'suora.js' && gzip > limit;
  failed ||= over;
  console.log(`${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip${over ? `  OVER the ${limit / 1024} KB budget` : ''}`);
}
process.exitCode = failed ? 1 : 0;
