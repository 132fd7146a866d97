import assert from 'node:assert/strict';
import { addOfficial } from '../../server/src/domain/directory.js';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { statsOfFacts } from '../../server/src/domain/stats.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { capturedLog } from '../helpers/captured-log.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { assertSameStats, assertScoresAsCounted, assertStatsAsCounted } from '../store-contract/aggregates-contract.js';
import { feedbackItem } from '../store-contract/contract.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

describe('PostgreSQL aggregates: the start-up check and suora stats rebuild', () => {
  let database: ThrowawayPostgres;
  let sql: pg.Client;
  before(async () => {
    database = await startPostgres();
    const store = await PostgresStore.open(database.url);
    const reply = (hours: number) => ({ status: 'answered' as const, reply: { text: 'Kiitos', authorId: 'aino', at: new Date(Date.UTC(2026, 10, 2) + hours * 3_600_000).toISOString() } });
    for (const [rating, extra] of [[5, reply(3)], [2, {}], [null, reply(60)], [4, {}]] as const) {
      await store.addFeedback({ ...feedbackItem({ rating, ...extra }), createdAt: new Date(Date.UTC(2026, 10, 2)).toISOString() });
    }
    await store.close();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  after(async () => {
    await sql.end();
    await database.stop();
  });

  async function openLogged(timeZone?: string): Promise<{ store: PostgresStore; logged: string[] }> {
    const captured = capturedLog('warn');
    const store = await PostgresStore.open(database.url, { timeZone, log: captured.log });
    // The check runs behind the start; a read of the aggregates waits for it.
    await store.scoreCells({ officialId: 'aino' }, timeZone ?? 'Europe/Helsinki');
    return { store, logged: captured.lines().map((line) => line.msg as string) };
  }

  it('finds aggregates that drifted from the items at start-up, says so, and counts them anew', async () => {
    await sql.query('UPDATE feedback_day_stats SET n = n + 3, r5 = r5 + 1');
    await sql.query('DELETE FROM feedback_day_hours');
    const { store, logged } = await openLogged();
    try {
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /drift \(items 4, rating sum 11, replies 2; aggregated 10, 21, 0, 4, 11\), counted anew \(4 items\)/);
      await assertStatsAsCounted(store);
      await assertScoresAsCounted(store);
    } finally {
      await store.close();
    }
    // Whole again: the next start finds nothing to mend.
    const again = await openLogged();
    await again.store.close();
    assert.deepEqual(again.logged, []);
  });

  it('counts the days anew when the city’s zone is another than the one they were kept in', async () => {
    const { store, logged } = await openLogged('Asia/Kolkata');
    try {
      assert.deepEqual(logged, ['Aggregates: kept by days in Europe/Helsinki, counted anew by days in Asia/Kolkata (4 items).']);
      assert.equal((await sql.query('SELECT time_zone FROM feedback_aggregate_zone')).rows[0].time_zone, 'Asia/Kolkata');
      assertSameStats(await store.feedbackStats('month', 'Asia/Kolkata'), await statsOfFacts(await store.feedbackFacts({}), 'month', 'Asia/Kolkata'));
    } finally {
      await store.close();
    }
    const back = await openLogged();
    await back.store.close();
    assert.match(back.logged.join(), /counted anew by days in Europe\/Helsinki/);
  });

  it('suora stats rebuild counts them anew from the items', async () => {
    await sql.query('UPDATE feedback_day_scores SET n = n + 7');
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'stats', 'rebuild'], { env: { ...process.env, DATABASE_URL: database.url }, timeout: 30_000 });
    assert.match(stdout, /count 4 items/);
    const { rows } = await sql.query('SELECT sum(n)::int AS n FROM feedback_day_scores');
    assert.equal(rows[0].n, 4);
  });
});

