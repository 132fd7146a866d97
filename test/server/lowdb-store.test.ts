import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/feedback-segments.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { feedbackItem } from '../store-contract/contract.js';

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
    const items = Array.from({ length: 300 }, () => feedbackItem());
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
    assert.deepEqual(await readdir(path.join(dir, 'feedback')), ['000001.json', '000002.json']);
    assert.equal((await stat(full)).mtimeMs, before);
  });

  it('rebuilds everything at start-up', async () => {
    const reopened = await LowdbStore.open(dir, { readOnly: true });
    assert.equal((await reopened.queryFeedback({})).total, SEGMENT_SIZE + 1);
    assert.equal((await reopened.queryFeedback({ officialId: 'aino' })).total, SEGMENT_SIZE + 1);
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
    assert.deepEqual(await readdir(path.join(old, 'feedback')), ['000001.json']);
    await converted.close();
    await rm(old, { recursive: true, force: true });
  });
});
