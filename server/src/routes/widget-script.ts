import { access } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';

/** The browser bundles rollup builds: the widget for any city page, and one per page of Suora's own. */
const BUNDLES = ['suora.js', 'survey.js', 'dashboard.js', 'public-feed.js'];

/**
 * `GET /suora.js` and `/survey.js`. Other sites load the widget as a module script, so it
 * is served with CORS and a cross-origin resource policy (helmet's default would block it).
 */
export function widgetScriptRoutes(bundleDir: string): Router {
  const router = Router();
  router.get(
    BUNDLES.map((name) => `/${name}`),
    async (req, res) => {
      res.set({
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'public, max-age=300',
      });
      const file = path.join(bundleDir, path.basename(req.path));
      const built = await access(file).then(
        () => true,
        () => false,
      );
      if (!built) {
        res.status(503).type('text/plain').send('The widget has not been built yet: run `npm run build`.');
        return;
      }
      res.type('text/javascript').sendFile(file);
    },
  );
  return router;
}
