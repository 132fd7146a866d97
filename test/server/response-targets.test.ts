import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Feedback } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres } from '../helpers/postgres.js';
import { seedTestCity } from '../helpers/test-city.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';

const STORES: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  [
    'lowdb',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'suora-due-'));
      return { store: await LowdbStore.open(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await startPostgres();
      return { store: await PostgresStore.open(database.url), cleanup: () => database.stop() };
    },
  ],
];

/** The last instant of a Helsinki date in winter time, as the server stores a due time. */
const endOf = (day: string) => `${day}T21:59:59.999Z`;

for (const [storeName, openStore] of STORES) {
  describe(`Response targets over HTTP, on ${storeName}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let server: TestServer;
    let aino: string;
    let admin: string;
    const item: Record<string, Feedback> = {};

    before(async () => {
      ({ store, cleanup } = await openStore());
      await seedTestCity(store);
      server = await startTestServer({ store });
      [aino, admin] = [await signInAs(server, 'aino'), await signInAs(server, 'tiina')];
      // Items from the past, with due times as the server would have given them.
      const past: [string, Partial<Feedback>][] = [
        ['lateNew', { dueAt: endOf('2026-01-12'), status: 'new' }],
        ['lateInProgress', { dueAt: endOf('2026-01-08'), status: 'in-progress' }],
        ['lateButAnswered', { dueAt: endOf('2026-01-05'), status: 'answered' }],
        ['lateButClosed', { dueAt: endOf('2026-01-02'), status: 'closed' }],
        ['laurasLate', { dueAt: endOf('2026-01-09'), status: 'new', officialId: 'laura', topicId: 'streets', serviceAreaId: 'urban' }],
        ['farAhead', { dueAt: endOf('2099-12-31'), status: 'new' }],
        ['fromBeforeTargets', {}],
      ];
      for (const [key, overrides] of past) {
        item[key] = feedbackItem(overrides);
        await store.addFeedback(item[key]!);
      }
    });
    after(async () => {
      await server.close();
      await store.close();
      await cleanup();
    });

    const ids = (json: any) => json.items.map((f: any) => f.id);
    const of = (...keys: string[]) => keys.map((key) => item[key]!.id);

    it('gives new feedback the due date of its topic’s target, in the detail and the inbox', async () => {
      const changed = await asStaff(server, admin, 'PATCH', '/api/admin/topics/business', { targetDays: 1 });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.json.targetDays, 1);
      const { json } = await postFeedback(server.url, { topic: 'business', rating: 4 });
      const detail = await asStaff(server, aino, 'GET', `/api/feedback/${json.id}`);
      // One working day after the day it arrived: never the same day, never more than four days on (a weekend and a holiday).
      const created = Date.parse(detail.json.createdAt);
      const due = Date.parse(detail.json.dueAt);
      assert.ok(due - created > 86_400_000 - 3_600_000 * 3 && due - created < 5 * 86_400_000, `${detail.json.createdAt} → ${detail.json.dueAt}`);
      assert.match(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', timeStyle: 'medium' }).format(due), /^23:59:59$/);
      assert.equal(detail.json.overdue, false);
      const row = (await asStaff(server, aino, 'GET', '/api/me/feedback')).json.items.find((f: any) => f.id === json.id);
      assert.equal(row.dueAt, detail.json.dueAt);
      // A longer target gives later feedback a later date; the admin directory shows it.
      await asStaff(server, admin, 'PATCH', '/api/admin/topics/business', { targetDays: 10 });
      const later = (await postFeedback(server.url, { topic: 'business', rating: 4 })).json.id;
      const laterDue = (await asStaff(server, aino, 'GET', `/api/feedback/${later}`)).json.dueAt;
      assert.ok(Date.parse(laterDue) - due >= 9 * 86_400_000, `${laterDue} after ${detail.json.dueAt}`);
      const directory = (await asStaff(server, admin, 'GET', '/api/admin/directory')).json;
      assert.equal(directory.topics.find((t: any) => t.id === 'business').targetDays, 10);
      assert.equal(directory.topics.find((t: any) => t.id === 'streets').targetDays, 5);
    });

    it('lists the open items past their due date under overdue=true, marked overdue, and no one else’s', async () => {
      const mine = (await asStaff(server, aino, 'GET', '/api/me/feedback?overdue=true')).json;
      assert.deepEqual(ids(mine), of('lateInProgress', 'lateNew'));
      assert.ok(mine.items.every((f: any) => f.overdue === true));
      const everyone = (await asStaff(server, admin, 'GET', '/api/me/feedback?overdue=true&sort=due')).json;
      assert.deepEqual(ids(everyone), of('lateInProgress', 'laurasLate', 'lateNew'));
      const answered = (await asStaff(server, aino, 'GET', `/api/feedback/${item.lateButAnswered!.id}`)).json;
      assert.deepEqual([answered.dueAt, answered.overdue], [item.lateButAnswered!.dueAt, false]);
    });

    it('orders the inbox by due date with sort=due, items without one last, a page at a time', async () => {
      const page = (await asStaff(server, aino, 'GET', '/api/me/feedback?sort=due&pageSize=4')).json;
      assert.deepEqual(ids(page), of('lateButClosed', 'lateButAnswered', 'lateInProgress', 'lateNew'));
      const all = (await asStaff(server, aino, 'GET', '/api/me/feedback?sort=due&pageSize=200')).json;
      assert.deepEqual(ids(all).slice(-2), of('farAhead', 'fromBeforeTargets'));
      assert.equal(all.items.at(-1).dueAt, null);
    });

    it('refuses a target that is not 1 to 60 working days, a bad order and a bad overdue with a 400 that says why', async () => {
      for (const targetDays of [0, 61, 2.5, '5']) {
        const { status, json } = await asStaff(server, admin, 'PATCH', '/api/admin/topics/streets', { targetDays });
        assert.equal(status, 400, String(targetDays));
        assert.match(json.error.message, /working days from 1 to 60/);
      }
      const created = await asStaff(server, admin, 'POST', '/api/admin/topics', {
        id: 'parks',
        name: { fi: 'Puistot', sv: 'Parker', en: 'Parks' },
        serviceAreaId: 'urban',
        officialId: 'laura',
        targetDays: 60,
      });
      assert.deepEqual([created.status, created.json.targetDays], [201, 60]);
      for (const query of ['sort=soonest', 'overdue=yes']) {
        const { status, json } = await asStaff(server, aino, 'GET', `/api/me/feedback?${query}`);
        assert.equal(status, 400, query);
        assert.equal(typeof json.error.message, 'string');
      }
    });
  });
}
