import { Router } from 'express';
import { publicFeed } from '../domain/feedback-reading.js';
import type { Store } from '../domain/store-port.js';
import { publicFeedQuery } from '../http/query-params.js';

/** `GET /api/public/feedback`: published feedback with the city's replies, newest first. */
export function publicFeedbackRoutes(store: Store, options: { timeZone: string }): Router {
  const router = Router();
  router.get('/api/public/feedback', async (req, res) => {
    const { locale, topic, serviceArea, page } = publicFeedQuery.read(req);
    const narrow = { topicId: topic, serviceAreaId: serviceArea };
    res.set('Cache-Control', 'public, max-age=30').json(await publicFeed(store, locale, narrow, page, options.timeZone));
  });
  return router;
}
