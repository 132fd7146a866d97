import path from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/**
 * Minifies the CSS in our Lit `css` templates (esbuild leaves template text alone): comments
 * and runs of whitespace go, and so do spaces around punctuation. Our styles interpolate
 * nothing (`${`), and this plugin refuses any that do rather than guess.
 */
function minifyLitCss() {
  return {
    name: 'minify-lit-css',
    transform(code, id) {
      if (!id.includes('/widget/src/') || !code.includes('css`')) return null;
      return {
        code: code.replace(/css`([^`]*)`/g, (_, text) => {
          if (text.includes('${')) throw new Error(`${id}: a css template with an interpolation`);
          const minified = text
            .replace(/\/\*[^]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{}:;,>])\s*/g, '$1')
            .replace(/;}/g, '}')
            .trim();
          return `css\`${minified}\``;
        }),
        map: null,
      };
    },
  };
}

/**
 * After esbuild's minification the only line breaks left are inside template literals:
 * our html and css templates' indentation. A line break and its indentation become one
 * space, which HTML and CSS read the same way (none of our templates holds a <pre>).
 */
function collapseTemplateWhitespace() {
  return {
    name: 'collapse-template-whitespace',
    renderChunk: (code) => ({ code: code.replace(/[ \t]*\n\s*/g, ' '), map: null }),
  };
}

/**
 * One chunk, `widget`: the feedback form and Lit, all the city-page widget runs. The other
 * bundles build on it (survey.js extends the form; all use its Lit). Without this, rollup
 * would cut a chunk for each set of bundles that share a module, and a city page would wait
 * for several. What only Suora's own pages use (Lit's decorators, say) stays out of it.
 */
function manualChunks(id, { getModuleInfo }) {
  return widgetModules(getModuleInfo).has(id) && !id.endsWith('/widget/src/index.ts') ? 'widget' : undefined;
}

let reachable;
/** Every module the city-page widget imports, directly or not. */
function widgetModules(getModuleInfo) {
  if (reachable) return reachable;
  reachable = new Set();
  const visit = (id) => {
    if (reachable.has(id)) return;
    reachable.add(id);
    for (const imported of getModuleInfo(id).importedIds) visit(imported);
  };
  visit(path.resolve('widget/src/index.ts'));
  return reachable;
}

/**
 * The browser bundles, built together: `suora.js` for any city page; `survey.js`,
 * `dashboard.js` and `public-feed.js` for Suora's own pages (and the public feed for city
 * pages that embed it). They share one Lit, in `chunks/widget-HASH.js`: a page that loads
 * two of them runs one Lit, and so creates one Trusted Types policy named `lit-html` (a
 * second would be refused by a page's CSP, and its bundle would not run). A chunk's name
 * changes with its content, so it can be cached for good and never mixes with another build's.
 */
export default {
  input: {
    suora: 'widget/src/index.ts',
    survey: 'widget/src/survey/index.ts',
    dashboard: 'widget/src/dashboard/index.ts',
    'public-feed': 'widget/src/public-feed/index.ts',
  },
  output: {
    dir: 'dist/widget',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    manualChunks,
  },
  plugins: [
    minifyLitCss(),
    // 'production' picks Lit's production build (no dev-mode warnings).
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
    // Standard decorators are transpiled for es2022; esbuild reads tsconfig.widget.json.
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.widget.json', legalComments: 'eof' }),
    collapseTemplateWhitespace(),
  ],
};
