import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/**
 * The browser bundles, each one self-contained ES module with Lit inside: `suora.js` for
 * any city page; `survey.js`, `dashboard.js` and `public-feed.js` for Suora's own pages
 * (and the public feed for city pages that embed it), so a city page never loads them.
 */
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

const bundle = (name, input) => ({
  input,
  output: { file: `dist/widget/${name}.js`, format: 'es', sourcemap: true },
  plugins: [
    minifyLitCss(),
    // 'production' picks Lit's production build (no dev-mode warnings).
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
    // Standard decorators are transpiled for es2022; esbuild reads tsconfig.widget.json.
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.widget.json', legalComments: 'eof' }),
    collapseTemplateWhitespace(),
  ],
});

export default [
  bundle('suora', 'widget/src/index.ts'),
  bundle('survey', 'widget/src/survey/index.ts'),
  bundle('dashboard', 'widget/src/dashboard/index.ts'),
  bundle('public-feed', 'widget/src/public-feed/index.ts'),
];
