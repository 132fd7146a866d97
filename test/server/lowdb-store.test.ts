import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCK_SOCKET } from '../../server/src/store/lowdb/directory-lock.js';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/segment.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { feedbackItem } from '../store-contract/contract.js';
import { factsCache, factsCacheFile, withCell } from '../helpers/facts-cache.js';

/** A segment's text as the store writes its next version: CHANGE made, and a new revision at its head. */
function nextVersion(text: string, change: (file: any) => any): string {
  const { rev, ...file } = JSON.parse(text);
  assert.equal(typeof rev, 'string', 'the store writes a revision');
  return JSON.stringify({ rev: randomBytes(9).toString('base64url'), ...change(file) });
}

/** What a store opened on `dir` (and closed) holds of its items. */
async function facts(dir: string) {
  const store = await LowdbStore.open(dir);
  try {
    return await store.feedbackFacts({});
  } finally {
    await store.close();
  }
}

const stampOf = ({ ino, mtimeMs, size }: { ino: number; mtimeMs: number; size: number }) => ({ ino, mtimeMs, size });

describe('the lowdb store at size', () => {
  let dir: string;
  let store: LowdbStore;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-'));
    store = await LowdbStore.open(dir);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('commits concurrent submissions in groups, each acknowledged once on disk', async () => {
    const items = Array.from({ length: SEGMENT_SIZE - 10 }, () => feedbackItem());
    await Promise.all(items.map((item) => store.addFeedback(item)));
    const onDisk = JSON.parse(await readFile(path.join(dir, 'feedback', '000001.json'), 'utf8')) as { feedback: { id: string }[] };
    assert.deepEqual(onDisk.feedback.map((f) => f.id), items.map((f) => f.id));
  });

  it(`starts a new segment after ${SEGMENT_SIZE} items, and a new item leaves full segments untouched`, async () => {
    const missing = SEGMENT_SIZE - (await store.queryFeedback({})).total;
    await Promise.all(Array.from({ length: missing }, () => store.addFeedback(feedbackItem())));
    const full = path.join(dir, 'feedback', '000001.json');
    const before = (await stat(full)).mtimeMs;
    await store.addFeedback(feedbackItem());
    const segments = (await readdir(path.join(dir, 'feedback'))).filter((n) => /^\d{6}\.json$/.test(n));
    assert.deepEqual(segments, ['000001.json', '000002.json']);
    assert.equal((await stat(full)).mtimeMs, before);
  });

  it('rebuilds everything at start-up', async () => {
    const reopened = await LowdbStore.open(dir, { readOnly: true });
    assert.equal((await reopened.queryFeedback({})).total, SEGMENT_SIZE + 1);
    assert.equal((await reopened.queryFeedback({ officialId: 'aino' })).total, SEGMENT_SIZE + 1);
  });

  it('starts from a closed segment’s facts cache, and reads the segment when the cache is stale', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-facts-'));
    await cp(dir, copy, { recursive: true, filter: (file) => path.basename(file) !== LOCK_SOCKET }); // the lock is the live store's
    await (await LowdbStore.open(copy)).close(); // a copied segment is the same version: its cache still fits
    const factsFile = path.join(copy, 'feedback', '000001.facts.json');
    const segmentFile = path.join(copy, 'feedback', '000001.json');
    const oldest = (await store.feedbackFacts({}))[0]!;

    // The cache is what start-up reads: a changed rating in it shows (and proves it was read).
    const cache = factsCache(await readFile(factsFile));
    const changed = oldest.rating === 1 ? 2 : 1;
    await writeFile(factsFile, factsCacheFile(withCell(cache, 'rating', cache.header.id.split(' ').indexOf(oldest.id), changed)));
    await utimes(factsFile, new Date(), new Date());
    let reopened = await LowdbStore.open(copy);
    assert.equal((await reopened.feedbackFacts({}))[0]!.rating, changed);
    await reopened.close();

    // The segment written anew, as the store writes it (a new revision): the cache is not used, and is made again.
    await writeFile(segmentFile, nextVersion(await readFile(segmentFile, 'utf8'), (file) => file));
    reopened = await LowdbStore.open(copy);
    assert.deepEqual(await reopened.feedbackFacts({}), await store.feedbackFacts({}));
    await reopened.close();
    const remade = factsCache(await readFile(factsFile));
    assert.equal((remade.header.stamp as { mtimeMs: number }).mtimeMs, (await stat(segmentFile)).mtimeMs);
    await rm(copy, { recursive: true, force: true });
  });

  it('starts a copy of the data (new inodes and times: a restore) from its caches, but never from one made from another version of its segment, even of the same size', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-restored-'));
    await cp(dir, copy, { recursive: true, filter: (file) => path.basename(file) !== LOCK_SOCKET });
    const factsFile = path.join(copy, 'feedback', '000001.facts.json');
    const segmentFile = path.join(copy, 'feedback', '000001.json');
    const copied = await stat(factsFile);
    let reopened = await LowdbStore.open(copy);
    assert.deepEqual(await reopened.feedbackFacts({}), await store.feedbackFacts({}));
    await reopened.close();
    assert.deepEqual(stampOf(await stat(factsFile)), stampOf(copied), 'the cache was read, not made anew from the segment');

    // The segment's next version, as a backup copied after its cache: the oldest item rated 5, not 4, the size the same.
    const before = await readFile(segmentFile, 'utf8');
    const after = nextVersion(before, (file) => ({ ...file, feedback: [{ ...file.feedback[0], rating: 5 }, ...file.feedback.slice(1)] }));
    assert.equal(after.length, before.length);
    await writeFile(segmentFile, after);
    reopened = await LowdbStore.open(copy);
    assert.equal((await reopened.feedbackFacts({}))[0]!.rating, 5);
    await reopened.close();
    assert.notDeepEqual(stampOf(await stat(factsFile)), stampOf(copied), 'the cache was made anew');
    await rm(copy, { recursive: true, force: true });
  });

  it('a segment written by an older version (no revision) is read whole in a copy, its cache not trusted by its size', async () => {
    const older = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-older-'));
    await cp(dir, older, { recursive: true, filter: (file) => path.basename(file) !== LOCK_SOCKET });
    const segmentFile = (root: string) => path.join(root, 'feedback', '000001.json');
    const { rev: _rev, ...file } = JSON.parse(await readFile(segmentFile(older), 'utf8'));
    assert.equal(typeof _rev, 'string');
    await writeFile(segmentFile(older), JSON.stringify(file));
    await (await LowdbStore.open(older)).close(); // its cache made as an older version made it
    assert.deepEqual(await facts(older), await store.feedbackFacts({}));

    // Copied, and the segment changed by hand to the same size: without a revision only the very file fits its cache.
    const copy = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-older-copy-'));
    await cp(older, copy, { recursive: true });
    const changed = JSON.stringify({ ...file, feedback: [{ ...file.feedback[0], rating: 5 }, ...file.feedback.slice(1)] });
    assert.equal(changed.length, JSON.stringify(file).length);
    await writeFile(segmentFile(copy), changed);
    assert.equal((await facts(copy))[0]!.rating, 5);
    await Promise.all([older, copy].map((root) => rm(root, { recursive: true, force: true })));
  });

  it('forgets a submission whose write failed, so no later write saves it unacknowledged', async () => {
    const segments = path.join(dir, 'feedback');
    const moved = path.join(dir, 'feedback-moved');
    await import('node:fs/promises').then((fs) => fs.rename(segments, moved));
    await writeFile(segments, 'not a directory'); // writes into feedback/ now fail, even as root
    const lost = feedbackItem();
    await assert.rejects(store.addFeedback(lost));
    assert.equal(await store.getFeedback(lost.id), undefined);

    await rm(segments);
    await import('node:fs/promises').then((fs) => fs.rename(moved, segments));
    const kept = feedbackItem();
    await store.addFeedback(kept);
    const last = JSON.parse(await readFile(path.join(segments, '000002.json'), 'utf8')) as { feedback: { id: string }[] };
    assert.deepEqual(last.feedback.map((f) => f.id).slice(-1), [kept.id]);
    assert.ok(!last.feedback.some((f) => f.id === lost.id));
  });

  it('reads a data directory from before segments, and converts it', async () => {
    const old = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-old-'));
    const item = feedbackItem();
    await writeFile(path.join(old, 'feedback.json'), JSON.stringify({ feedback: [item] }));
    await mkdir(path.join(old, 'unused'), { recursive: true });
    const converted = await LowdbStore.open(old);
    assert.deepEqual(await converted.getFeedback(item.id), item);
    assert.deepEqual((await readdir(path.join(old, 'feedback'))).filter((n) => !n.includes('facts')), ['000001.json']);
    await converted.close();
    await rm(old, { recursive: true, force: true });
  });

  it('reads items of segments that are not in memory, and changes them', async () => {
    const big = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-big-'));
    await mkdir(path.join(big, 'feedback'));
    const segments = 40; // more than are kept parsed
    const ids: string[] = [];
    for (let s = 1; s <= segments; s++) {
      const items = Array.from({ length: SEGMENT_SIZE }, () => feedbackItem({ officialId: s % 2 ? 'aino' : 'jussi' }));
      ids.push(items[0]!.id);
      await writeFile(path.join(big, 'feedback', `${String(s).padStart(6, '0')}.json`), JSON.stringify({ feedback: items }));
    }
    let opened = await LowdbStore.open(big);
    for (const id of ids) assert.equal((await opened.getFeedback(id))?.id, id);
    const first = (await opened.getFeedback(ids[0]!))!;
    await opened.updateFeedback({ ...first, status: 'closed' });
    for (const id of ids) assert.equal((await opened.getFeedback(id))?.id, id); // the first segment leaves memory again
    assert.equal((await opened.queryFeedback({ officialId: 'aino' }, { limit: 3, offset: SEGMENT_SIZE * 19 })).items.length, 3);
    const batches: number[] = [];
    for await (const batch of opened.feedbackBatches()) batches.push(batch.length);
    assert.deepEqual(batches, Array.from({ length: segments }, () => SEGMENT_SIZE), 'the export reads a segment at a time');
    await opened.close();

    opened = await LowdbStore.open(big);
    assert.equal((await opened.getFeedback(ids[0]!))?.status, 'closed');
    assert.deepEqual((await opened.queryFeedback({ status: 'closed' })).items.map((f) => f.id), [ids[0]]);
    await opened.close();
    await rm(big, { recursive: true, force: true });
  });

  it('keeps the audit log in files of a thousand entries, reads pages across them, and converts an old audit.json', async () => {
    const logDir = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-audit-'));
    const entry = (n: number) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), actorId: 'aino', action: 'read-private' as const, feedbackId: `F${n}`, detail: null });
    // An audit log from before these files: 2,500 entries in one audit.json.
    await writeFile(path.join(logDir, 'audit.json'), JSON.stringify({ entries: Array.from({ length: 2500 }, (_, n) => entry(n)) }));
    let log = await LowdbStore.open(logDir);
    assert.deepEqual(await readdir(path.join(logDir, 'audit')), ['000001.json', '000002.json', '000003.json']);
    await log.addAuditEntry(entry(2500));
    await log.close();

    log = await LowdbStore.open(logDir);
    const { items, total } = await log.listAuditEntries({ limit: 3, offset: 1500 });
    assert.equal(total, 2501);
    assert.deepEqual(items.map((e) => e.feedbackId), ['F1000', 'F999', 'F998'], 'newest first, across two files');
    assert.equal((await log.listAuditEntries({ limit: 1 })).items[0]!.feedbackId, 'F2500');
    assert.equal((await log.listAuditEntries()).items.length, 2501);
    const written = JSON.parse(await readFile(path.join(logDir, 'audit', '000003.json'), 'utf8')) as { entries: unknown[] };
    assert.equal(written.entries.length, 501, 'a new entry rewrites only the last file');
    await log.close();
    await rm(logDir, { recursive: true, force: true });
  });
});

describe('a lowdb directory written before topics and areas could be retired', () => {
  it('reads its topics and areas as in use', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'suora-lowdb-'));
    try {
      let store = await LowdbStore.open(dir);
      await store.saveServiceArea({ id: 'vitality', name: { fi: 'Elinvoima', sv: 'Livskraft', en: 'Vitality' }, retired: false });
      await store.saveTopic({ id: 'parks', name: { fi: 'Puistot', sv: 'Parker', en: 'Parks' }, serviceAreaId: 'vitality', officialId: 'aino', forBusinesses: false, retired: false, targetDays: 5 });
      await store.close();
      const file = path.join(dir, 'directory.json');
      const older = JSON.parse(await readFile(file, 'utf8')) as { topics: Record<string, unknown>[]; serviceAreas: Record<string, unknown>[] };
      older.topics = older.topics.map(({ retired: _, ...topic }) => topic);
      older.serviceAreas = older.serviceAreas.map(({ retired: _, ...area }) => area);
      await writeFile(file, JSON.stringify(older));
      store = await LowdbStore.open(dir);
      assert.equal((await store.getTopic('parks'))?.retired, false);
      assert.equal((await store.getServiceArea('vitality'))?.retired, false);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
