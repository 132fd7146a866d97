import type pg from 'pg';
import type { Status } from '../../domain/model.js';
import type { Period } from '../../domain/city-time.js';
import type { DayRange, ScoreCell, ScoreGrain, ScoreScope, StatsCell } from '../../domain/aggregates.js';
import { statsOfCells } from '../../domain/aggregate-reading.js';
import type { FeedbackStats } from '../../domain/stats.js';
import { AGGREGATE_CHECK_SQL, EMPTY_AGGREGATES_SQL, FILL_AGGREGATES_SQL, hoursSource, scoresSource, statsSource } from './aggregate-sql.js';
import type { Logger } from '../../observability/logger.js';

type Query = <R extends pg.QueryResultRow = any>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

const RATING_SUMS = 'sum(r1)::int AS r1, sum(r2)::int AS r2, sum(r3)::int AS r3, sum(r4)::int AS r4, sum(r5)::int AS r5';

interface CountRow {
  day: string;
  service_area_id: string;
  topic_id: string;
  status: Status;
  n: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

/** Reads the aggregate tables (aggregate-sql.ts), checks them against the items at start-up, and counts them anew. */
export class PostgresAggregates {
  /** The start-up check (`startCheck`): every read of the tables waits for it. */
  #checked: Promise<void> = Promise.resolve();

  constructor(
    private readonly query: Query,
    private readonly connections: pg.Pool,
    /** The city's zone: the tables count its days. */
    readonly timeZone: string,
  ) {}

  async stats(period: Period, timeZone: string, days?: DayRange): Promise<FeedbackStats> {
    await this.#checked;
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const zone = timeZone === this.timeZone ? null : param(timeZone);
    const range = rangeSql(days, param);
    const { rows } = await this.query<{ counts: CountRow[] | null; hours: (Omit<CountRow, 'day' | 'status'> & { bucket: number })[] | null }>(
      `SELECT
        (SELECT json_agg(c) FROM (
          SELECT to_char(date_trunc(${param(period)}, day::timestamp), 'YYYY-MM-DD') AS day, service_area_id, topic_id, status, sum(n)::int AS n, ${RATING_SUMS}
          FROM ${statsSource(zone)} WHERE ${range} GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0) c) AS counts,
        (SELECT json_agg(h) FROM (
          SELECT service_area_id, topic_id, bucket, sum(n)::int AS n
          FROM ${hoursSource(zone)} WHERE ${range} GROUP BY 1, 2, 3 HAVING sum(n) > 0) h) AS hours`,
      values,
    );
    const cells: StatsCell[] = (rows[0]!.counts ?? []).map((row) => ({ ...cellOf(row), status: row.status, hours: new Map() }));
    for (const row of rows[0]!.hours ?? []) {
      // Replies only: no count, so they move no period or status, only the medians.
      cells.push({ ...cellOf({ ...row, day: '', n: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0 }), status: 'new', hours: new Map([[row.bucket, row.n]]) });
    }
    return statsOfCells(cells, period);
  }

  /** The scope's cells, summed in the database to `grain` when given (see ScoreGrain). */
  async scoreCells(scope: ScoreScope, timeZone: string, days?: DayRange, grain?: ScoreGrain): Promise<ScoreCell[]> {
    await this.#checked;
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const zone = timeZone === this.timeZone ? null : param(timeZone);
    const whose =
      'officialId' in scope
        ? `official_id = ${param(scope.officialId)}`
        : 'serviceAreaId' in scope
          ? `service_area_id = ${param(scope.serviceAreaId)}`
          : `(service_area_id = ${param(scope.reach.serviceAreaId)} OR official_id = ANY(${param([...scope.reach.officialIds])}))`;
    const where = `${whose} AND ${rangeSql(days, param)}`;
    const { rows } = await this.query(
      grain
        ? `SELECT date_trunc(${param(grain.period)}, day::timestamp)::date::text AS day, service_area_id, official_id,
             ${grain.linksAndRefs ? 'link_id, ref' : "'' AS link_id, '' AS ref"}, channel, sum(n)::int AS n, ${RATING_SUMS}
           FROM ${scoresSource(zone)} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) > 0`
        : `SELECT day::text AS day, service_area_id, official_id, link_id, ref, channel, n::int AS n, r1::int AS r1, r2::int AS r2, r3::int AS r3, r4::int AS r4, r5::int AS r5
           FROM ${scoresSource(zone)} WHERE n > 0 AND ${where}`,
      values,
    );
    return rows.map((row) => ({
      day: row.day,
      serviceAreaId: row.service_area_id,
      officialId: row.official_id,
      linkId: row.link_id || null,
      ref: row.ref || null,
      channel: row.channel,
      count: row.n,
      ratings: [row.r1, row.r2, row.r3, row.r4, row.r5],
    }));
  }

