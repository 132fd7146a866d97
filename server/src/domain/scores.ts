import type { Scores, ScoresByPeriod } from '../../../contract/api.js';
import { periodOfTime, type Period } from './city-time.js';
import type { FeedbackFacts } from './feedback-facts.js';

/** What the scores read of an item. */
type Rated = Pick<FeedbackFacts, 'rating' | 'createdMs'>;

/** Running figures of a set of feedback, one item at a time. */
class Tally {
  count = 0;
  rated = 0;
  sum = 0;
  satisfied = 0;
  readonly distribution: Scores['distribution'] = [0, 0, 0, 0, 0];

  /** One item with this rating, or `times` of them (a database's count). */
  add(rating: number | null, times = 1): void {
    this.count += times;
    if (rating === null) return;
    this.rated += times;
    this.sum += rating * times;
    this.distribution[rating - 1]! += times;
    if (rating >= 4) this.satisfied += times;
  }

  scores(): Scores {
    const { count, rated, sum, satisfied, distribution } = this;
    return {
      count,
      rated,
      mean: rated ? round(sum / rated, 2) : null,
      csat: rated ? round((100 * satisfied) / rated, 1) : null,
      distribution,
    };
  }
}

/** Count, mean, CSAT (share of 4–5 in %) and the 1–5 distribution of a set of feedback. */
export function scoresOf(items: readonly Pick<FeedbackFacts, 'rating'>[]): Scores {
  const tally = new Tally();
  for (const item of items) tally.add(item.rating);
  return tally.scores();
}

/** The scores of several sets together (periods of one group, say), from their counts. */
export function scoresTogether(parts: readonly Scores[]): Scores {
  const tally = new Tally();
  for (const part of parts) {
    tally.add(null, part.count - part.rated);
    part.distribution.forEach((times, i) => tally.add(i + 1, times));
  }
  return tally.scores();
}

export interface KeyScores {
  key: string;
  scores: Scores;
  byPeriod: ScoresByPeriod[];
}

/**
 * For each grouping (a key function; null leaves an item out), per key in the order first
 * seen: the scores in total and per ISO week or calendar month in the city's time zone,
 * oldest first, empty periods left out. One pass reads each item once, for every
 * grouping: an official's items lie scattered among a million others in memory, and every
 * pass over them costs more in cache misses than in counting.
 */
export function scoresByKeys<T extends Rated>(
  items: readonly T[],
  period: Period,
  timeZone: string,
  groupings: readonly ((item: T) => string | null)[],
): KeyScores[][] {
  const results = groupings.map(() => new Map<string, PeriodTallies>());
  for (const item of items) {
    const itemPeriod = periodOfTime(item.createdMs, period, timeZone);
    for (let g = 0; g < groupings.length; g++) {
      const key = groupings[g]!(item);
      if (key === null) continue;
      const groups = results[g]!;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = new PeriodTallies()));
      group.add(itemPeriod, item.rating);
    }
  }
  return results.map((groups) => [...groups].map(([key, group]) => ({ key, ...group.result() })));
}

/** The scores of a set of feedback in total and per period, as items (or a database's counts) come in. */
export class PeriodTallies {
  readonly #total = new Tally();
  readonly #byPeriod = new Map<string, Tally>();

  /** One item of this period with this rating, or `times` of them. */
  add(period: string, rating: number | null, times = 1): void {
    this.#total.add(rating, times);
    let tally = this.#byPeriod.get(period);
    if (!tally) this.#byPeriod.set(period, (tally = new Tally()));
    tally.add(rating, times);
  }

  /** The scores in total and per period, oldest first (empty periods left out). */
  result(): { scores: Scores; byPeriod: ScoresByPeriod[] } {
    return {
      scores: this.#total.scores(),
      byPeriod: [...this.#byPeriod].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, tally]) => ({ period, scores: tally.scores() })),
    };
  }
}

/** Hours from arrival to the city's reply, for an item that has one. */
export function hoursToAnswer(f: Pick<FeedbackFacts, 'repliedAt' | 'createdMs'>): number {
  return (Date.parse(f.repliedAt!) - f.createdMs) / 3_600_000;
}

/** The median, to one decimal; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return round(sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2, 1);
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
