import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MyScoresResponse } from '../../contract/api.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { addAreaScores } from '../helpers/area-scores.js';
import { startPostgres } from '../helpers/postgres.js';
import { seedTestCity } from '../helpers/test-city.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/* Aino beside Vitality, on the data set worked out by hand in test/helpers/area-scores.ts. */

const STORES: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  [
    'lowdb',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'suora-area-'));
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

for (const [storeName, openStore] of STORES) {
  describe(`An official's scores beside the area's, on ${storeName}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let server: TestServer;
    let scores: MyScoresResponse;
    let laurasScores: MyScoresResponse;

    before(async () => {
      ({ store, cleanup } = await openStore());
      await seedTestCity(store);
      await addAreaScores(store);
      server = await startTestServer({ store });
      const mine = async (who: string) => {
        const { status, json } = await asStaff(server, await signInAs(server, who), 'GET', '/api/me/scores?period=month&locale=en&from=2026-01-01&to=2026-12-31' /* the data set's year, whenever the test runs */);
        assert.equal(status, 200);
        return json;
      };
      scores = await mine('aino');
      laurasScores = await mine('laura');
    });
    after(async () => {
      await server.close();
      await store.close();
      await cleanup();
    });

    it('per period: the area’s figures where 5 ratings of at least 2 others stand behind them, else none', () => {
      assert.deepEqual(
        scores.area.byPeriod.map((p) => [p.period, p.scores]),
        [
          ['2026-09', null],
          ['2026-10', { count: 8, rated: 7, mean: 3.43, csat: 57.1, distribution: [1, 1, 1, 2, 2] }],
          ['2026-11', null],
        ],
      );
    });

    it('in total: all the area’s feedback, 13 ratings of 2 others behind it; none with only one’s own', () => {
      // Rated: Aino 5, 4, 2, 5; Jussi 1, 2, 4, 5, 1, 5, 5, 4, 4, 4, 4; Mikko 5, 3; one unrated.
      // 12 of 17 are 4–5: 70.6 %; mean 63/17 = 3.71.
      assert.deepEqual(scores.area.scores, { count: 18, rated: 17, mean: 3.71, csat: 70.6, distribution: [2, 2, 1, 6, 6] });
      // Laura's five ratings are all of Urban's: no one else's stand behind its figure.
      assert.equal(laurasScores.total.rated, 5);
      assert.deepEqual([laurasScores.area.scores, laurasScores.area.byPeriod], [null, [{ period: '2026-11', scores: null }]]);
    });

    it('per link and per reference: the area over the same months; none where the months are too quiet', () => {
      // L1 and R-1: September to October: Aino 5, 4, 2; Jussi 1, 2, 4, 5, 1; Mikko 5, 3; one unrated.
      const septemberToOctober = { count: 11, rated: 10, mean: 3.2, csat: 50, distribution: [2, 2, 1, 2, 3] };
      assert.deepEqual(scores.byLink.map((g) => [g.key, g.scores.count, g.area]), [['L1', 2, septemberToOctober]]);
      assert.deepEqual(
        scores.byRef.map((g) => [g.key, g.area]),
        [
          ['R-1', septemberToOctober],
          ['R-2', null], // November alone: only Jussi's
        ],
      );
    });

    it('per channel: the area through the same channel; none where too few others used it', () => {
      // Widget: Aino 2, 5; Jussi's eleven; Mikko 5 and the unrated comment: 10 of 14 are 4–5.
      const channel = (key: string) => scores.byChannel.find((g) => g.key === key)!;
      assert.deepEqual(channel('widget').area, { count: 15, rated: 14, mean: 3.64, csat: 71.4, distribution: [2, 2, 0, 5, 5] });
      assert.equal(channel('email').area, null, 'by email, only Mikko’s 3');
    });
  });
}
