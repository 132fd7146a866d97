import type { FeedbackStatus, Rating } from '../../../../contract/api.js';
import { periodOfTime, type Period } from '../../domain/city-time.js';
import { StatsCollector, type FeedbackStats } from '../../domain/stats.js';

/**
 * The decision-makers' statistics as PostgreSQL aggregates them: a million items become a
 * few hundred rows instead of travelling to the server. One statement, so that both halves
 * see the same snapshot: the count of each area, topic, period, rating and status (summed
 * up here), and the median hours to a reply per total, area and topic (GROUPING SETS).
 * Periods start at midnight in the city's zone ($2), whatever the database server's own zone,
 * and are named by `periodOfTime`, as in the lowdb store.
 */
const FEEDBACK_STATS_SQL = `
  SELECT
    (SELECT json_agg(c) FROM (
      SELECT service_area_id, topic_id, date_trunc($1, created_at, $2) AS period_start, rating, status, count(*) AS n
      FROM feedback GROUP BY 1, 2, 3, 4, 5
    ) c) AS counts,
    (SELECT json_agg(m) FROM (
      SELECT GROUPING(service_area_id) AS no_area, GROUPING(topic_id) AS no_topic, service_area_id, topic_id,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (reply->>'at')::timestamptz - created_at)::float8 / 3600) AS hours
      FROM feedback WHERE reply IS NOT NULL
      GROUP BY GROUPING SETS ((), (service_area_id), (topic_id))
    ) m) AS medians`;

interface CountRow {
  service_area_id: string;
  topic_id: string | null;
  period_start: string;
  rating: Rating | null;
  status: FeedbackStatus;
  n: number;
}

interface MedianRow {
  no_area: 0 | 1;
  no_topic: 0 | 1;
  service_area_id: string | null;
  topic_id: string | null;
  hours: number;
}

export type StatsQuery = (text: string, values: unknown[]) => Promise<{ rows: { counts: CountRow[] | null; medians: MedianRow[] | null }[] }>;

export async function queryFeedbackStats(query: StatsQuery, period: Period, timeZone: string): Promise<FeedbackStats> {
  const { rows } = await query(FEEDBACK_STATS_SQL, [period, timeZone]);
  const { counts, medians } = rows[0]!;
  const collector = new StatsCollector();
  const periods = new Map<string, string>();
  for (const row of counts ?? []) {
    let name = periods.get(row.period_start);
    if (name === undefined) periods.set(row.period_start, (name = periodOfTime(Date.parse(row.period_start), period, timeZone)));
    collector.add({ serviceAreaId: row.service_area_id, topicId: row.topic_id, rating: row.rating, status: row.status, period: name }, row.n);
  }
  for (const row of medians ?? []) {
    // Grouped by topic, the items without one make a row of their own: not a topic's.
    if (!row.no_area) collector.serviceArea(row.service_area_id!).medianHours = row.hours;
    else if (!row.no_topic) {
      if (row.topic_id !== null) collector.topic(row.topic_id).medianHours = row.hours;
    } else collector.total.medianHours = row.hours;
  }
  return collector.stats();
}