  /**
   * Starts the start-up check (`check`) without waiting for it: it reads every item (2 s at
   * 5M), and the server need not wait for that to listen and take feedback (the triggers
   * count new items meanwhile); reads of the aggregates wait. A check that fails is logged,
   * and the tables read as they are.
   */
  startCheck(log: Logger): void {
    this.#checked = this.check(log).catch((error: unknown) => log.error({ err: error }, 'Aggregates: the start-up check failed; run `suora stats rebuild` if the dashboards look wrong.'));
  }

  /** Settles once the start-up check has (before the connections close). */
  get checked(): Promise<void> {
    return this.#checked;
  }

  /**
   * The start-up check: the tables count the city's days in its zone, and their totals
   * (items, rating sum, replies) are the items'. Otherwise they are counted anew, and
   * the log told what was found (numbers only).
   */
  async check(log: Logger): Promise<void> {
    const { rows } = await this.query(AGGREGATE_CHECK_SQL);
    const { items, stats, hours, scores, time_zone: zone } = rows[0]!;
    const [count, ratingSum, replies] = (items as (number | string)[]).map(Number) as [number, number, number];
    const sums = [...(stats as (number | string)[]), hours, ...(scores as (number | string)[])].map(Number);
    if (zone !== this.timeZone) {
      const counted = await this.#countAnew();
      log.warn({ keptIn: zone, timeZone: this.timeZone, counted }, `Aggregates: kept by days in ${zone}, counted anew by days in ${this.timeZone} (${counted} items).`);
    } else if (String(sums) !== String([count, ratingSum, replies, count, ratingSum])) {
      const counted = await this.#countAnew();
      log.warn({ items: [count, ratingSum, replies], aggregated: sums, counted }, `Aggregates: found drift (items ${count}, rating sum ${ratingSum}, replies ${replies}; aggregated ${sums.join(', ')}), counted anew (${counted} items).`);
    }
  }

  /** Counts the tables anew from the items, in the city's zone, while writes to feedback wait; returns how many items they count. */
  async rebuild(): Promise<number> {
    await this.#checked;
    return this.#countAnew();
  }

  async #countAnew(): Promise<number> {
    const client = await this.connections.connect();
    try {
      await client.query('BEGIN');
      await client.query('LOCK TABLE feedback IN SHARE ROW EXCLUSIVE MODE');
      await client.query(EMPTY_AGGREGATES_SQL);
      await client.query('UPDATE feedback_aggregate_zone SET time_zone = $1', [this.timeZone]);
      for (const statement of FILL_AGGREGATES_SQL) await client.query(statement);
      const { rows } = await client.query<{ n: number }>('SELECT coalesce(sum(n), 0)::int AS n FROM feedback_day_stats');
      await client.query('COMMIT');
      return rows[0]!.n;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

/** `day` within the range; both ends are local dates. */
function rangeSql(days: DayRange | undefined, param: (value: unknown) => string): string {
  const parts = ['true'];
  if (days) parts.push(`day >= ${param(days.from)}::date`);
  if (days?.to !== undefined) parts.push(`day <= ${param(days.to)}::date`);
  return parts.join(' AND ');
}

function cellOf(row: Omit<CountRow, 'status'>): Omit<StatsCell, 'status' | 'hours'> {
  return {
    day: row.day,
    serviceAreaId: row.service_area_id,
    topicId: row.topic_id || null,
    count: row.n,
    ratings: [row.r1, row.r2, row.r3, row.r4, row.r5],
  };
}
