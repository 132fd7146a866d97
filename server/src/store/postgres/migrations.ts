import type { Pool } from 'pg';
import { AGGREGATES_MIGRATION } from './aggregate-sql.js';

/**
 * The schema, as numbered steps. A database records the steps it has had in
 * `schema_migrations`; at start-up the server applies the missing ones, in order, in one
 * transaction, holding an advisory lock so that two servers starting together do not
 * both migrate. Never change a step that has shipped: add the next.
 */
export const MIGRATIONS: string[] = [
  // 1: the walking skeleton through dashboards.
  `CREATE TABLE service_areas (
     id text PRIMARY KEY,
     name jsonb NOT NULL,
     official_id text
   );
   CREATE TABLE officials (
     id text PRIMARY KEY,
     name text NOT NULL,
     title text NOT NULL,
     email text NOT NULL,
     service_area_id text NOT NULL,
     role text NOT NULL
   );
   CREATE TABLE topics (
     id text PRIMARY KEY,
     name jsonb NOT NULL,
     service_area_id text NOT NULL,
     official_id text NOT NULL,
     for_businesses boolean NOT NULL
   );
   CREATE TABLE signature_links (
     id text PRIMARY KEY,
     token text NOT NULL UNIQUE,
     official_id text NOT NULL,
     service_area_id text NOT NULL,
     channel text NOT NULL,
     created_at timestamptz NOT NULL,
     revoked_at timestamptz
   );
   CREATE TABLE feedback (
     seq bigserial NOT NULL,
     id text PRIMARY KEY,
     created_at timestamptz NOT NULL,
     channel text NOT NULL,
     topic_id text,
     service_area_id text NOT NULL,
     official_id text NOT NULL,
     link_id text,
     ref text,
     rating smallint,
     comment text,
     public boolean NOT NULL,
     contact jsonb,
     wants_reply boolean NOT NULL,
     page_url text,
     locale text NOT NULL,
     status text NOT NULL,
     reply jsonb,
     published boolean NOT NULL,
     published_comment text,
     published_at timestamptz,
     edit_key_hash text NOT NULL,
     editable_until timestamptz NOT NULL
   );
   CREATE INDEX feedback_by_official ON feedback (official_id, created_at DESC, seq DESC);
   CREATE INDEX feedback_by_time ON feedback (created_at DESC, seq DESC);
   CREATE INDEX feedback_public ON feedback (created_at DESC, seq DESC) WHERE public;
   CREATE INDEX feedback_by_link ON feedback (link_id) WHERE link_id IS NOT NULL;
   CREATE TABLE login_keys (
     key_hash text PRIMARY KEY,
     official_id text NOT NULL,
     expires_at timestamptz NOT NULL,
     used_at timestamptz
   );
   CREATE TABLE sessions (
     id_hash text PRIMARY KEY,
     official_id text NOT NULL,
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL
   );`,
  // 2: the personal-data duties: retention purge, access and erasure by email, the audit log.
  `ALTER TABLE feedback ADD COLUMN purged_at timestamptz;
   CREATE INDEX feedback_by_contact_email ON feedback (lower(contact->>'email')) WHERE contact IS NOT NULL;
   CREATE TABLE audit_log (
     seq bigserial PRIMARY KEY,
     at timestamptz NOT NULL,
     actor_id text,
     action text NOT NULL,
     feedback_id text,
     detail text
   );`,
  // 3: publication integrity: the reply as published, when staff redacted it.
  `ALTER TABLE feedback ADD COLUMN published_reply text;`,
  // 4: people who leave, and the audit of directory changes. Existing officials are active;
  // no unique index on email, since older data may break that rule (reported at start-up).
  `ALTER TABLE officials ADD COLUMN active boolean NOT NULL DEFAULT true;
   CREATE INDEX sessions_by_official ON sessions (official_id);
   ALTER TABLE audit_log ADD COLUMN target_id text;`,
  // 5: access and erasure by email match it trimmed as well as in any case.
  `CREATE INDEX feedback_by_trimmed_contact_email ON feedback (lower(btrim(contact->>'email'))) WHERE contact IS NOT NULL;
   DROP INDEX feedback_by_contact_email;`,
  // 6: deputies for periods away (local dates, both inclusive), reply templates, and why
  // an item reached a deputy rather than the official it was routed to.
  `CREATE TABLE deputyships (
     id text PRIMARY KEY,
     official_id text NOT NULL,
     deputy_id text NOT NULL,
     from_day date NOT NULL,
     to_day date NOT NULL
   );
   CREATE TABLE reply_templates (
     id text PRIMARY KEY,
     name text NOT NULL,
     service_area_id text,
     text jsonb NOT NULL
   );
   ALTER TABLE feedback ADD COLUMN routed_via jsonb;`,
  // 7: each official's mail in their own language; those already here get the city's first.
  `ALTER TABLE officials ADD COLUMN locale text NOT NULL DEFAULT 'fi';`,
  // 8: each item's history (notes, forwards, status changes, …), deleted with the item.
  `CREATE TABLE feedback_events (
     seq bigserial PRIMARY KEY,
     feedback_id text NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
     event jsonb NOT NULL
   );
   CREATE INDEX feedback_events_by_feedback ON feedback_events (feedback_id, seq);`,
  // 9: topics no longer offered to the public keep their feedback; those already here are in use.
  `ALTER TABLE topics ADD COLUMN retired boolean NOT NULL DEFAULT false;`,
  // 10: response targets and the giver's status page. Items from before have no due date.
  `ALTER TABLE topics ADD COLUMN target_days smallint NOT NULL DEFAULT 5;
   ALTER TABLE feedback ADD COLUMN due_at timestamptz;
   ALTER TABLE feedback ADD COLUMN status_key_hash text;
   CREATE INDEX feedback_open_by_due ON feedback (official_id, due_at) WHERE status IN ('new', 'in-progress') AND due_at IS NOT NULL;
   CREATE INDEX feedback_by_due ON feedback (due_at, created_at DESC, seq DESC);
   CREATE UNIQUE INDEX feedback_by_status_key ON feedback (status_key_hash) WHERE status_key_hash IS NOT NULL;`,
  // 11: the mail send queue, shared by every server (each mail claimed by one), and the keys
  // a mail may be queued under once (one reminder per official per city day).
  `CREATE TABLE mail_queue (
     id text PRIMARY KEY,
     kind text NOT NULL,
     recipient text NOT NULL,
     locale text NOT NULL,
     subject text NOT NULL,
     body jsonb NOT NULL,
     reply_to text,
     about text[] NOT NULL,
     official_id text,
     created_at timestamptz NOT NULL,
     attempts integer NOT NULL,
     next_attempt_at timestamptz,
     claimed_until timestamptz,
     failure jsonb
   );
   CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
   CREATE TABLE mail_once (key text PRIMARY KEY, at timestamptz NOT NULL);`,
  // 12: service areas no longer offered keep their feedback; those already here are in use.
  `ALTER TABLE service_areas ADD COLUMN retired boolean NOT NULL DEFAULT false;`,
  // 13: machine clients' API keys (hashed), the SMS quiet period by a keyed hash of the
  // number (never the number), and the random keys the server keeps for such hashes.
  `CREATE TABLE api_keys (
     id text PRIMARY KEY,
     name text NOT NULL,
     scope text NOT NULL,
     key_hash text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL,
     last_used_at timestamptz,
     revoked_at timestamptz
   );
   CREATE UNIQUE INDEX api_keys_by_name ON api_keys (lower(name));
   CREATE TABLE sms_quiet (
     number_hash text PRIMARY KEY,
     sent_at timestamptz NOT NULL
   );
   CREATE TABLE server_keys (
     name text PRIMARY KEY,
     key text NOT NULL
   );`,
  // 14: who made an API key in the dashboard (null: at the command line).
  `ALTER TABLE api_keys ADD COLUMN created_by text;`,
  // 15: the SMS send queue, shared by every server (each message claimed by one). The number
  // and text are cleared when a message is given up; a sent one leaves the table.
  `CREATE TABLE sms_queue (
     id text PRIMARY KEY,
     recipient text,
     text text,
     official_id text NOT NULL,
     created_at timestamptz NOT NULL,
     attempts integer NOT NULL,
     next_attempt_at timestamptz,
     claimed_until timestamptz,
     failure jsonb
   );
   CREATE INDEX sms_queue_due ON sms_queue (next_attempt_at) WHERE next_attempt_at IS NOT NULL;`,
  // 16: the dashboards' running sums per city day, kept by triggers (aggregate-sql.ts), filled from the items stored.
  AGGREGATES_MIGRATION,
  // 17: an official's inbox counts its items by status from the index alone (an index-only
  // scan): an official's items lie one to a page among everyone's, so at 1M items reading
  // the table to filter by status took 140 to 700 ms.
  `DROP INDEX feedback_by_official;
   CREATE INDEX feedback_by_official ON feedback (official_id, created_at DESC, seq DESC) INCLUDE (status);`,
];

const LOCK_ID = 7_265_431; // any constant: Suora's advisory lock for migrations

export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const [index, sql] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (applied.has(version)) continue;
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
