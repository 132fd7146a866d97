// Prints what each browser bundle costs the page that loads it: the entry and the chunks it
// imports (rollup's shared Lit among them), raw and gzip. With --max-kb=N, fails when the
// city-page widget (suora.js and its chunks) is larger in gzip.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dir = new URL('../dist/widget/', import.meta.url);
const limitArg = process.argv.find((a) => a.startsWith('--max-kb='));
const limit = limitArg ? Number(limitArg.split('=')[1]) * 1024 : Infinity;

/** `file` and every file it imports, directly or not (paths relative to dist/widget/). */
function loadedFiles(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(new URL(file, dir), 'utf8');
  // Rollup's minified output: `import"./x.js"` and `from"./x.js"`, relative to the importing file.
  for (const [, specifier] of code.matchAll(/(?:\bimport|\bfrom)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
    loadedFiles(new URL(specifier, new URL(file, dir)).pathname.slice(dir.pathname.length), seen);
  }
  return seen;
}

let failed = false;
for (const entry of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const files = [...loadedFiles(entry)];
  const raw = files.reduce((sum, f) => sum + readFileSync(new URL(f, dir)).length, 0);
  // Each file travels on its own, so each is compressed on its own.
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(new URL(f, dir)), { level: 9 }).length, 0);
  const over = entry === 'suora.js' && gzip > limit;
  failed ||= over;
  const chunks = files.length > 1 ? ` (with ${files.slice(1).join(', ')})` : '';
  console.log(`${entry}: ${(raw / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip${chunks}${over ? `  OVER the ${limit / 1024} KB budget` : ''}`);
}
process.exitCode = failed ? 1 : 0;
