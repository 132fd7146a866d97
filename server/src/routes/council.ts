import { Router } from 'express';
import { dayRangeOf } from '../http/day-range.js';
import { councilFeed } from '../domain/feedback-reading.js';
import { statsReport } from '../domain/stats.js';
import { requireRole } from '../http/session.js';
import type { Store } from '../domain/store-port.js';
import { idParam, localeOf, pageOf, periodOf } from '../http/query-params.js';

/** Decision-makers' reading (domain/feedback-reading.ts `councilFeed`) and statistics per area and topic. */
export function councilRoutes(store: Store, options: { timeZone: string }): Router {
  const router = Router();
  const readers = requireRole('decision-maker', 'admin');

  router.get('/api/council/feedback', readers, async (req, res) => {
    const page = await councilFeed(store, localeOf(req), pageOf(req), { topicId: idParam(req, 'topic') });
    res.set('Cache-Control', 'no-store').json(page);
  });

  router.get('/api/stats', readers, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await statsReport(store, periodOf(req), options.timeZone, localeOf(req), dayRangeOf(req, options.timeZone)));
  });
  return router;
}
