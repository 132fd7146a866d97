import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/**
 * The browser bundles, each one self-contained ES module with Lit inside: `suora.js` for
 * any city page; `survey.js`, `dashboard.js` and `public-feed.js` for Suora's own pages
 * (and the public feed for city pages that embed it), so a city page never loads them.
 */
const bundle = (name, input) => ({
  input,
  output: { file: `dist/widget/${name}.js`, format: 'es', sourcemap: true },
  plugins: [
    // 'production' picks Lit's production build (no dev-mode warnings).
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
    // Standard decorators are transpiled for es2022; esbuild reads tsconfig.widget.json.
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.widget.json', legalComments: 'eof' }),
  ],
});

export default [
  bundle('suora', 'widget/src/index.ts'),
  bundle('survey', 'widget/src/survey/index.ts'),
  bundle('dashboard', 'widget/src/dashboard/index.ts'),
  bundle('public-feed', 'widget/src/public-feed/index.ts'),
];
