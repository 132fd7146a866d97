import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { transform } from 'esbuild';
import { LOCALES } from '../../contract/api.js';

const ROOT = new URL('../../../', import.meta.url);

/** Every bundle of translations: one file per language, `<locale>.ts`, beside the bundle's `index.ts`. */
const BUNDLES = [
  'widget/src/locales',
  'widget/src/survey/locales',
  'widget/src/public-feed/locales',
  'widget/src/dashboard/locales',
  'server/src/texts',
];

/** A language file as a module: its imports are types only, so esbuild's output stands alone. */
async function loadLanguage(dir: string, locale: string): Promise<Record<string, unknown>> {
  const source = readFileSync(new URL(`${dir}/${locale}.ts`, ROOT), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  assert.doesNotMatch(code, /^import /m, `${dir}/${locale}.ts may import types only`);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, Record<string, unknown>>;
  const texts = module[locale];
  assert.ok(texts, `${dir}/${locale}.ts exports \`${locale}\``);
  return texts;
}

/** Each text's path and kind: `errors.email string`, `count function/1`, `ratingLabels array/5`. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path} function/${value.length}`];
  if (Array.isArray(value)) return [`${path} array/${value.length}`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => shape(v, path ? `${path}.${key}` : key));
  return [`${path} ${typeof value}`];
}

describe('translations', () => {
  for (const dir of BUNDLES) {
    it(`${dir} has one file for each language and nothing else`, () => {
      const files = readdirSync(new URL(dir, ROOT)).filter((f) => f !== 'index.ts').sort();
      assert.deepEqual(files, LOCALES.map((l) => `${l}.ts`).sort());
      const index = readFileSync(new URL(`${dir}/index.ts`, ROOT), 'utf8');
      for (const locale of LOCALES) assert.match(index, new RegExp(`from './${locale}\\.js'`), `${dir}/index.ts imports ${locale}`);
    });

    it(`${dir}: every language has every text the others have, of the same kind`, async () => {
      const shapes = new Map<string, Set<string>>();
      for (const locale of LOCALES) shapes.set(locale, new Set(shape(await loadLanguage(dir, locale))));
      const all = new Set([...shapes.values()].flatMap((s) => [...s]));
      for (const [locale, own] of shapes) {
        const missing = [...all].filter((entry) => !own.has(entry));
        assert.deepEqual(missing, [], `${dir}/${locale}.ts lacks or differs in: ${missing.join(', ')}`);
      }
    });
  }
});
