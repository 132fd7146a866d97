import { Router } from 'express';
import type { AreaStats, StatsResponse } from '../contract.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { groupBy, medianHoursToAnswer, scoresByPeriod, scoresOf, type Period } from '../domain/scores.js';
import { requireRole } from '../http/session.js';
import type { FeedbackFacts, Store } from '../store/store.js';
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
    const [feedback, areas, topics] = await Promise.all([store.feedbackFacts({}), store.listServiceAreas(), store.listTopics()]);
    const byArea = groupBy(feedback, (f) => f.serviceAreaId);
    const byTopic = groupBy(feedback, (f) => f.topicId);
    const body: StatsResponse = {
      period,
      total: areaStats(feedback, period),
      byServiceArea: areas.map((a) => ({ key: a.id, label: a.name[locale], ...areaStats(byArea.get(a.id) ?? [], period) })),
      byTopic: topics.map((t) => ({
        key: t.id,
        label: t.name[locale],
        forBusinesses: t.forBusinesses,
        ...areaStats(byTopic.get(t.id) ?? [], period),
      })),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

function areaStats(items: FeedbackFacts[], period: Period): AreaStats {
  const byStatus = { new: 0, 'in-progress': 0, answered: 0, closed: 0 };
  for (const f of items) byStatus[f.status]++;
  return { scores: scoresOf(items), byPeriod: scoresByPeriod(items, period), byStatus, medianHoursToAnswer: medianHoursToAnswer(items) };
}
