import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../server/src/paths.js';

/**
 * Dependencies run one way: the domain owns its rules and its ports (the store, the
 * notifier, the outbox) and imports none of the layers that implement or call them; the
 * browser's code never reaches into the server's.
 */

/** Every module a source file names: `from '…'`, `import '…'`, `import('…')`, `export … from '…'`. */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => path.join(dir, name));
}

/** Where each file under `dir` imports from inside `forbidden` (folders under the package root), as `file → target`. */
function crossings(dir: string, forbidden: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of sourcesUnder(path.join(PACKAGE_ROOT, dir))) {
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(PACKAGE_ROOT, path.resolve(path.dirname(file), spec));
      if (forbidden.some((f) => target === f || target.startsWith(`${f}/`))) out.push(`${path.relative(PACKAGE_ROOT, file)} → ${spec}`);
    }
  }
  return out;
}

describe('layers', () => {
  it('the domain imports nothing from the store adapters, HTTP, routes, mail, the command line or the observability parts', () => {
    assert.deepEqual(crossings('server/src/domain', ['server/src/store', 'server/src/http', 'server/src/routes', 'server/src/mail', 'server/src/cli', 'server/src/observability']), []);
  });

  it('the domain throws errors by kind, never with an HTTP status', () => {
    const withStatus = sourcesUnder(path.join(PACKAGE_ROOT, 'server/src/domain')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/new \w*Error\(\s*\d{3}\b/g)].map((m) => `${path.relative(PACKAGE_ROOT, file)}: ${m[0]}`),
    );
    assert.deepEqual(withStatus, []);
  });

  it('routes and commands leave auditing and notifying to the domain functions they call', () => {
    const effects = ['server/src/routes', 'server/src/cli'].flatMap((dir) =>
      sourcesUnder(path.join(PACKAGE_ROOT, dir)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\baudit\(|\.(?:feedbackArrived|replyGiven)\(/g)].map((m) => `${path.relative(PACKAGE_ROOT, file)}: ${m[0]}`),
      ),
    );
    assert.deepEqual(effects, []);
  });

  it('nothing under widget/ imports from server/', () => {
    assert.deepEqual(crossings('widget', ['server']), []);
  });

  it('the check sees every form of import', () => {
    const forms = `import { a } from '../store/x.js';\nimport type { B } from "../http/y.js";\nexport * from '../mail/z.js';\nimport '../cli/w.js';\nconst m = await import('../routes/v.js');`;
    assert.deepEqual(specifiersOf(forms), ['../store/x.js', '../http/y.js', '../mail/z.js', '../cli/w.js', '../routes/v.js']);
  });
});
