import { firstDayOfPeriod, localDay, type Period } from './city-time.js';
import type { FeedbackFacts } from './feedback-facts.js';
import { hoursToAnswer } from './scores.js';
import type { Status } from './model.js';

/**
 * Dashboard figures kept as running sums per city day (in the zone the store was opened
 * with), so that a read costs what it shows, not what is stored. Two kinds of cell, each a
 * count, the counts per rating 1–5 (the rest have none) and, for statistics, a histogram of
 * hours to the reply: a median is not a sum, but the median of summed histograms is the
 * median of the items, to the histogram's resolution (see `hoursBucket`).
 */
export interface Counts {
  count: number;
  /** Items rated 1, 2, 3, 4, 5. */
  ratings: [number, number, number, number, number];
}

/** Statistics: per day, area, topic (null: a signature link's item) and status. */
export interface StatsCell extends Counts {
  day: string;
  serviceAreaId: string;
  topicId: string | null;
  status: Status;
  /** Bucket (`hoursBucket`) -> replied items. */
  hours: Map<number, number>;
}

/** Scores: per day, area, official, survey link, `ref` and channel. */
export interface ScoreCell extends Counts {
  day: string;
  serviceAreaId: string;
  officialId: string;
  linkId: string | null;
  ref: string | null;
  channel: string;
}

/** Local dates `YYYY-MM-DD`, both included; no `to`: up to now and beyond (a clock ahead). */
export interface DayRange {
  from: string;
  to?: string | undefined;
}

/**
 * How finely a reader groups score cells, so that a store may sum its day cells before
 * handing them over (PostgreSQL does: a year of an area's days is thousands of rows, its
 * months a few hundred): per `period`, each such cell dated its period's first day, and,
 * with `linksAndRefs` false, over every survey link and `ref` (both null). A store may
 * also hand over the day cells: readers group them by period anyway.
 */
export interface ScoreGrain {
  period: Period;
  linksAndRefs: boolean;
}

/** Whose scores: an official's own, a service area's items, or a manager's reach (their area's items, or routed to its people). */
export type ScoreScope = { officialId: string } | { serviceAreaId: string } | { reach: { serviceAreaId: string; officialIds: readonly string[] } };

/**
 * The histogram's buckets, and so the median's honest resolution: tenths of an hour below
 * 48 h (what the dashboards show; a bucket stands for its lower bound, so replies at whole
 * minutes of six come out exact), then whole hours up to 30 days and whole days up to a
 * year (each standing for its middle: within half an hour, half a day), and one bucket
 * beyond (a year). A reply before its item counts as 0 h.
 */
const FINE_LIMIT = 480; // 48 h in tenths
const HOURS_LIMIT = FINE_LIMIT + 720 - 48; // then hours to 720 h
const DAYS_LIMIT = HOURS_LIMIT + 365 - 30; // then days to 365 d

export function hoursBucket(hours: number): number {
  if (!(hours > 0)) return 0;
  if (hours < 48) return Math.floor(hours * 10 + 1e-9);
  if (hours < 720) return FINE_LIMIT + Math.floor(hours) - 48;
  if (hours < 8760) return HOURS_LIMIT + Math.floor(hours / 24) - 30;
  return DAYS_LIMIT;
}

export function bucketHours(bucket: number): number {
  if (bucket < FINE_LIMIT) return bucket / 10;
  if (bucket < HOURS_LIMIT) return bucket - FINE_LIMIT + 48 + 0.5;
  if (bucket < DAYS_LIMIT) return (bucket - HOURS_LIMIT + 30) * 24 + 12;
  return 8760;
}

/** The same rule in SQL, for PostgreSQL's triggers (`hours` a float8 expression). */
export const HOURS_BUCKET_SQL = (hours: string) => `CASE
  WHEN NOT (${hours} > 0) THEN 0
  WHEN ${hours} < 48 THEN floor(${hours} * 10 + 1e-9)::int
  WHEN ${hours} < 720 THEN ${FINE_LIMIT} + floor(${hours})::int - 48
  WHEN ${hours} < 8760 THEN ${HOURS_LIMIT} + floor(${hours} / 24)::int - 30
  ELSE ${DAYS_LIMIT} END`;

/** How far a median read from the histogram may be from the items' own, at `hours` (for tests and the manual). */
export function medianResolution(hours: number): number {
  return hours < 48 ? 0.1 : hours < 720 ? 0.5 : hours < 8760 ? 12 : Infinity;
}

/** How many buckets there are: a histogram fits an array of this length. */
export const HOURS_BUCKETS = DAYS_LIMIT + 1;

