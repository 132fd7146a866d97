import { Router } from 'express';
import type { PublicFeedbackPage } from '../../../contract/api.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import type { Store } from '../domain/store-port.js';
import { idParam, localeOf, pageNumberOf } from '../http/query-params.js';

const PAGE_SIZE = 20;

/** `GET /api/public/feedback`: published feedback with the city's replies, newest first. */
export function publicFeedbackRoutes(store: Store): Router {
  const router = Router();
  router.get('/api/public/feedback', async (req, res) => {
    const locale = localeOf(req);
    const topic = idParam(req, 'topic');
    const serviceArea = idParam(req, 'serviceArea');
    const page = pageNumberOf(req, 100_000);
    const { items, total } = await store.queryFeedback(
      {
        public: true,
        published: true,
        ...(topic !== undefined && { topicId: topic }),
        ...(serviceArea !== undefined && { serviceAreaId: serviceArea }),
      },
      { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    );
    const views = await FeedbackViews.load(store, locale);
    const body: PublicFeedbackPage = { items: items.map((f) => views.publicItem(f)), page, pageSize: PAGE_SIZE, total };
    res.set('Cache-Control', 'public, max-age=30').json(body);
  });
  return router;
}

