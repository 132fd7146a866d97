import type { Scores, ScoresByPeriod } from '../contract.js';
import type { FeedbackFacts } from '../store/feedback-filter.js';

/** What the scores read of an item. */
type Rated = Pick<FeedbackFacts, 'rating' | 'createdAt'>;

export type Period = 'week' | 'month';

/** Count, mean, CSAT (share of 4–5 in %) and the 1–5 distribution of a set of feedback. */
export function scoresOf(items: readonly Rated[]): Scores {
  const distribution: Scores['distribution'] = [0, 0, 0, 0, 0];
  let sum = 0;
  let satisfied = 0;
  let rated = 0;
  for (const item of items) {
    if (item.rating === null) continue;
    rated++;
    sum += item.rating;
    distribution[item.rating - 1]!++;
    if (item.rating >= 4) satisfied++;
  }
  return {
    count: items.length,
    rated,
    mean: rated ? round(sum / rated, 2) : null,
    csat: rated ? round((100 * satisfied) / rated, 1) : null,
    distribution,
  };
}

/** The same figures per ISO week or calendar month (UTC), oldest first; empty periods left out. */
export function scoresByPeriod(items: readonly Rated[], period: Period): ScoresByPeriod[] {
  return [...groupBy(items, (f) => periodOfTime(f.createdAt, period))]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => ({ period: key, scores: scoresOf(group) }));
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  return groups;
}

const periodOfDay = { week: new Map<number, string>(), month: new Map<number, string>() };

/**
 * The period of an ISO UTC time such as `2026-11-27T12:00:00.000Z`, through a cache keyed
 * by the day as a number (20261127): scores group tens of thousands of items, and reading
 * digits is cheaper than slicing and hashing a string per item.
 */
export function periodOfTime(iso: string, period: Period): string {
  const day = digits(iso, 0, 4) * 10_000 + digits(iso, 5, 7) * 100 + digits(iso, 8, 10);
  const cache = periodOfDay[period];
  let key = cache.get(day);
  if (key === undefined) {
    if (cache.size > 10_000) cache.clear();
    cache.set(day, (key = periodOf(new Date(`${iso.slice(0, 10)}T00:00:00Z`), period)));
  }
  return key;
}

function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** `2026-11` or the ISO week `2026-W48`. */
export function periodOf(date: Date, period: Period): string {
  if (period === 'month') return date.toISOString().slice(0, 7);
  // ISO week: the week with the year's first Thursday is week 1.
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Median hours from arrival to the city's reply, over the items that have one. */
export function medianHoursToAnswer(items: readonly Pick<FeedbackFacts, 'repliedAt' | 'createdAt'>[]): number | null {
  const hours = items
    .filter((f) => f.repliedAt)
    .map((f) => (Date.parse(f.repliedAt!) - Date.parse(f.createdAt)) / 3_600_000)
    .sort((a, b) => a - b);
  if (hours.length === 0) return null;
  const middle = Math.floor(hours.length / 2);
  return round(hours.length % 2 ? hours[middle]! : (hours[middle - 1]! + hours[middle]!) / 2, 1);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
