import { access } from 'node:fs/promises';
import path from 'node:path';
import { Router, type Response } from 'express';

/** The browser bundles rollup builds: the widget for any city page, and one per page of Suora's own. */
const BUNDLES = ['suora.js', 'survey.js', 'dashboard.js', 'public-feed.js'];
/** The chunks the bundles import (rollup.config.mjs): a name and a hash of the content. */
const CHUNK = /^\/chunks\/[a-z-]+-[\w-]{8}\.js$/;

/**
 * `GET /suora.js`, the other bundles and the chunks they import. Other sites load the widget
 * as a module script, so all are served with CORS and a cross-origin resource policy
 * (helmet's default would block them). A bundle keeps its name from release to release and
 * is cached briefly; a chunk's name changes with its content, so it is cached for good.
 */
export function widgetScriptRoutes(bundleDir: string): Router {
  const router = Router();
  router.get(
    BUNDLES.map((name) => `/${name}`),
    async (req, res) => {
      if (await send(res, path.join(bundleDir, path.basename(req.path)), 'public, max-age=300')) return;
      res.status(503).type('text/plain').send('The widget has not been built yet: run `npm run build`.');
    },
  );
  router.get('/chunks/:file', async (req, res, next) => {
    if (!CHUNK.test(req.path) || !(await send(res, path.join(bundleDir, req.path), 'public, max-age=31536000, immutable'))) next();
  });
  return router;
}

/** Sends `file` as a script other sites may load; false when it is not there. */
async function send(res: Response, file: string, cacheControl: string): Promise<boolean> {
  const built = await access(file).then(
    () => true,
    () => false,
  );
  if (!built) return false;
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': cacheControl,
  });
  res.type('text/javascript').sendFile(file);
  return true;
}
