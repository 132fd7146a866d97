import { Router } from 'express';
import { absoluteUrl, type CityIdentity } from '../city-identity.js';
import { topicsOffered } from '../domain/directory-views.js';
import type { Store } from '../domain/store-port.js';
import { localeOf } from '../http/query-params.js';

/**
 * `GET /api/topics?locale=fi`: the topics the widget offers, named in one language, and the
 * city's privacy notice in that language for the form to link (absolute: the form is on the city's pages).
 */
export function topicsRoutes(store: Store, options: { publicUrl: string; identity: CityIdentity }): Router {
  const router = Router();
  router.get('/api/topics', async (req, res) => {
    const locale = localeOf(req);
    const privacy = options.identity.privacyUrl?.[locale];
    res
      .set('Cache-Control', 'public, max-age=60')
      .json({ ...(await topicsOffered(store, locale)), ...(privacy && { privacyUrl: absoluteUrl(privacy, options.publicUrl) }) });
  });
  return router;
}
