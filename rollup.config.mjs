import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/** The browser bundles. Each is one ES module file with Lit inside; no code splitting. */
export default {
  input: { suora: 'widget/src/index.ts' },
  output: {
    dir: 'dist/widget',
    format: 'es',
    entryFileNames: '[name].js',
    sourcemap: true,
  },
  plugins: [
    // 'production' picks Lit's production build (no dev-mode warnings).
    nodeResolve({ exportConditions: ['production', 'browser', 'default'] }),
    // Standard decorators are transpiled for es2022; esbuild reads tsconfig.widget.json.
    esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.widget.json', legalComments: 'eof' }),
  ],
};
