import { HOURS_BUCKET_SQL } from '../../domain/aggregates.js';

/**
 * The dashboards' aggregates in PostgreSQL (see domain/aggregates.ts): three tables of
 * running sums per city day, kept by statement triggers on `feedback` in the same
 * transaction as every insert (a batch insert included), update and delete, whoever
 * writes. The day is the city's, in the zone `feedback_aggregate_zone` holds; the server
 * counts them anew when its zone is another (see aggregate-upkeep.ts). A trigger sums the
 * rows it was given per cell first, and writes the cells in key order, so that two
 * transactions lock shared cells in the same order and never deadlock; zero cells stay
 * until a rebuild (harmless: reads skip them).
 */

const RATINGS = [1, 2, 3, 4, 5];
const RATING_COLUMNS = RATINGS.map((r) => `r${r}`).join(', ');

/** Each row of `source` (a relation with feedback's columns and a `sign`, 1 or -1) as what the aggregates key it by. */
function keyed(source: string, zone: string): string {
  return `SELECT s.sign, (s.created_at AT TIME ZONE ${zone})::date AS day, s.service_area_id, coalesce(s.topic_id, '') AS topic_id,
      s.status, s.rating, s.official_id, coalesce(s.link_id, '') AS link_id, coalesce(s.ref, '') AS ref, s.channel,
      CASE WHEN s.reply IS NOT NULL THEN ${HOURS_BUCKET_SQL("(extract(epoch FROM (s.reply->>'at')::timestamptz - s.created_at)::float8 / 3600)")} END AS bucket
    FROM (${source}) s`;
}

const ratingSums = RATINGS.map((r) => `coalesce(sum(sign) FILTER (WHERE rating = ${r}), 0)`).join(', ');
const anyChange = `NOT (sum(sign) = 0 AND ${RATINGS.map((r) => `coalesce(sum(sign) FILTER (WHERE rating = ${r}), 0) = 0`).join(' AND ')})`;
const addRatings = RATINGS.map((r) => `r${r} = t.r${r} + excluded.r${r}`).join(', ');

/** Adds the rows of `source` (with a `sign`) to the three tables: three statements, always in this order. */
function applyStatements(source: string): string[] {
  const d = `WITH z AS (SELECT time_zone FROM feedback_aggregate_zone), d AS (${keyed(`SELECT * FROM (${source}) x`, '(SELECT time_zone FROM z)')})`;
  return [
    `${d} INSERT INTO feedback_day_stats AS t (day, service_area_id, topic_id, status, n, ${RATING_COLUMNS})
     SELECT day, service_area_id, topic_id, status, sum(sign), ${ratingSums} FROM d
     GROUP BY 1, 2, 3, 4 HAVING ${anyChange} ORDER BY 1, 2, 3, 4
     ON CONFLICT (day, service_area_id, topic_id, status) DO UPDATE SET n = t.n + excluded.n, ${addRatings}`,
    `${d} INSERT INTO feedback_day_hours AS t (day, service_area_id, topic_id, bucket, n)
     SELECT day, service_area_id, topic_id, bucket, sum(sign) FROM d WHERE bucket IS NOT NULL
     GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4
     ON CONFLICT (day, service_area_id, topic_id, bucket) DO UPDATE SET n = t.n + excluded.n`,
    `${d} INSERT INTO feedback_day_scores AS t (official_id, day, service_area_id, link_id, ref, channel, n, ${RATING_COLUMNS})
     SELECT official_id, day, service_area_id, link_id, ref, channel, sum(sign), ${ratingSums} FROM d
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING ${anyChange} ORDER BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (official_id, day, service_area_id, link_id, ref, channel) DO UPDATE SET n = t.n + excluded.n, ${addRatings}`,
  ];
}

const plpgsql = (statements: string[]) => statements.map((s) => `${s};`).join('\n      ');

/** Fills the empty tables from every stored item (the migration, and a rebuild after emptying them). */
export const FILL_AGGREGATES_SQL = applyStatements('SELECT 1 AS sign, * FROM feedback');

export const EMPTY_AGGREGATES_SQL = 'TRUNCATE feedback_day_stats, feedback_day_hours, feedback_day_scores';

