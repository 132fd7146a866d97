// What a page loads for a browser bundle: the entry and the chunks it imports, directly or not.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const WIDGET_DIR = new URL('../dist/widget/', import.meta.url);

/** `entry` (a file in dist/widget/) and its chunks: the files, and their bytes raw and gzipped one by one (each travels on its own). */
export function pageLoad(entry) {
  const files = [];
  const visit = (file) => {
    if (files.includes(file)) return;
    files.push(file);
    const code = readFileSync(new URL(file, WIDGET_DIR), 'utf8');
    // Rollup's minified output: `import"./x.js"` and `from"./x.js"`, relative to the importing file.
    for (const [, specifier] of code.matchAll(/(?:\bimport|\bfrom)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      visit(new URL(specifier, new URL(file, WIDGET_DIR)).pathname.slice(WIDGET_DIR.pathname.length));
    }
  };
  visit(entry);
  const bytes = files.map((f) => readFileSync(new URL(f, WIDGET_DIR)));
  return {
    files,
    raw: bytes.reduce((sum, b) => sum + b.length, 0),
    gzip: bytes.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
  };
}
