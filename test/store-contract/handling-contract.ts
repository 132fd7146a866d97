import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FeedbackEvent } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { feedbackItem } from './contract.js';

/** The store's part in handling: each item's history, and the inbox search. Run inside each store's contract suite. */
export function handlingContract(subject: { store(): Store; restart(): Promise<void> }): void {
  const at = (second: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, second)).toISOString();
  const history: FeedbackEvent[] = [
    { at: at(1), actorId: 'aino', kind: 'status', from: 'new', to: 'in-progress' },
    { at: at(2), actorId: 'aino', kind: 'note', text: 'Soitin asiakkaalle.' },
    {
      at: at(3),
      actorId: 'aino',
      kind: 'forwarded',
      from: { officialId: 'aino', topicId: 'business', serviceAreaId: 'vitality' },
      to: { officialId: 'laura', topicId: null, serviceAreaId: 'urban' },
      text: 'Kuuluu kaupunkiympäristölle.',
    },
    { at: at(4), actorId: null, kind: 'withdrawn', cause: 'giver-edit' },
  ];

  it('keeps each item’s history in the order added, through a restart; none for an unknown item', async () => {
    const item = feedbackItem();
    const other = feedbackItem();
    await subject.store().addFeedback(item);
    await subject.store().addFeedback(other);
    for (const event of history) assert.equal(await subject.store().addFeedbackEvent(item.id, event), true);
    await subject.store().addFeedbackEvent(other.id, { at: at(5), actorId: 'aino', kind: 'replied' });
    await subject.restart();
    assert.deepEqual(await subject.store().listFeedbackEvents(item.id), history);
    assert.deepEqual(await subject.store().listFeedbackEvents(other.id), [{ at: at(5), actorId: 'aino', kind: 'replied' }]);
    assert.equal(await subject.store().addFeedbackEvent('NOSUCHITEM', history[1]!), false);
    assert.deepEqual(await subject.store().listFeedbackEvents('NOSUCHITEM'), []);
  });

  it('deletes an item’s history with the item, and the purge clears only its texts', async () => {
    const erased = feedbackItem();
    const purged = feedbackItem();
    for (const item of [erased, purged]) {
      await subject.store().addFeedback(item);
      for (const event of history) await subject.store().addFeedbackEvent(item.id, event);
    }
    assert.equal(await subject.store().deleteFeedback(erased.id), true);
    assert.deepEqual(await subject.store().listFeedbackEvents(erased.id), []);
    // An item stored again under the same reference (a restore) starts with no history.
    await subject.store().addFeedback(erased);
    assert.deepEqual(await subject.store().listFeedbackEvents(erased.id), []);
    await subject.store().purgeFeedbackEvents(purged.id);
    assert.deepEqual(
      await subject.store().listFeedbackEvents(purged.id),
      history.map((e) => ('text' in e ? { ...e, text: null } : e)),
    );
  });

  it('an item handed to another official is in their items, in arrival order, and no longer in the first one’s', async () => {
    const [older, moved, newer] = [feedbackItem({ officialId: 'taker' }), feedbackItem({ officialId: 'giver1' }), feedbackItem({ officialId: 'taker' })];
    for (const item of [older, moved, newer]) await subject.store().addFeedback(item);
    await subject.store().updateFeedback({ ...moved, officialId: 'taker' });
    assert.deepEqual((await subject.store().queryFeedback({ officialId: 'taker' })).items.map((f) => f.id), [newer.id, moved.id, older.id]);
    assert.equal((await subject.store().queryFeedback({ officialId: 'giver1' })).total, 0);
    assert.deepEqual((await subject.store().feedbackFacts({ officialId: 'taker' })).map((f) => f.id), [older.id, moved.id, newer.id]);
  });

  it('searches the reference, comment, name and organisation in any case, within the other filters, a page at a time', async () => {
    const mine = (overrides: Parameters<typeof feedbackItem>[0]) => feedbackItem({ officialId: 'searcher', ...overrides });
    const bench = mine({ comment: 'The BENCH in the harbour squeaks.' });
    const named = mine({ comment: null, contact: { name: 'Benchley Smith', email: 'b@example.fi' } });
    const firm = mine({ comment: 'ok', status: 'answered', contact: { organisation: 'Workbench Oy' } });
    const wild = mine({ comment: 'A 100% sure thing_here' });
    const elsewhere = feedbackItem({ officialId: 'nobody', comment: 'another bench' });
    for (const item of [bench, named, firm, wild, elsewhere]) await subject.store().addFeedback(item);
    const ids = async (q: string, more = {}, page = {}) => (await subject.store().queryFeedback({ officialId: 'searcher', q, ...more }, page)).items.map((f) => f.id);
    assert.deepEqual(await ids('bench'), [firm.id, named.id, bench.id]);
    assert.deepEqual(await ids('bench', { status: 'answered' }), [firm.id]);
    assert.deepEqual(await ids(bench.id.toLowerCase()), [bench.id]);
    const paged = await subject.store().queryFeedback({ officialId: 'searcher', q: 'BENCH' }, { limit: 1, offset: 1 });
    assert.deepEqual([paged.items.map((f) => f.id), paged.total], [[named.id], 3]);
    // The search's own wildcards are taken as they are.
    assert.deepEqual(await ids('100%'), [wild.id]);
    assert.deepEqual(await ids('%'), [wild.id]);
    assert.deepEqual(await ids('g_h'), [wild.id]);
    assert.deepEqual(await ids('e_b'), []);
    assert.deepEqual((await subject.store().queryFeedback({ q: 'another bench' })).items.map((f) => f.id), [elsewhere.id]);
  });
}