/** The migration: the tables, the bucket rule, the triggers, and the figures of the items already stored (days in Helsinki until the server says otherwise). */
export const AGGREGATES_MIGRATION = `
  CREATE TABLE feedback_aggregate_zone (one boolean PRIMARY KEY DEFAULT true CHECK (one), time_zone text NOT NULL);
  INSERT INTO feedback_aggregate_zone (time_zone) VALUES ('Europe/Helsinki');
  CREATE TABLE feedback_day_stats (
    day date NOT NULL, service_area_id text NOT NULL, topic_id text NOT NULL, status text NOT NULL,
    n integer NOT NULL, r1 integer NOT NULL, r2 integer NOT NULL, r3 integer NOT NULL, r4 integer NOT NULL, r5 integer NOT NULL,
    PRIMARY KEY (day, service_area_id, topic_id, status)
  );
  CREATE TABLE feedback_day_hours (
    day date NOT NULL, service_area_id text NOT NULL, topic_id text NOT NULL, bucket integer NOT NULL, n integer NOT NULL,
    PRIMARY KEY (day, service_area_id, topic_id, bucket)
  );
  CREATE TABLE feedback_day_scores (
    official_id text NOT NULL, day date NOT NULL, service_area_id text NOT NULL, link_id text NOT NULL, ref text NOT NULL, channel text NOT NULL,
    n integer NOT NULL, r1 integer NOT NULL, r2 integer NOT NULL, r3 integer NOT NULL, r4 integer NOT NULL, r5 integer NOT NULL,
    PRIMARY KEY (official_id, day, service_area_id, link_id, ref, channel)
  );
  CREATE INDEX feedback_day_scores_by_area ON feedback_day_scores (service_area_id, day);
  CREATE FUNCTION feedback_aggregates_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN
      ${plpgsql(applyStatements('SELECT 1 AS sign, * FROM new_rows'))}
      ELSIF TG_OP = 'DELETE' THEN
      ${plpgsql(applyStatements('SELECT -1 AS sign, * FROM old_rows'))}
      ELSE
      ${plpgsql(applyStatements('SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows'))}
      END IF;
      RETURN NULL;
    END
  $fn$;
  CREATE TRIGGER feedback_aggregates_insert AFTER INSERT ON feedback REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION feedback_aggregates_apply();
  CREATE TRIGGER feedback_aggregates_update AFTER UPDATE ON feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION feedback_aggregates_apply();
  CREATE TRIGGER feedback_aggregates_delete AFTER DELETE ON feedback REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION feedback_aggregates_apply();
  ${plpgsql(FILL_AGGREGATES_SQL)}`;

/**
 * The cells' sources: the tables, or for a zone other than theirs (`zone`, a placeholder
 * such as `$1`), the same cells counted from the items (as slow as before the aggregates;
 * only a server in another zone than the store's asks).
 */
export function statsSource(zone: string | null): string {
  if (zone === null) return 'feedback_day_stats';
  return `(SELECT day, service_area_id, topic_id, status, count(*) AS n, ${RATINGS.map((r) => `count(*) FILTER (WHERE rating = ${r}) AS r${r}`).join(', ')}
    FROM (${keyed('SELECT 1 AS sign, * FROM feedback', `${zone}::text`)}) d GROUP BY 1, 2, 3, 4) c`;
}

export function hoursSource(zone: string | null): string {
  if (zone === null) return 'feedback_day_hours';
  return `(SELECT day, service_area_id, topic_id, bucket, count(*) AS n
    FROM (${keyed('SELECT 1 AS sign, * FROM feedback WHERE reply IS NOT NULL', `${zone}::text`)}) d GROUP BY 1, 2, 3, 4) c`;
}

export function scoresSource(zone: string | null): string {
  if (zone === null) return 'feedback_day_scores';
  return `(SELECT official_id, day, service_area_id, link_id, ref, channel, count(*) AS n, ${RATINGS.map((r) => `count(*) FILTER (WHERE rating = ${r}) AS r${r}`).join(', ')}
    FROM (${keyed('SELECT 1 AS sign, * FROM feedback', `${zone}::text`)}) d GROUP BY 1, 2, 3, 4, 5, 6) c`;
}

/** The same totals from the items and from each table: a cheap check that they agree. */
export const AGGREGATE_CHECK_SQL = `SELECT
  (SELECT json_build_array(count(*), coalesce(sum(rating), 0), count(reply)) FROM feedback) AS items,
  (SELECT json_build_array(coalesce(sum(n), 0), coalesce(sum(r1 + 2 * r2 + 3 * r3 + 4 * r4 + 5 * r5), 0)) FROM feedback_day_stats) AS stats,
  (SELECT coalesce(sum(n), 0) FROM feedback_day_hours) AS hours,
  (SELECT json_build_array(coalesce(sum(n), 0), coalesce(sum(r1 + 2 * r2 + 3 * r3 + 4 * r4 + 5 * r5), 0)) FROM feedback_day_scores) AS scores,
  (SELECT time_zone FROM feedback_aggregate_zone) AS time_zone`;
