import type { AreaStats, Locale, StatsResponse } from '../../../contract/api.js';
import type { FeedbackFacts } from './feedback-facts.js';
import { periodOfTime, type Period } from './city-time.js';
import { hoursToAnswer, median, PeriodTallies, round } from './scores.js';
import type { Store } from './store-port.js';
import type { DayRange } from './aggregates.js';

/** Decision-makers' statistics of all feedback: in total, per service area and per topic (by id). */
export interface FeedbackStats {
  total: AreaStats;
  byServiceArea: Map<string, AreaStats>;
  byTopic: Map<string, AreaStats>;
}

/** The running figures of one area, topic or the total, as items (or a database's counts) come in. */
export class KeyStats {
  readonly scores = new PeriodTallies();
  readonly byStatus: AreaStats['byStatus'] = noneByStatus();
  /** Hours to the city's reply, of the items that have one (the median is taken at the end). */
  readonly hours: number[] = [];
  /** The median hours, where a database worked it out instead. */
  medianHours: number | null | undefined;

  stats(): AreaStats {
    const medianHours = this.medianHours === undefined ? median(this.hours) : this.medianHours;
    return {
      ...this.scores.result(),
      byStatus: this.byStatus,
      medianHoursToAnswer: medianHours === null ? null : round(medianHours, 1),
    };
  }
}

/** What the statistics count of an item: its area, topic, period, rating and status. */
export interface Counted extends Pick<FeedbackFacts, 'serviceAreaId' | 'topicId' | 'rating' | 'status'> {
  period: string;
}

/** Collects `KeyStats` for the total, each service area and each topic. */
export class StatsCollector {
  readonly total = new KeyStats();
  readonly #byServiceArea = new Map<string, KeyStats>();
  readonly #byTopic = new Map<string, KeyStats>();

  serviceArea(id: string): KeyStats {
    return keyStats(this.#byServiceArea, id);
  }

  topic(id: string): KeyStats {
    return keyStats(this.#byTopic, id);
  }

  /** An item, or `times` alike, under the total, its area and its topic (a signature link's item has none). */
  add(item: Counted, times = 1): KeyStats[] {
    const all = [this.total, this.serviceArea(item.serviceAreaId)];
    if (item.topicId !== null) all.push(this.topic(item.topicId));
    for (const stats of all) {
      stats.scores.add(item.period, item.rating, times);
      stats.byStatus[item.status] += times;
    }
    return all;
  }

  stats(): FeedbackStats {
    const all = (map: Map<string, KeyStats>) => new Map([...map].map(([id, s]) => [id, s.stats()]));
    return { total: this.total.stats(), byServiceArea: all(this.#byServiceArea), byTopic: all(this.#byTopic) };
  }
}

function keyStats(map: Map<string, KeyStats>, id: string): KeyStats {
  let stats = map.get(id);
  if (!stats) map.set(id, (stats = new KeyStats()));
  return stats;
}

/** Items counted between two turns of the event loop: a million take a few hundred ms in all. */
const STATS_SLICE = 50_000;

/**
 * The statistics of these items, in one pass (what a store without a query language does),
 * a slice at a time, so that submissions go on meanwhile. `items` must not change until
 * the result is there.
 */
export async function statsOfFacts(
  items: readonly FeedbackFacts[],
  period: Period,
  timeZone: string,
  slice = STATS_SLICE,
): Promise<FeedbackStats> {
  const collector = new StatsCollector();
  for (let start = 0; start < items.length; start += slice) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (let i = start; i < Math.min(start + slice, items.length); i++) {
      const f = items[i]!;
      const counted = collector.add({ serviceAreaId: f.serviceAreaId, topicId: f.topicId, rating: f.rating, status: f.status, period: periodOfTime(f.createdMs, period, timeZone) });
      if (f.repliedAt) {
        const hours = hoursToAnswer(f);
        for (const stats of counted) stats.hours.push(hours);
      }
    }
  }
  return collector.stats();
}

/**
 * Decision-makers' statistics of the city's `days`: in total, and for every service area and
 * topic in the directory (named in `locale`), those without feedback too; periods in `timeZone`.
 */
export async function statsReport(store: Store, period: Period, timeZone: string, locale: Locale, days: DayRange): Promise<StatsResponse> {
  const [stats, areas, topics] = await Promise.all([store.feedbackStats(period, timeZone, days), store.listServiceAreas(), store.listTopics()]);
  return {
    period,
    days: { from: days.from, to: days.to ?? null },
    total: stats.total,
    byServiceArea: areas.map((a) => ({ key: a.id, label: a.name[locale], ...(stats.byServiceArea.get(a.id) ?? emptyStats()) })),
    byTopic: topics.map((t) => ({
      key: t.id,
      label: t.name[locale],
      forBusinesses: t.forBusinesses,
      ...(stats.byTopic.get(t.id) ?? emptyStats()),
    })),
  };
}

/** The statistics of no feedback: an area or topic that has none yet. */
function emptyStats(): AreaStats {
  return new KeyStats().stats();
}

function noneByStatus(): AreaStats['byStatus'] {
  return { new: 0, 'in-progress': 0, answered: 0, closed: 0 };
}
