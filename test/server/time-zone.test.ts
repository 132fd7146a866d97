import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../server/src/domain/store-port.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres } from '../helpers/postgres.js';
import { seedTestCity } from '../helpers/test-city.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';

/**
 * Aino's items at instants where the city's zone decides the day, week or month. Helsinki
 * moves to summer time at 03:00 on 29 March 2026 (UTC+3) and back at 04:00 on 25 October
 * (UTC+2); Kolkata is UTC+5:30 all year.
 */
const ARRIVALS = {
  lastWinterNight: '2026-03-29T00:30:00.000Z', // Helsinki: 02:30 Sun 29 March (+02:00), 2026-W13
  summerMonday: '2026-03-29T21:30:00.000Z', // Helsinki: 00:30 Mon 30 March (+03:00), 2026-W14
  firstOfApril: '2026-03-31T21:30:00.000Z', // Helsinki: 00:30 Wed 1 April
  midsummerSunday: '2026-06-14T20:30:00.000Z', // Helsinki: 23:30 Sun 14 June, 2026-W24; Kolkata: Mon 15 June, W25
  firstHalfPastThree: '2026-10-25T00:30:00.000Z', // Helsinki: 03:30 Sun 25 October, still summer time (+03:00)
  secondHalfPastThree: '2026-10-25T01:30:00.000Z', // Helsinki: 03:30 again, winter time (+02:00)
  winterMonday: '2026-10-25T22:30:00.000Z', // Helsinki: 00:30 Mon 26 October, 2026-W44
  newYearsEve: '2026-12-31T21:30:00.000Z', // Helsinki: 23:30 Thu 31 December; Kolkata: 1 January 2027
  newYear: '2026-12-31T22:30:00.000Z', // Helsinki: 00:30 Fri 1 January 2027, still ISO week 2026-W53
  firstMonday: '2027-01-03T22:30:00.000Z', // Helsinki: 00:30 Mon 4 January 2027, 2027-W01
} as const;
type Arrival = keyof typeof ARRIVALS;

const STORES: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  [
    'lowdb',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'suora-zone-'));
      const store = await LowdbStore.open(dir);
      return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL (its own zone UTC)',
    async () => {
      const database = await startPostgres();
      return { store: await PostgresStore.open(database.url), cleanup: () => database.stop() };
    },
  ],
];

