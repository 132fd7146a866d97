import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { medianResolution, type DayRange, type ScoreCell, type ScoreScope } from '../../server/src/domain/aggregates.js';
import { scoresOfCells } from '../../server/src/domain/aggregate-reading.js';
import type { FeedbackFacts } from '../../server/src/domain/feedback-facts.js';
import { STATUSES, type Feedback } from '../../server/src/domain/model.js';
import type { FeedbackStats } from '../../server/src/domain/stats.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { feedbackItem, type StoreUnderTest } from './contract.js';

const ZONE = 'Europe/Helsinki';
const AREAS = ['agg-a', 'agg-b'];
const TOPICS = ['agg-t1', 'agg-t2', null];
const OFFICIALS = ['agg-o1', 'agg-o2', 'agg-o3'];
const LINKS = ['agg-l1', null];
const REFS = ['CASE-1', 'CASE-2', null];
const CHANNELS = ['widget', 'email', 'sms'] as const;

/** What a reference counts of some items: counts, distribution, statuses, months, exact hours to the reply. */
interface Figures {
  count: number;
  distribution: number[];
  byStatus: Record<string, number>;
  byMonth: Map<string, { count: number; distribution: number[] }>;
  hours: number[];
}

const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The reference: each item looked at once, the city's date from Intl directly, nothing shared with the stores' aggregates. */
function figuresOf(facts: readonly FeedbackFacts[]): Figures {
  const figures: Figures = { count: 0, distribution: [0, 0, 0, 0, 0], byStatus: { new: 0, 'in-progress': 0, answered: 0, closed: 0 }, byMonth: new Map(), hours: [] };
  for (const f of facts) {
    figures.count++;
    if (f.rating !== null) figures.distribution[f.rating - 1]!++;
    figures.byStatus[f.status]!++;
    const month = localDate.format(f.createdMs).slice(0, 7);
    let m = figures.byMonth.get(month);
    if (!m) figures.byMonth.set(month, (m = { count: 0, distribution: [0, 0, 0, 0, 0] }));
    m.count++;
    if (f.rating !== null) m.distribution[f.rating - 1]!++;
    if (f.repliedAt) figures.hours.push((Date.parse(f.repliedAt) - f.createdMs) / 3_600_000);
  }
  return figures;
}

function exactMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].map((v) => Math.max(0, v)).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A median read from the aggregates is the items' own to the histogram's resolution (and the shown rounding). */
export function assertMedianClose(actual: number | null, exact: number | null, what: string): void {
  if (exact === null || actual === null) return assert.equal(actual, exact, what);
  // The mean of the middle two: the upper one, at most twice the median, has the coarser resolution.
  assert.ok(Math.abs(actual - exact) <= medianResolution(2 * exact) + 0.05 + 1e-9, `${what}: median ${actual}, the items' ${exact}`);
}

function inDays(f: FeedbackFacts, days: DayRange | undefined): boolean {
  const day = localDate.format(f.createdMs);
  return !days || (day >= days.from && (days.to === undefined || day <= days.to));
}

/** The store's monthly statistics of `days` against the reference of its items. */
export async function assertStatsAsCounted(store: Store, days?: DayRange): Promise<void> {
  const facts = (await store.feedbackFacts({})).filter((f) => inDays(f, days));
  const stats: FeedbackStats = await store.feedbackStats('month', ZONE, days);
  const check = (actual: FeedbackStats['total'] | undefined, items: FeedbackFacts[], what: string) => {
    const expected = figuresOf(items);
    if (items.length === 0 && actual === undefined) return;
    assert.ok(actual, `${what} is there`);
    assert.equal(actual.scores.count, expected.count, `${what}: count`);
    assert.deepEqual(actual.scores.distribution, expected.distribution, `${what}: distribution`);
    assert.deepEqual(actual.byStatus, expected.byStatus, `${what}: statuses`);
    assert.deepEqual(
      actual.byPeriod.map((p) => [p.period, p.scores.count, p.scores.distribution]),
      [...expected.byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, m]) => [month, m.count, m.distribution]),
      `${what}: months`,
    );
    assertMedianClose(actual.medianHoursToAnswer, exactMedian(expected.hours), what);
  };
  check(stats.total, facts, 'total');
  for (const area of new Set(facts.map((f) => f.serviceAreaId))) check(stats.byServiceArea.get(area), facts.filter((f) => f.serviceAreaId === area), `area ${area}`);
  for (const topic of new Set(facts.map((f) => f.topicId))) {
    if (topic !== null) check(stats.byTopic.get(topic), facts.filter((f) => f.topicId === topic), `topic ${topic}`);
  }
}

