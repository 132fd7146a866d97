import { Router } from 'express';
import { topicsOffered } from '../domain/directory-views.js';
import type { Store } from '../domain/store-port.js';
import { localeOf } from '../http/query-params.js';

/** `GET /api/topics?locale=fi`: the topics the widget offers, named in one language. */
export function topicsRoutes(store: Store): Router {
  const router = Router();
  router.get('/api/topics', async (req, res) => {
    res.set('Cache-Control', 'public, max-age=60').json(await topicsOffered(store, localeOf(req)));
  });
  return router;
}