for (const [storeName, openStore] of STORES) {
  describe(`The city's time zone, on ${storeName}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let helsinki: TestServer;
    let kolkata: TestServer;
    const idOf = new Map<string, Arrival>();

    before(async () => {
      ({ store, cleanup } = await openStore());
      await seedTestCity(store);
      for (const [name, createdAt] of Object.entries(ARRIVALS)) {
        const item = { ...feedbackItem({ rating: 4 }), createdAt };
        await store.addFeedback(item);
        idOf.set(item.id, name as Arrival);
      }
      // Two servers on the same data, for a city in each zone (the default is Helsinki).
      helsinki = await startTestServer({ store });
      kolkata = await startTestServer({ store, timeZone: 'Asia/Kolkata' });
    });
    after(async () => {
      await helsinki.close();
      await kolkata.close();
      await store.close();
      await cleanup();
    });

    /** A staff GET's JSON, signed in as `who`. */
    async function get(server: TestServer, who: string, path: string): Promise<any> {
      const { status, json } = await asStaff(server, await signInAs(server, who), 'GET', path);
      assert.equal(status, 200, path);
      return json;
    }

    const counts = (byPeriod: { period: string; scores: { count: number } }[]) => byPeriod.map((p) => [p.period, p.scores.count]);

    it('counts an official’s scores by the ISO weeks of the city, across both daylight-saving changes and the year’s end', async () => {
      assert.deepEqual(counts((await get(helsinki, 'aino', '/api/me/scores?period=week&from=2026-01-01')).byPeriod), [
        ['2026-W13', 1],
        ['2026-W14', 2],
        ['2026-W24', 1],
        ['2026-W43', 2],
        ['2026-W44', 1],
        ['2026-W53', 2],
        ['2027-W01', 1],
      ]);
      assert.deepEqual(counts((await get(kolkata, 'aino', '/api/me/scores?period=week&from=2026-01-01')).byPeriod), [
        ['2026-W13', 1],
        ['2026-W14', 2],
        ['2026-W25', 1],
        ['2026-W43', 2],
        ['2026-W44', 1],
        ['2026-W53', 2],
        ['2027-W01', 1],
      ]);
    });

    it('counts an official’s scores by the months of the city', async () => {
      assert.deepEqual(counts((await get(helsinki, 'aino', '/api/me/scores?period=month&from=2026-01-01')).byPeriod), [
        ['2026-03', 2],
        ['2026-04', 1],
        ['2026-06', 1],
        ['2026-10', 3],
        ['2026-12', 1],
        ['2027-01', 2],
      ]);
      assert.deepEqual(counts((await get(kolkata, 'aino', '/api/me/scores?period=month&from=2026-01-01')).byPeriod), [
        ['2026-03', 2],
        ['2026-04', 1],
        ['2026-06', 1],
        ['2026-10', 3],
        ['2027-01', 3],
      ]);
    });

    it('gives decision-makers statistics by the weeks and months of the city', async () => {
      const stats = async (server: TestServer, period: string) => counts((await get(server, 'kari', `/api/stats?period=${period}&from=2026-01-01`)).total.byPeriod);
      assert.deepEqual(await stats(helsinki, 'week'), [
        ['2026-W13', 1],
        ['2026-W14', 2],
        ['2026-W24', 1],
        ['2026-W43', 2],
        ['2026-W44', 1],
        ['2026-W53', 2],
        ['2027-W01', 1],
      ]);
      assert.deepEqual(await stats(helsinki, 'month'), [
        ['2026-03', 2],
        ['2026-04', 1],
        ['2026-06', 1],
        ['2026-10', 3],
        ['2026-12', 1],
        ['2027-01', 2],
      ]);
      assert.deepEqual((await stats(kolkata, 'week')).find(([p]) => p === '2026-W25'), ['2026-W25', 1]);
      assert.deepEqual((await stats(kolkata, 'month')).slice(-1), [['2027-01', 3]]);
    });

    it('reads the inbox’s from and to as the city’s dates, both days included', async () => {
      const inbox = async (server: TestServer, query: string) =>
        ((await get(server, 'aino', `/api/me/feedback?${query}&pageSize=200`)).items as { id: string }[])
          .map((f) => idOf.get(f.id))
          .filter(Boolean)
          .sort();
      assert.deepEqual(await inbox(helsinki, 'from=2026-04-01&to=2026-04-30'), ['firstOfApril']);
      assert.deepEqual(await inbox(helsinki, 'from=2026-03-30&to=2026-03-30'), ['summerMonday']);
      // 25 October has 25 hours in Helsinki: both half past threes, not the Monday after.
      assert.deepEqual(await inbox(helsinki, 'from=2026-10-25&to=2026-10-25'), ['firstHalfPastThree', 'secondHalfPastThree']);
      assert.deepEqual(await inbox(helsinki, 'from=2027-01-01'), ['firstMonday', 'newYear']);
      assert.deepEqual(await inbox(helsinki, 'from=2026-12-01&to=2026-12-31'), ['newYearsEve']);
      assert.deepEqual(await inbox(kolkata, 'from=2027-01-01&to=2027-01-01'), ['newYear', 'newYearsEve']);
      assert.deepEqual(await inbox(kolkata, 'from=2026-06-15&to=2026-06-15'), ['midsummerSunday']);
    });

    it('exports times as the city’s clocks showed them, with their offset', async () => {
      const csvTimes = async (server: TestServer) => {
        const { text } = await asStaff(server, await signInAs(server, 'tiina'), 'GET', '/api/export.csv');
        const rows = text.split('\r\n').map((line) => line.split(';'));
        const column = rows[0]!.indexOf('created_at');
        return new Map(rows.filter((row) => idOf.has(row[0]!)).map((row) => [idOf.get(row[0]!), row[column]]));
      };
      const local = await csvTimes(helsinki);
      assert.equal(local.get('summerMonday'), '2026-03-30T00:30:00+03:00');
      assert.equal(local.get('firstHalfPastThree'), '2026-10-25T03:30:00+03:00');
      assert.equal(local.get('secondHalfPastThree'), '2026-10-25T03:30:00+02:00');
      assert.equal(local.get('newYear'), '2027-01-01T00:30:00+02:00');
      assert.equal((await csvTimes(kolkata)).get('newYearsEve'), '2027-01-01T03:00:00+05:30');
    });

    it('tells the dashboard the city’s zone', async () => {
      assert.equal((await get(helsinki, 'aino', '/api/me')).timeZone, 'Europe/Helsinki');
      assert.equal((await get(kolkata, 'aino', '/api/me')).timeZone, 'Asia/Kolkata');
    });
  });
}
