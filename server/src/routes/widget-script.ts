import { access } from 'node:fs/promises';
import { Router } from 'express';

/**
 * `GET /suora.js`: the widget bundle. Other sites load it as a module script, so it is
 * served with CORS and a cross-origin resource policy (helmet's default would block it).
 */
export function widgetScriptRoutes(bundlePath: string): Router {
  const router = Router();
  router.get('/suora.js', async (_req, res) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'public, max-age=300',
    });
    const built = await access(bundlePath).then(
      () => true,
      () => false,
    );
    if (!built) {
      res.status(503).type('text/plain').send('The widget has not been built yet: run `npm run build`.');
      return;
    }
    res.type('text/javascript').sendFile(bundlePath);
  });
  return router;
}
