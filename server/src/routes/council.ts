import { Router } from 'express';
import type { StatsResponse } from '../../../contract/api.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { emptyStats } from '../domain/stats.js';
import { requireRole } from '../http/session.js';
import type { Store } from '../domain/store-port.js';
import { idParam, localeOf, pageOf, periodOf } from '../http/query-params.js';

/**
 * Decision-makers' reading: every item whose giver chose public (published or not yet),
 * with the city's replies and without contact data; statistics per area and topic.
 */
export function councilRoutes(store: Store): Router {
  const router = Router();
  const readers = requireRole('decision-maker', 'admin');

  router.get('/api/council/feedback', readers, async (req, res) => {
    const views = await FeedbackViews.load(store, localeOf(req));
    const page = pageOf(req);
    const topic = idParam(req, 'topic');
    const { items, total } = await store.queryFeedback(
      { public: true, ...(topic && { topicId: topic }) },
      { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
    );
    res.set('Cache-Control', 'no-store').json({ items: items.map((f) => views.councilItem(f)), total, ...page });
  });

  router.get('/api/stats', readers, async (req, res) => {
    const period = periodOf(req);
    const locale = localeOf(req);
    const [stats, areas, topics] = await Promise.all([store.feedbackStats(period), store.listServiceAreas(), store.listTopics()]);
    const body: StatsResponse = {
      period,
      total: stats.total,
      byServiceArea: areas.map((a) => ({ key: a.id, label: a.name[locale], ...(stats.byServiceArea.get(a.id) ?? emptyStats()) })),
      byTopic: topics.map((t) => ({
        key: t.id,
        label: t.name[locale],
        forBusinesses: t.forBusinesses,
        ...(stats.byTopic.get(t.id) ?? emptyStats()),
      })),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}
