import { Router } from 'express';
import { dayRangeOf } from '../http/day-range.js';
import { councilFeed } from '../domain/feedback-reading.js';
import { statsReport } from '../domain/stats.js';
import { requireRole } from '../http/session.js';
import type { Store } from '../domain/store-port.js';
import { councilFeedQuery, dashboardQuery } from '../http/query-params.js';

/** Decision-makers' reading (domain/feedback-reading.ts `councilFeed`) and statistics per area and topic. */
export function councilRoutes(store: Store, options: { timeZone: string }): Router {
  const router = Router();
  const readers = requireRole('decision-maker', 'admin');

  router.get('/api/council/feedback', readers, async (req, res) => {
    const { locale, topic, page, pageSize } = councilFeedQuery.read(req);
    const feed = await councilFeed(store, locale, { page, pageSize }, { topicId: topic });
    res.set('Cache-Control', 'no-store').json(feed);
  });

  router.get('/api/stats', readers, async (req, res) => {
    const query = dashboardQuery.read(req);
    res.set('Cache-Control', 'no-store').json(await statsReport(store, query.period, options.timeZone, query.locale, dayRangeOf(query, options.timeZone)));
  });
  return router;
}