/** Per key: count and distribution, the reference's way. */
function groupsOf(facts: readonly FeedbackFacts[], key: (f: FeedbackFacts) => string | null): Map<string, [number, number[]]> {
  const groups = new Map<string, [number, number[]]>();
  for (const f of facts) {
    const k = key(f);
    if (k === null) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = [0, [0, 0, 0, 0, 0]]));
    g[0]++;
    if (f.rating !== null) g[1][f.rating - 1]!++;
  }
  return groups;
}

/** An official's scores and a manager's reach, by link, ref and channel, against the reference. */
export async function assertScoresAsCounted(store: Store, days?: DayRange): Promise<void> {
  const all = (await store.feedbackFacts({})).filter((f) => inDays(f, days));
  const asMap = (groups: { key: string; scores: { count: number; distribution: number[] } }[]) => new Map(groups.map((g) => [g.key, [g.scores.count, g.scores.distribution]]));
  const keys = [() => '', (f: { linkId: string | null }) => f.linkId, (f: { ref: string | null }) => f.ref, (f: { channel: string }) => f.channel] as const;
  for (const official of OFFICIALS) {
    const mine = all.filter((f) => f.officialId === official);
    const cells = await store.scoreCells({ officialId: official }, ZONE, days);
    const groups = scoresOfCells(cells, 'month', keys);
    keys.forEach((key, i) => assert.deepEqual(asMap(groups[i]!), groupsOf(mine, key), `${official}, grouping ${i}`));
    await assertGrainsAgree(store, { officialId: official }, cells, days);
  }
  await assertGrainsAgree(store, { serviceAreaId: 'agg-a' }, await store.scoreCells({ serviceAreaId: 'agg-a' }, ZONE, days), days);
  const reach = { serviceAreaId: 'agg-a', officialIds: ['agg-o2'] };
  const inReach = all.filter((f) => f.serviceAreaId === reach.serviceAreaId || reach.officialIds.includes(f.officialId));
  const groups = scoresOfCells(await store.scoreCells({ reach }, ZONE, days), 'month', [...keys, (c) => c.officialId]);
  [...keys, (f: { officialId: string }) => f.officialId].forEach((key, i) => assert.deepEqual(asMap(groups[i]!), groupsOf(inReach, key), `reach, grouping ${i}`));
}

/** Cells summed by the store to a period (and over links and refs) group into the same scores, per period too, as its day cells. */
async function assertGrainsAgree(store: Store, scope: ScoreScope, dayCells: ScoreCell[], days?: DayRange): Promise<void> {
  for (const period of ['month', 'week'] as const) {
    for (const linksAndRefs of [true, false]) {
      const keys = [() => '', (c: ScoreCell) => c.channel, (c: ScoreCell) => c.officialId, ...(linksAndRefs ? [(c: ScoreCell) => c.linkId, (c: ScoreCell) => c.ref] : [])];
      const grained = await store.scoreCells(scope, ZONE, days, { period, linksAndRefs });
      const byKey = (cells: ScoreCell[]) => scoresOfCells(cells, period, keys).map((groups) => groups.sort((a, b) => (a.key < b.key ? -1 : 1)));
      assert.deepEqual(byKey(grained), byKey(dayCells), `${JSON.stringify(scope)}, by ${period}${linksAndRefs ? '' : ', over links and refs'}`);
    }
  }
}

type Op =
  | { kind: 'submit'; area: number; topic: number; official: number; link: number; ref: number; channel: number; rating: number | null; minutes: number }
  | { kind: 'rate'; at: number; rating: number | null }
  | { kind: 'status'; at: number; status: number }
  | { kind: 'reply'; at: number; hours: number }
  | { kind: 'forward'; at: number; area: number; topic: number; official: number }
  | { kind: 'erase'; at: number }
  | { kind: 'purge'; at: number };

const index = fc.nat(1000);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), area: index, topic: index, official: index, link: index, ref: index, channel: index, rating: fc.option(fc.integer({ min: 1, max: 5 })), minutes: fc.nat(120 * 24 * 60) }) },
  fc.record({ kind: fc.constant('rate' as const), at: index, rating: fc.option(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ kind: fc.constant('status' as const), at: index, status: index }),
  fc.record({ kind: fc.constant('reply' as const), at: index, hours: fc.double({ min: 0, max: 3000, noNaN: true }) }),
  fc.record({ kind: fc.constant('forward' as const), at: index, area: index, topic: index, official: index }),
  fc.record({ kind: fc.constant('erase' as const), at: index }),
  fc.record({ kind: fc.constant('purge' as const), at: index }),
);

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
/** From late October 2026 (the clocks turn back on the 25th) over New Year. */
const START = Date.UTC(2026, 9, 20);

