import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Feedback } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { feedbackItem, type StoreUnderTest } from './contract.js';

/** Response targets and the status page, on every adapter: the overdue filter, the due order, the lookup by key. */
export function describeDueDatesContract(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`Store contract, due dates and status keys: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    const item: Record<string, Feedback> = {};
    const NOW = '2026-11-20T10:00:00.000Z';
    before(async () => {
      subject = await setup();
      store = await subject.open();
      const due = (day: string) => `${day}T21:59:59.999Z`;
      const items: [string, Partial<Feedback>][] = [
        ['overdue', { dueAt: due('2026-11-10'), status: 'new', statusKeyHash: 'a'.repeat(64), comment: 'Kaatunut puu' }],
        ['answered', { dueAt: due('2026-11-05'), status: 'answered' }],
        ['soon', { dueAt: due('2026-11-25'), status: 'in-progress', comment: 'Puu kallellaan' }],
        ['undated', { comment: 'Vanha puu' }],
        ['othersOverdue', { dueAt: due('2026-11-10'), status: 'new', officialId: 'jussi' }],
        ['closed', { dueAt: due('2026-11-03'), status: 'closed' }],
        ['inProgressOverdue', { dueAt: due('2026-11-19'), status: 'in-progress', statusKeyHash: 'b'.repeat(64) }],
      ];
      for (const [key, overrides] of items) {
        item[key] = feedbackItem(overrides);
        await store.addFeedback(item[key]!);
      }
    });
    after(async () => {
      await store.close();
      await subject.cleanup();
    });

    const ids = (page: { items: Feedback[] }) => page.items.map((f) => f.id);
    const of = (...keys: string[]) => keys.map((key) => item[key]!.id);

    async function expectDueBehaviour(): Promise<void> {
      // Open (new, in progress) and due before the time: newest first by default.
      assert.deepEqual(ids(await store.queryFeedback({ dueBefore: NOW })), of('inProgressOverdue', 'othersOverdue', 'overdue'));
      assert.deepEqual(ids(await store.queryFeedback({ dueBefore: NOW, officialId: 'aino' })), of('inProgressOverdue', 'overdue'));
      // Due soonest first, ties newest first, items without a due date last.
      const byDue = await store.queryFeedback({}, { sort: 'due' });
      assert.deepEqual(ids(byDue), of('closed', 'answered', 'othersOverdue', 'overdue', 'inProgressOverdue', 'soon', 'undated'));
      const page = await store.queryFeedback({ officialId: 'aino' }, { sort: 'due', limit: 2, offset: 2 });
      assert.deepEqual([ids(page), page.total], [of('overdue', 'inProgressOverdue'), 6]);
      assert.deepEqual(ids(await store.queryFeedback({ dueBefore: NOW }, { sort: 'due' })), of('othersOverdue', 'overdue', 'inProgressOverdue'));
      // A search keeps the order asked for.
      assert.deepEqual(ids(await store.queryFeedback({ q: 'puu' }, { sort: 'due' })), of('overdue', 'soon', 'undated'));
      assert.deepEqual(ids(await store.queryFeedback({ q: 'puu' }, { sort: 'due', limit: 1, offset: 1 })), of('soon'));
      assert.deepEqual(ids(await store.queryFeedback({ q: 'puu' })), of('undated', 'soon', 'overdue'));
      // A status key finds exactly its item.
      assert.deepEqual(ids(await store.queryFeedback({ statusKeyHash: 'b'.repeat(64) })), of('inProgressOverdue'));
      assert.deepEqual(ids(await store.queryFeedback({ statusKeyHash: 'c'.repeat(64) })), []);
      assert.equal((await store.getFeedback(item.overdue!.id))?.dueAt, item.overdue!.dueAt);
    }

    it('filters open items due before a time, orders by due date, and finds an item by its status key', expectDueBehaviour);

    it('follows a change: an answered item is no longer overdue, a key cleared finds nothing', async () => {
      await store.updateFeedback({ ...item.inProgressOverdue!, status: 'answered', statusKeyHash: null });
      assert.deepEqual(ids(await store.queryFeedback({ dueBefore: NOW })), of('othersOverdue', 'overdue'));
      assert.deepEqual(ids(await store.queryFeedback({ statusKeyHash: 'b'.repeat(64) })), []);
      await store.updateFeedback(item.inProgressOverdue!);
    });

    it('has the same after a restart', async () => {
      await store.close();
      store = await subject.open();
      await expectDueBehaviour();
    });
  });
}