/** The median of a histogram (its count per bucket): the middle item's bucket, or the mean of the middle two; null for none. */
export function histogramMedian(histogram: ArrayLike<number>): number | null {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i]!;
  if (total === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (let bucket = 0; bucket < histogram.length; bucket++) if ((seen += histogram[bucket]!) > rank) return bucketHours(bucket);
    return bucketHours(histogram.length - 1);
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * The aggregates in memory (the lowdb store's): each item's facts added once and taken
 * back with the same facts when it changes or goes, days in `timeZone`.
 */
export class DayAggregates {
  /**
   * Day -> area -> topic ('' for none) -> status -> cell. Nested maps of the facts' own
   * strings, not one key made per item: a million items at start-up make no garbage.
   */
  readonly #stats: Nested<StatsCell> = new Map();
  /** Official -> day -> area -> link -> ref -> channel -> cell: an official's scores read only theirs. */
  readonly #scores: Nested<ScoreCell> = new Map();
  /** Area -> official: whose cells a manager's reach of an area covers. */
  readonly #officialsOfArea = new Map<string, Map<string, number>>();
  #items = 0;

  constructor(readonly timeZone: string) {}

  /** How many items are counted. */
  get items(): number {
    return this.#items;
  }

  add(f: FeedbackFacts): void {
    this.#apply(f, 1);
  }

  remove(f: FeedbackFacts): void {
    this.#apply(f, -1);
  }

  #apply(f: FeedbackFacts, sign: 1 | -1): void {
    // An item stored before times were checked, with one that cannot be read, is on no day: no dashboard counts it.
    if (!Number.isFinite(f.createdMs)) return;
    this.#items += sign;
    const day = localDay(f.createdMs, this.timeZone);
    const stats = cellAt(this.#stats, statsKeys(day, f), () => ({
      day,
      serviceAreaId: f.serviceAreaId,
      topicId: f.topicId,
      status: f.status,
      ...noCounts(),
      hours: new Map<number, number>(),
    }));
    count(stats, f.rating, sign);
    if (f.repliedAt) {
      const bucket = hoursBucket(hoursToAnswer(f));
      const n = (stats.hours.get(bucket) ?? 0) + sign;
      if (n === 0) stats.hours.delete(bucket);
      else stats.hours.set(bucket, n);
    }
    if (stats.count === 0) dropCell(this.#stats, statsKeys(day, f));

    const keys = scoreKeys(day, f);
    const score = cellAt(this.#scores, keys, () => ({ day, serviceAreaId: f.serviceAreaId, officialId: f.officialId, linkId: f.linkId, ref: f.ref, channel: f.channel, ...noCounts() }));
    count(score, f.rating, sign);
    if (score.count === 0) dropCell(this.#scores, keys);
    this.#countOfficial(f.serviceAreaId, f.officialId, sign);
  }

  #countOfficial(serviceAreaId: string, officialId: string, items: number): void {
    let officials = this.#officialsOfArea.get(serviceAreaId);
    if (!officials) this.#officialsOfArea.set(serviceAreaId, (officials = new Map()));
    const n = (officials.get(officialId) ?? 0) + items;
    if (n === 0) officials.delete(officialId);
    else officials.set(officialId, n);
  }

  /** Every cell (a snapshot's: store/lowdb/aggregates-file.ts). */
  allCells(): { stats: StatsCell[]; scores: ScoreCell[] } {
    const scores: ScoreCell[] = [];
    leaves(this.#scores, scores);
    return { stats: this.statsCells(), scores };
  }

  /** The aggregates of cells as `allCells` gave them (a snapshot read back); undefined if two cells have the same keys. */
  static ofCells(timeZone: string, stats: Iterable<StatsCell>, scores: Iterable<ScoreCell>): DayAggregates | undefined {
    const aggregates = new DayAggregates(timeZone);
    for (const cell of stats) {
      if (cellAt(aggregates.#stats, statsKeys(cell.day, cell), () => cell) !== cell) return undefined;
      aggregates.#items += cell.count;
    }
    for (const cell of scores) {
      if (cellAt(aggregates.#scores, scoreKeys(cell.day, cell), () => cell) !== cell) return undefined;
      aggregates.#countOfficial(cell.serviceAreaId, cell.officialId, cell.count);
    }
    return aggregates;
  }

  /** The statistics cells of the days in `range` (all without one). */
  statsCells(range?: DayRange): StatsCell[] {
    const cells: StatsCell[] = [];
    for (const [day, ofDay] of this.#stats) if (inRange(day, range)) leaves(ofDay as Nested<StatsCell>, cells);
    return cells;
  }

  /** The score cells of a scope, of the days in `range`, summed to `grain` when given. */
  scoreCells(scope: ScoreScope, range?: DayRange, grain?: ScoreGrain): ScoreCell[] {
    const cells = this.#dayScoreCells(scope, range);
    return grain ? scoreCellsOfGrain(cells, grain) : cells;
  }

  #dayScoreCells(scope: ScoreScope, range?: DayRange): ScoreCell[] {
    const cells: ScoreCell[] = [];
    const take = (officialId: string, area?: string) => {
      for (const [day, ofDay] of (this.#scores.get(officialId) as Nested<ScoreCell> | undefined) ?? []) {
        if (!inRange(day, range)) continue;
        for (const [areaId, ofArea] of ofDay as Nested<ScoreCell>) if (area === undefined || areaId === area) leaves(ofArea as Nested<ScoreCell>, cells);
      }
    };
    if ('officialId' in scope) take(scope.officialId);
    else if ('serviceAreaId' in scope) for (const id of this.#officialsOfArea.get(scope.serviceAreaId)?.keys() ?? []) take(id, scope.serviceAreaId);
    else {
      const { serviceAreaId, officialIds } = scope.reach;
      for (const id of officialIds) take(id);
      // The area's items with someone outside the team (a deputy elsewhere).
      for (const id of this.#officialsOfArea.get(serviceAreaId)?.keys() ?? []) if (!officialIds.includes(id)) take(id, serviceAreaId);
    }
    return cells;
  }
}

/** Day cells summed to `grain` (see ScoreGrain), as PostgreSQL sums them: each dated its period's first day. */
export function scoreCellsOfGrain(cells: readonly ScoreCell[], grain: ScoreGrain): ScoreCell[] {
  const firstDays = new Map<string, string>();
  const sums = new Map<string, ScoreCell>();
  for (const cell of cells) {
    let day = firstDays.get(cell.day);
    if (day === undefined) firstDays.set(cell.day, (day = firstDayOfPeriod(cell.day, grain.period)));
    const linkId = grain.linksAndRefs ? cell.linkId : null;
    const ref = grain.linksAndRefs ? cell.ref : null;
    const key = scoreKeys(day, { ...cell, linkId, ref }).join('\u0000');
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = { ...cell, day, linkId, ref, count: 0, ratings: [0, 0, 0, 0, 0] }));
    sum.count += cell.count;
    for (let r = 0; r < 5; r++) sum.ratings[r]! += cell.ratings[r]!;
  }
  return [...sums.values()];
}

function statsKeys(day: string, of: { serviceAreaId: string; topicId: string | null; status: Status }): string[] {
  return [day, of.serviceAreaId, of.topicId ?? '', of.status];
}

function scoreKeys(day: string, of: { officialId: string; serviceAreaId: string; linkId: string | null; ref: string | null; channel: string }): string[] {
  return [of.officialId, day, of.serviceAreaId, of.linkId ?? '', of.ref ?? '\u0001', of.channel];
}

/** Maps within maps, cells at the leaves. */
type Nested<T> = Map<string, Nested<T> | T>;

function cellAt<T>(root: Nested<T>, keys: readonly string[], make: () => T): T {
  let level = root;
  for (let i = 0; i < keys.length - 1; i++) {
    let next = level.get(keys[i]!) as Nested<T> | undefined;
    if (!next) level.set(keys[i]!, (next = new Map()));
    level = next;
  }
  let cell = level.get(keys.at(-1)!) as T | undefined;
  if (cell === undefined) level.set(keys.at(-1)!, (cell = make()));
  return cell;
}

/** Removes an empty cell, and the maps it leaves empty. */
function dropCell<T>(root: Nested<T>, keys: readonly string[]): void {
  const path: Nested<T>[] = [root];
  for (let i = 0; i < keys.length - 1; i++) path.push(path[i]!.get(keys[i]!) as Nested<T>);
  for (let i = keys.length - 1; i >= 0; i--) {
    path[i]!.delete(keys[i]!);
    if (path[i]!.size > 0) return;
  }
}

function leaves<T>(level: Nested<T>, into: T[]): void {
  for (const value of level.values()) {
    if (value instanceof Map) leaves(value as Nested<T>, into);
    else into.push(value);
  }
}

/** The aggregates of these facts, counted now (a zone other than the store's, or a rebuild). */
export function aggregatesOf(facts: Iterable<FeedbackFacts>, timeZone: string): DayAggregates {
  const aggregates = new DayAggregates(timeZone);
  for (const f of facts) aggregates.add(f);
  return aggregates;
}

export function inRange(day: string, range: DayRange | undefined): boolean {
  return range === undefined || (day >= range.from && (range.to === undefined || day <= range.to));
}

function noCounts(): Counts {
  return { count: 0, ratings: [0, 0, 0, 0, 0] };
}

function count(cell: Counts, rating: number | null, sign: 1 | -1): void {
  cell.count += sign;
  if (rating !== null) cell.ratings[rating - 1]! += sign;
}