async function apply(store: Store, ids: string[], o: Op): Promise<void> {
  if (o.kind === 'submit') {
    const item = {
      ...feedbackItem({
        serviceAreaId: pick(AREAS, o.area),
        topicId: pick(TOPICS, o.topic),
        officialId: pick(OFFICIALS, o.official),
        linkId: pick(LINKS, o.link),
        ref: pick(REFS, o.ref),
        channel: pick(CHANNELS, o.channel),
        rating: o.rating,
      }),
      createdAt: new Date(START + o.minutes * 60_000).toISOString(),
    };
    await store.addFeedback(item);
    ids.push(item.id);
    return;
  }
  if (ids.length === 0) return;
  const id = pick(ids, o.at);
  const item = (await store.getFeedback(id))!;
  let next: Feedback;
  switch (o.kind) {
    case 'erase':
      await store.deleteFeedback(id);
      ids.splice(ids.indexOf(id), 1);
      return;
    case 'rate':
      next = { ...item, rating: o.rating };
      break;
    case 'status':
      next = { ...item, status: pick(STATUSES, o.status) };
      break;
    case 'reply':
      next = { ...item, status: 'answered', reply: { text: 'Kiitos', authorId: 'aino', at: new Date(Date.parse(item.createdAt) + o.hours * 3_600_000).toISOString() } };
      break;
    case 'forward':
      next = { ...item, serviceAreaId: pick(AREAS, o.area), topicId: pick(TOPICS, o.topic), officialId: pick(OFFICIALS, o.official) };
      break;
    case 'purge':
      next = { ...item, comment: null, contact: null, pageUrl: null, wantsReply: false, reply: item.reply && { ...item.reply, text: '' }, purgedAt: new Date().toISOString() };
      break;
  }
  await store.updateFeedback(next);
}

/** The aggregates against a full count, after random submissions, edits, status changes, replies, forwards, erasures and purges. */
export function describeAggregatesContract(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`Aggregates: ${name}`, () => {
    let underTest: StoreUnderTest;
    let store: Store;
    before(async () => {
      underTest = await setup();
      store = await underTest.open();
    });
    after(async () => {
      await store.close();
      await underTest.cleanup();
    });

    it('agree with a full count of the items after any sequence of changes, for any range of days, and after a restart', async () => {
      const ids: string[] = [];
      const range = fc.tuple(fc.nat(120), fc.nat(120)).map(([a, b]) => {
        const day = (n: number) => new Date(START + n * 86_400_000).toISOString().slice(0, 10);
        return { from: day(Math.min(a, b)), to: day(Math.max(a, b)) };
      });
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), range, async (ops, days) => {
          for (const o of ops) await apply(store, ids, o);
          await assertStatsAsCounted(store);
          await assertStatsAsCounted(store, days);
          await assertScoresAsCounted(store);
          await assertScoresAsCounted(store, days);
        }),
        { numRuns: 20 },
      );
      await store.close();
      store = await underTest.open();
      await assertStatsAsCounted(store);
      await assertScoresAsCounted(store);
    });
  });
}

/** Two statistics alike, but that a median read from the aggregates may differ from the items' by the histogram's resolution. */
export function assertSameStats(actual: FeedbackStats, expected: FeedbackStats): void {
  const strip = (stats: FeedbackStats) => {
    const medians = new Map<string, number | null>();
    const without = (key: string, s: FeedbackStats['total']) => {
      medians.set(key, s.medianHoursToAnswer);
      return { ...s, medianHoursToAnswer: 0 };
    };
    const all = (kind: string, map: Map<string, FeedbackStats['total']>) => new Map([...map].map(([k, s]) => [k, without(`${kind} ${k}`, s)]));
    return { stats: { total: without('total', stats.total), byServiceArea: all('area', stats.byServiceArea), byTopic: all('topic', stats.byTopic) }, medians };
  };
  const [a, e] = [strip(actual), strip(expected)];
  assert.deepEqual(a.stats, e.stats);
  for (const [key, median] of a.medians) assertMedianClose(median, e.medians.get(key)!, `median of ${key}`);
}
