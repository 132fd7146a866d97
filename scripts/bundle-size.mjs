// Prints what each browser bundle costs the page that loads it: the entry and the chunks it
// imports (the shared Lit among them), raw and gzip. With --max-kb=N, fails when the city-page
// widget (suora.js and its chunks) is larger in gzip.
import { readdirSync } from 'node:fs';
import { pageLoad, WIDGET_DIR } from './widget-files.mjs';

const limitArg = process.argv.find((a) => a.startsWith('--max-kb='));
const limit = limitArg ? Number(limitArg.split('=')[1]) * 1024 : Infinity;
let failed = false;
for (const entry of readdirSync(WIDGET_DIR).filter((f) => f.endsWith('.js'))) {
  const { files, raw, gzip } = pageLoad(entry);
  const over = entry === 'suora.js' && gzip > limit;
  failed ||= over;
  const chunks = files.length > 1 ? ` (with ${files.slice(1).join(', ')})` : '';
  console.log(`${entry}: ${(raw / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip${chunks}${over ? `  OVER the ${limit / 1024} KB budget` : ''}`);
}
process.exitCode = failed ? 1 : 0;
