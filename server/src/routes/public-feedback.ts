import { Router } from 'express';
import type { PublicFeedbackPage } from '../contract.js';
import { RequestError } from '../domain/errors.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { ID_PATTERN } from '../domain/validation.js';
import type { Store } from '../store/store.js';
import { localeOf } from './staff.js';

const PAGE_SIZE = 20;

/** `GET /api/public/feedback`: published feedback with the city's replies, newest first. */
export function publicFeedbackRoutes(store: Store): Router {
  const router = Router();
  router.get('/api/public/feedback', async (req, res) => {
    const locale = localeOf(req);
    const topic = optionalId(req.query.topic, 'topic');
    const serviceArea = optionalId(req.query.serviceArea, 'serviceArea');
    const page = req.query.page === undefined ? 1 : Number(req.query.page);
    if (!Number.isInteger(page) || page < 1 || page > 100_000) {
      throw new RequestError(400, 'invalid_page', 'The page is a whole number from 1.', { page: 'Use 1, 2, 3…' });
    }
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

function optionalId(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  throw new RequestError(400, 'invalid_filter', `The ${name} filter is not a valid id.`, { [name]: 'Not a valid id.' });
}