describe('the dashboards’ range of days', () => {
  let server: TestServer;
  let kari: string;
  let helena: string;
  let aino: string;
  before(async () => {
    server = await startTestServer();
    await addOfficial(server.store, 'server', { id: 'helena', name: 'Helena Heikkilä', email: 'helena@example.fi', serviceAreaId: 'vitality', role: 'manager' });
    for (const day of ['2026-09-30', '2026-10-01', '2026-10-31', '2026-11-01']) {
      // 23:30 in Helsinki (UTC+3 until 25 October, then +2): the city's date is `day`.
      const utc = day < '2026-10-25' ? `${day}T20:30:00.000Z` : `${day}T21:30:00.000Z`;
      await server.store.addFeedback({ ...feedbackItem({ rating: 4 }), createdAt: utc });
    }
    // Years before any default range.
    await server.store.addFeedback({ ...feedbackItem({ rating: 1 }), createdAt: '2020-01-15T10:00:00.000Z' });
    kari = await signInAs(server, 'kari');
    helena = await signInAs(server, 'helena');
    aino = await signInAs(server, 'aino');
  });
  after(() => server.close());

  it('counts only the city’s days from–to, both included, in statistics, team scores and one’s own scores', async () => {
    const stats = await asStaff(server, kari, 'GET', '/api/stats?from=2026-10-01&to=2026-10-31');
    assert.equal(stats.status, 200);
    assert.deepEqual(stats.json.days, { from: '2026-10-01', to: '2026-10-31' });
    assert.equal(stats.json.total.scores.count, 2);
    const team = await asStaff(server, helena, 'GET', '/api/team/scores?from=2026-10-01&to=2026-11-01');
    assert.equal(team.status, 200);
    assert.equal(team.json.areaTotal.scores.count, 3);
    assert.equal(team.json.cityTotal.scores.count, 3);
    const mine = await asStaff(server, aino, 'GET', '/api/me/scores?from=2026-09-30&to=2026-10-01');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.json.days, { from: '2026-09-30', to: '2026-10-01' });
    assert.equal(mine.json.total.count, 2);
    assert.equal(mine.json.area.scores, null, 'every rating of the area in these days is Aino’s own: too few others’ to show (area-beside.test.ts)');
  });

  it('counts from the first day of the month a year before this one when no range is given, to now and beyond', async () => {
    const days = ['2020-01-15', '2026-09-30', '2026-10-01', '2026-10-31', '2026-11-01'];
    const thisMonth = new Date();
    const from = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
    for (const [who, path, count] of [
      [kari, '/api/stats', (json: any) => json.total.scores.count],
      [helena, '/api/team/scores', (json: any) => json.areaTotal.scores.count],
      [aino, '/api/me/scores', (json: any) => json.total.count],
    ] as const) {
      const recent = await asStaff(server, who, 'GET', path);
      // The first of a month: on the last evening of a month the city may be a day ahead of UTC.
      assert.ok([from, new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 10, 1)).toISOString().slice(0, 10)].includes(recent.json.days.from), path);
      assert.equal(recent.json.days.to, null, path);
      const all = await asStaff(server, who, 'GET', `${path}?from=2019-12-01`);
      assert.equal(count(all.json), days.length, path);
      assert.equal(count(recent.json), days.filter((day) => day >= recent.json.days.from).length, path);
    }
  });

  it('refuses a date that does not exist, a range that ends before it begins, and one of more than ten years, with a 400 in words', async () => {
    for (const [query, pattern] of [
      ['from=2026-02-30', /from must be a date/],
      ['to=yesterday', /to must be a date/],
      ['from=2026-10-02&to=2026-10-01', /ends before it begins/],
      ['from=2010-01-01&to=2026-10-01', /at most ten years/],
    ] as const) {
      for (const [who, path] of [[kari, '/api/stats'], [helena, '/api/team/scores'], [aino, '/api/me/scores']] as const) {
        const { status, json } = await asStaff(server, who, 'GET', `${path}?${query}`);
        assert.equal(status, 400, `${path}?${query}`);
        assert.match(json.message ?? json.error?.message ?? JSON.stringify(json), pattern);
      }
    }
  });
});
