import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: this file runs as dist/server/src/paths.js. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The browser bundles that rollup builds and the server serves. */
export const WIDGET_DIR = path.join(PACKAGE_ROOT, 'dist/widget');
/** Stylesheets of the server's own pages. */
export const ASSETS_DIR = path.join(PACKAGE_ROOT, 'server/assets');
/** The demo's sample pages and seed data. */
export const DEMO_DIR = path.join(PACKAGE_ROOT, 'demo');
