import assert from 'node:assert/strict';
import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { statsOfFacts } from '../../server/src/domain/stats.js';
import type { Feedback } from '../../server/src/domain/model.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { assertSameStats, assertScoresAsCounted, assertStatsAsCounted } from '../store-contract/aggregates-contract.js';
import { feedbackItem } from '../store-contract/contract.js';

const ZONE = 'Europe/Helsinki';

/** Three hundred items (two segments) over four months, rated, some replied. */
function items(): Feedback[] {
  return Array.from({ length: 300 }, (_, n) => {
    const createdAt = new Date(Date.UTC(2026, 6, 1) + n * 9 * 3_600_000).toISOString();
    const item = { ...feedbackItem({ serviceAreaId: ['agg-a', 'agg-b'][n % 2]!, officialId: `agg-o${(n % 3) + 1}`, ref: n % 5 ? null : 'CASE-1', rating: n % 6 ? (n % 5) + 1 : null }), createdAt };
    return n % 4 ? item : { ...item, status: 'answered' as const, reply: { text: 'Kiitos', authorId: 'aino', at: new Date(Date.parse(createdAt) + (n % 50) * 3_600_000).toISOString() } };
  });
}

describe('the lowdb store keeps its aggregates on disk while stopped', () => {
  let dir: string;
  const file = () => path.join(dir, 'feedback', 'aggregates.json');
  const exists = (p: string) => access(p).then(() => true, () => false);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'suora-aggregates-'));
    const store = await LowdbStore.open(dir);
    for (const item of items()) await store.addFeedback(item);
    await store.close();
  });
  after(() => rm(dir, { recursive: true, force: true }));
  // Each test starts from a server closed cleanly: the file written for the segments as they are.
  beforeEach(async () => (await LowdbStore.open(dir)).close());

  it('writes them at close; the next start reads them, and the first write removes the file (a server that stops without closing leaves none)', async () => {
    assert.ok(await exists(file()));
    const store = await LowdbStore.open(dir);
    try {
      await assertStatsAsCounted(store);
      await assertScoresAsCounted(store);
      assert.ok(await exists(file()), 'a start that fails would have written nothing');
      await store.addFeedback({ ...feedbackItem({ serviceAreaId: 'agg-a', officialId: 'agg-o1' }), createdAt: '2026-10-01T09:00:00.000Z' });
      assert.equal(await exists(file()), false);
      await assertStatsAsCounted(store);
    } finally {
      await store.close();
    }
  });

  it('reads the file instead of counting the items when the segments are those it was written for', async () => {
    // A month moved in the file (its totals unchanged) shows: the start did not count the items.
    const snapshot = JSON.parse(await readFile(file(), 'utf8'));
    snapshot.strings.push('2020-01-15');
    snapshot.stats.day[0] = snapshot.strings.length - 1;
    await writeFile(file(), JSON.stringify(snapshot));
    const store = await LowdbStore.open(dir);
    try {
      assert.ok((await store.feedbackStats('month', ZONE)).total.byPeriod.some((p) => p.period === '2020-01'));
    } finally {
      await store.close();
    }
  });

  it('reads the file in a copy of the directory (new inodes and times: a restore), the segments being the same versions', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'suora-aggregates-copy-'));
    try {
      await cp(dir, copy, { recursive: true });
      // A month moved in the copy's file (its totals unchanged) shows: the start did not count the items.
      const copied = path.join(copy, 'feedback', 'aggregates.json');
      const snapshot = JSON.parse(await readFile(copied, 'utf8'));
      snapshot.strings.push('2020-01-15');
      snapshot.stats.day[0] = snapshot.strings.length - 1;
      await writeFile(copied, JSON.stringify(snapshot));
      const store = await LowdbStore.open(copy);
      try {
        assert.ok((await store.feedbackStats('month', ZONE)).total.byPeriod.some((p) => p.period === '2020-01'));
      } finally {
        await store.close();
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('counts the items anew when a segment changed after the file was written (a restore, an edit), though the totals agree', async () => {
    const segment = path.join(dir, 'feedback', '000001.json');
    const stored = JSON.parse(await readFile(segment, 'utf8'));
    for (const item of stored.feedback.slice(0, 40)) item.status = 'closed';
    await writeFile(segment, JSON.stringify(stored));
    const store = await LowdbStore.open(dir);
    try {
      await assertStatsAsCounted(store);
      await assertScoresAsCounted(store);
    } finally {
      await store.close();
    }
  });

  for (const [what, spoil] of [
    ['missing', () => rm(file())],
    ['cut short', async () => writeFile(file(), (await readFile(file(), 'utf8')).slice(0, 500))],
    ['not of the facts’ totals', async () => {
      const snapshot = JSON.parse(await readFile(file(), 'utf8'));
      snapshot.scores.count[0] += 1;
      await writeFile(file(), JSON.stringify(snapshot));
    }],
  ] as const) {
    it(`counts the items anew when the file is ${what}`, async () => {
      await spoil();
      const store = await LowdbStore.open(dir);
      try {
        await assertStatsAsCounted(store);
        await assertScoresAsCounted(store);
      } finally {
        await store.close();
      }
    });
  }

  it('counts the items anew in another zone than the file’s', async () => {
    const store = await LowdbStore.open(dir, { timeZone: 'Asia/Kolkata' });
    try {
      assertSameStats(await store.feedbackStats('month', 'Asia/Kolkata'), await statsOfFacts(await store.feedbackFacts({}), 'month', 'Asia/Kolkata'));
    } finally {
      await store.close();
    }
  });
});
