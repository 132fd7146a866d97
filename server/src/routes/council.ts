import { Router } from 'express';
import type { AreaStats, StatsResponse } from '../contract.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { hoursToAnswer, median, scoresByKeys, scoresOf, type Period } from '../domain/scores.js';
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
    const [total, byArea, byTopic] = statsByKeys(feedback, period, [() => '', (f) => f.serviceAreaId, (f) => f.topicId]);
    const body: StatsResponse = {
      period,
      total: total!.get('') ?? emptyStats(),
      byServiceArea: areas.map((a) => ({ key: a.id, label: a.name[locale], ...(byArea!.get(a.id) ?? emptyStats()) })),
      byTopic: topics.map((t) => ({
        key: t.id,
        label: t.name[locale],
        forBusinesses: t.forBusinesses,
        ...(byTopic!.get(t.id) ?? emptyStats()),
      })),
    };
    res.set('Cache-Control', 'no-store').json(body);
  });
  return router;
}

/** Per grouping, per key: the scores and the handling figures, in two passes over all items for every grouping at once. */
function statsByKeys(
  items: FeedbackFacts[],
  period: Period,
  groupings: ((f: FeedbackFacts) => string | null)[],
): Map<string, AreaStats>[] {
  const handling = groupings.map(() => new Map<string, { byStatus: AreaStats['byStatus']; hours: number[] }>());
  for (const f of items) {
    const hours = f.repliedAt ? hoursToAnswer(f) : null;
    for (let g = 0; g < groupings.length; g++) {
      const key = groupings[g]!(f);
      if (key === null) continue;
      let h = handling[g]!.get(key);
      if (!h) handling[g]!.set(key, (h = { byStatus: noneByStatus(), hours: [] }));
      h.byStatus[f.status]++;
      if (hours !== null) h.hours.push(hours);
    }
  }
  return scoresByKeys(items, period, groupings).map(
    (groups, g) =>
      new Map(
        groups.map(({ key, scores, byPeriod }) => {
          const { byStatus, hours } = handling[g]!.get(key)!;
          return [key, { scores, byPeriod, byStatus, medianHoursToAnswer: median(hours) }];
        }),
      ),
  );
}

function emptyStats(): AreaStats {
  return { scores: scoresOf([]), byPeriod: [], byStatus: noneByStatus(), medianHoursToAnswer: null };
}

function noneByStatus(): AreaStats['byStatus'] {
  return { new: 0, 'in-progress': 0, answered: 0, closed: 0 };
}
