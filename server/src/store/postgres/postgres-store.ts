import pg from 'pg';
import type { FeedbackSort } from '../../../../contract/api.js';
import { OPEN_STATUSES, type ApiKey, type AuditEntry, type Deputyship, type Feedback, type FeedbackEvent, type LoginKey, type Official, type QueuedMail, type QueuedSms, type ReplyTemplate, type ServiceArea, type Session, type SignatureLink, type Topic } from '../../domain/model.js';
import { checkFeedbackTime } from '../../domain/feedback-record.js';
import { silentLogger, type Logger } from '../../observability/logger.js';
import { StoreUnavailableError, type FeedbackFilter, type FeedbackPage, type PageRequest, type Store } from '../../domain/store-port.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import { DEFAULT_TIME_ZONE, type Period } from '../../domain/city-time.js';
import type { DayRange, ScoreCell, ScoreGrain, ScoreScope } from '../../domain/aggregates.js';
import type { FeedbackStats } from '../../domain/stats.js';
import { DirectoryCache } from './directory-cache.js';
import { PostgresAggregates } from './aggregates.js';
import { InsertBatcher } from './insert-batcher.js';
import { MailQueueTable } from './mail-queue-table.js';
import { SmsQueueTable } from './sms-queue-table.js';
import { PostgresIntegrations } from './integrations.js';
import { migrate } from './migrations.js';
import {
  CONTACT_EMAIL,
  FACTS_COLUMNS,
  FEEDBACK_COLUMN_COUNT,
  FEEDBACK_COLUMNS,
  feedbackValues,
  PERSONAL_DATA,
  toAuditEntry,
  toFacts,
  toFeedback,
  toDeputyship,
  toLink,
  toReplyTemplate,
  toLoginKey,
  toOfficial,
  toServiceArea,
  toSession,
  toTopic,
} from './rows.js';

const EXPORT_BATCH = 1000;

/**
 * The inbox's orders as SQL; ties (one arrival time) in the order stored. `due`: as the
 * lowdb store sorts, soonest due first, none last; ties newest first.
 */
const ORDER_BY: Record<FeedbackSort, string> = {
  newest: 'created_at DESC, seq DESC',
  oldest: 'created_at, seq',
  due: 'due_at ASC NULLS LAST, created_at DESC, seq DESC',
};

/** A deputyship's days as pg's text (`2026-12-21`), never turned into a time in some zone. */
const DAYS = 'from_day::text AS from_day, to_day::text AS to_day';

/** The directory as kept between changes (see DirectoryCache), in the order the queries give. */
interface Directory {
  serviceAreas: Map<string, ServiceArea>;
  topics: Map<string, Topic>;
  officials: Map<string, Official>;
  linksByToken: Map<string, SignatureLink>;
  deputyships: Deputyship[];
}

/**
 * The store for several server processes on one database. Queries are parameterized
 * only; what several processes must share (sessions, login keys) lives here too.
 */
export class PostgresStore implements Store {
  private readonly pool: { query: Queryable };
  readonly #mailQueue: MailQueueTable;
  readonly #smsQueue: SmsQueueTable;
  readonly #directory: DirectoryCache<Directory>;
  readonly #inserts = new InsertBatcher<Feedback>((rows) => this.#insertFeedback(rows), { maxRows: 100, concurrency: 2 });

  readonly #integrations: PostgresIntegrations;
  readonly #aggregates: PostgresAggregates;

  private constructor(
    private readonly connections: pg.Pool,
    timeZone: string,
  ) {
    this.pool = { query: (text, values) => query(connections, text, values) };
    this.#mailQueue = new MailQueueTable(this.pool.query);
    this.#smsQueue = new SmsQueueTable(this.pool.query);
    this.#integrations = new PostgresIntegrations(this.pool.query);
    this.#directory = new DirectoryCache(connections, () => this.#loadDirectory());
    this.#aggregates = new PostgresAggregates(this.pool.query, connections, timeZone);
  }

  /** Every change to the directory goes through here, so that every process hears of it. */
  async #saveDirectoryRow(text: string, values: unknown[]): Promise<void> {
    await this.pool.query(text, values);
    await this.#directory.changed();
  }

  async #loadDirectory(): Promise<Directory> {
    const [areas, topics, officials, links, deputyships] = await Promise.all([
      this.pool.query('SELECT * FROM service_areas ORDER BY id'),
      this.pool.query('SELECT * FROM topics ORDER BY id'),
      this.pool.query('SELECT * FROM officials ORDER BY id'),
      this.pool.query('SELECT * FROM signature_links ORDER BY created_at, id'),
      this.pool.query(`SELECT id, official_id, deputy_id, ${DAYS} FROM deputyships ORDER BY from_day, id`),
    ]);
    return {
      serviceAreas: new Map(areas.rows.map(toServiceArea).map((a) => [a.id, a])),
      topics: new Map(topics.rows.map(toTopic).map((t) => [t.id, t])),
      officials: new Map(officials.rows.map(toOfficial).map((o) => [o.id, o])),
      linksByToken: new Map(links.rows.map(toLink).map((l) => [l.token, l])),
      deputyships: deputyships.rows.map(toDeputyship),
    };
  }

  /** `timeZone`: the city's (`SUORA_TIME_ZONE`), whose days the aggregates count; every process on one database must share it. */
  static async open(databaseUrl: string, { timeZone = DEFAULT_TIME_ZONE, log = silentLogger }: { timeZone?: string | undefined; log?: Logger | undefined } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client's error (the database restarting) must not crash the server.
    pool.on('error', (error) => log.error({ err: error }, 'an idle PostgreSQL connection failed'));
    try {
      await migrate(pool);
      const store = new PostgresStore(pool, timeZone);
      store.#aggregates.startCheck(log);
      return store;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  async listServiceAreas(): Promise<ServiceArea[]> {
    return [...(await this.#directory.get()).serviceAreas.values()];
  }

  async getServiceArea(id: string): Promise<ServiceArea | undefined> {
    return (await this.#directory.get()).serviceAreas.get(id);
  }

  async saveServiceArea(area: ServiceArea): Promise<void> {
    await this.#saveDirectoryRow(
      `INSERT INTO service_areas (id, name, official_id, retired) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = $2, official_id = $3, retired = $4`,
      [area.id, area.name, area.officialId ?? null, area.retired],
    );
  }

  async listTopics(): Promise<Topic[]> {
    return [...(await this.#directory.get()).topics.values()];
  }

  async getTopic(id: string): Promise<Topic | undefined> {
    return (await this.#directory.get()).topics.get(id);
  }

  async saveTopic(topic: Topic): Promise<void> {
    await this.#saveDirectoryRow(
      `INSERT INTO topics (id, name, service_area_id, official_id, for_businesses, retired, target_days) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET name = $2, service_area_id = $3, official_id = $4, for_businesses = $5, retired = $6, target_days = $7`,
      [topic.id, topic.name, topic.serviceAreaId, topic.officialId, topic.forBusinesses, topic.retired, topic.targetDays],
    );
  }

  async listOfficials(): Promise<Official[]> {
    return [...(await this.#directory.get()).officials.values()];
  }

  async getOfficial(id: string): Promise<Official | undefined> {
    return (await this.#directory.get()).officials.get(id);
  }

  async saveOfficial(o: Official): Promise<void> {
    await this.#saveDirectoryRow(
      `INSERT INTO officials (id, name, title, email, service_area_id, role, active, locale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = $2, title = $3, email = $4, service_area_id = $5, role = $6, active = $7, locale = $8`,
      [o.id, o.name, o.title, o.email, o.serviceAreaId, o.role, o.active, o.locale],
    );
  }

  async listLinks(): Promise<SignatureLink[]> {
    return [...(await this.#directory.get()).linksByToken.values()];
  }

  async getLinkByToken(token: string): Promise<SignatureLink | undefined> {
    return (await this.#directory.get()).linksByToken.get(token);
  }

  async saveLink(l: SignatureLink): Promise<void> {
    await this.#saveDirectoryRow(
      `INSERT INTO signature_links (id, token, official_id, service_area_id, channel, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET token = $2, official_id = $3, service_area_id = $4, channel = $5,
         created_at = $6, revoked_at = $7`,
      [l.id, l.token, l.officialId, l.serviceAreaId, l.channel, l.createdAt, l.revokedAt],
    );
  }

  async listDeputyships(): Promise<Deputyship[]> {
    return [...(await this.#directory.get()).deputyships];
  }

  async saveDeputyship(d: Deputyship): Promise<void> {
    await this.#saveDirectoryRow(
      `INSERT INTO deputyships (id, official_id, deputy_id, from_day, to_day) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET official_id = $2, deputy_id = $3, from_day = $4, to_day = $5`,
      [d.id, d.officialId, d.deputyId, d.from, d.to],
    );
  }

  async deleteDeputyship(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM deputyships WHERE id = $1', [id]);
    await this.#directory.changed();
    return (rowCount ?? 0) > 0;
  }

  async listReplyTemplates(): Promise<ReplyTemplate[]> {
    const { rows } = await this.pool.query('SELECT * FROM reply_templates ORDER BY name, id');
    return rows.map(toReplyTemplate);
  }

  async saveReplyTemplate(t: ReplyTemplate): Promise<void> {
    await this.pool.query(
      `INSERT INTO reply_templates (id, name, service_area_id, text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = $2, service_area_id = $3, text = $4`,
      [t.id, t.name, t.serviceAreaId, JSON.stringify(t.text)],
    );
  }

  async deleteReplyTemplate(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM reply_templates WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async addFeedback(f: Feedback): Promise<void> {
    checkFeedbackTime(f);
    return this.#inserts.add(f);
  }

  async #insertFeedback(rows: Feedback[]): Promise<void> {
    const tuples = rows.map((_, r) => `(${placeholders(FEEDBACK_COLUMN_COUNT, r * FEEDBACK_COLUMN_COUNT)})`);
    await this.pool.query(`INSERT INTO feedback (${FEEDBACK_COLUMNS}) VALUES ${tuples.join(', ')}`, rows.flatMap(feedbackValues));
  }

  async updateFeedback(f: Feedback): Promise<void> {
    const values = feedbackValues(f);
    const assignments = FEEDBACK_COLUMNS.split(',')
      .map((c) => c.trim())
      .slice(1)
      .map((column, i) => `${column} = $${i + 2}`)
      .join(', ');
    const { rowCount } = await this.pool.query(`UPDATE feedback SET ${assignments} WHERE id = $1`, values);
    if (rowCount === 0) throw new Error(`No feedback ${f.id} to update.`);
  }

  async deleteFeedback(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM feedback WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }

  async addFeedbackEvent(feedbackId: string, event: FeedbackEvent): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO feedback_events (feedback_id, event) SELECT id, $2::jsonb FROM feedback WHERE id = $1',
      [feedbackId, JSON.stringify(event)],
    );
    return (rowCount ?? 0) > 0;
  }

  async listFeedbackEvents(feedbackId: string): Promise<FeedbackEvent[]> {
    const { rows } = await this.pool.query('SELECT event FROM feedback_events WHERE feedback_id = $1 ORDER BY seq', [feedbackId]);
    return rows.map((r) => r.event as FeedbackEvent);
  }

  async purgeFeedbackEvents(feedbackId: string): Promise<void> {
    await this.pool.query(`UPDATE feedback_events SET event = jsonb_set(event, '{text}', 'null') WHERE feedback_id = $1 AND event ? 'text'`, [feedbackId]);
  }

  async addAuditEntry(e: AuditEntry): Promise<void> {
    await this.pool.query('INSERT INTO audit_log (at, actor_id, action, feedback_id, target_id, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
      e.at,
      e.actorId,
      e.action,
      e.feedbackId,
      e.targetId ?? null,
      e.detail,
    ]);
  }

  async listAuditEntries(page: PageRequest = {}): Promise<{ items: AuditEntry[]; total: number }> {
    const { rows } = await this.pool.query('SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1 OFFSET $2', [page.limit ?? null, page.offset ?? 0]);
    const count = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
    return {
      items: rows.map(toAuditEntry),
      total: Number(count.rows[0]!.n),
    };
  }

  async getFeedback(id: string): Promise<Feedback | undefined> {
    const { rows } = await this.pool.query(`SELECT ${FEEDBACK_COLUMNS} FROM feedback WHERE id = $1`, [id]);
    return rows[0] && toFeedback(rows[0]);
  }

  async queryFeedback(filter: FeedbackFilter, page: PageRequest = {}): Promise<FeedbackPage> {
    const { where, values } = whereClause(filter);
    const limited = page.limit !== undefined || page.offset !== undefined;
    const paging = limited ? ` LIMIT $${values.length + 1} OFFSET $${values.length + 2}` : '';
    const { rows } = await this.pool.query(
      `SELECT ${FEEDBACK_COLUMNS} FROM feedback ${where} ORDER BY ${ORDER_BY[page.sort ?? 'newest']}${paging}`,
      limited ? [...values, page.limit ?? null, page.offset ?? 0] : values,
    );
    const items = rows.map(toFeedback);
    if (!limited) return { items, total: items.length };
    const count = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM feedback ${where}`, values);
    return { items, total: Number(count.rows[0]!.n) };
  }

  async feedbackFacts(filter: FeedbackFilter): Promise<FeedbackFacts[]> {
    const { where, values } = whereClause(filter);
    const { rows } = await this.pool.query(`SELECT ${FACTS_COLUMNS} FROM feedback ${where} ORDER BY created_at, seq`, values);
    return rows.map(toFacts);
  }

  async feedbackStats(period: Period, timeZone: string, days?: DayRange): Promise<FeedbackStats> {
    return this.#aggregates.stats(period, timeZone, days);
  }

  async scoreCells(scope: ScoreScope, timeZone: string, days?: DayRange, grain?: ScoreGrain): Promise<ScoreCell[]> {
    return this.#aggregates.scoreCells(scope, timeZone, days, grain);
  }

  async rebuildAggregates(): Promise<number> {
    return this.#aggregates.rebuild();
  }

  async *feedbackBatches(): AsyncGenerator<Feedback[]> {
    // Keyset paging: each batch starts after the last row of the one before (its time as
    // PostgreSQL's own text, which keeps the microseconds a JavaScript Date would drop).
    let after: unknown[] | undefined;
    for (;;) {
      const { rows } = await this.pool.query(
        `SELECT ${FEEDBACK_COLUMNS}, seq, created_at::text AS created_key FROM feedback
         ${after ? 'WHERE (created_at, seq) > ($1::timestamptz, $2)' : ''} ORDER BY created_at, seq LIMIT ${EXPORT_BATCH}`,
        after,
      );
      if (rows.length === 0) return;
      yield rows.map(toFeedback);
      after = [rows.at(-1)!.created_key, rows.at(-1)!.seq];
    }
  }

  async saveLoginKey(key: LoginKey): Promise<void> {
    await this.pool.query('DELETE FROM login_keys WHERE expires_at < now()');
    await this.pool.query('INSERT INTO login_keys (key_hash, official_id, expires_at, used_at) VALUES ($1, $2, $3, $4)', [
      key.keyHash,
      key.officialId,
      key.expiresAt,
      key.usedAt,
    ]);
  }

  async useLoginKey(keyHash: string, at: string): Promise<LoginKey | undefined> {
    // One statement: of two servers racing for the same key, one wins.
    const { rows } = await this.pool.query(
      'UPDATE login_keys SET used_at = $2 WHERE key_hash = $1 AND used_at IS NULL RETURNING *',
      [keyHash, at],
    );
    return rows[0] && toLoginKey(rows[0]);
  }

  async saveSession(session: Session): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at < now()');
    await this.pool.query('INSERT INTO sessions (id_hash, official_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      session.idHash,
      session.officialId,
      session.createdAt,
      session.expiresAt,
    ]);
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return rows[0] && toSession(rows[0]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteSessionsOf(officialId: string): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM sessions WHERE official_id = $1', [officialId]);
    return rowCount ?? 0;
  }

  async deleteLoginKeysOf(officialId: string): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM login_keys WHERE official_id = $1 AND used_at IS NULL', [officialId]);
    return rowCount ?? 0;
  }

  async checkReady(): Promise<void> {
    // A standby (after a failover, say) answers queries but takes no change.
    const { rows } = await this.pool.query<{ recovery: boolean; read_only: string }>(
      "SELECT pg_is_in_recovery() AS recovery, current_setting('transaction_read_only') AS read_only",
    );
    if (rows[0]!.recovery || rows[0]!.read_only === 'on') {
      throw new StoreUnavailableError('PostgreSQL takes no changes: the database is a standby in recovery, or read-only.');
    }
  }

  addQueuedMail(mail: QueuedMail, once?: string): Promise<boolean> {
    return this.#mailQueue.add(mail, once);
  }

  claimQueuedMail(now: string, until: string, limit: number): Promise<QueuedMail[]> {
    return this.#mailQueue.claim(now, until, limit);
  }

  updateQueuedMail(mail: QueuedMail): Promise<void> {
    return this.#mailQueue.update(mail);
  }

  listQueuedMail(): Promise<QueuedMail[]> {
    return this.#mailQueue.list();
  }

  deleteQueuedMail(ids: readonly string[]): Promise<number> {
    return this.#mailQueue.delete(ids);
  }

  addQueuedSms = (sms: QueuedSms): Promise<void> => this.#smsQueue.add(sms);
  claimQueuedSms = (now: string, until: string, limit: number): Promise<QueuedSms[]> => this.#smsQueue.claim(now, until, limit);
  updateQueuedSms = (sms: QueuedSms): Promise<void> => this.#smsQueue.update(sms);
  listQueuedSms = (): Promise<QueuedSms[]> => this.#smsQueue.list();
  deleteQueuedSms = (ids: readonly string[]): Promise<number> => this.#smsQueue.delete(ids);

  listApiKeys = (): Promise<ApiKey[]> => this.#integrations.listApiKeys();
  getApiKeyByHash = (keyHash: string): Promise<ApiKey | undefined> => this.#integrations.getApiKeyByHash(keyHash);
  saveApiKey = (key: ApiKey): Promise<void> => this.#integrations.saveApiKey(key);
  claimSmsQuietPeriod = (hash: string, at: string, since: string): Promise<boolean> => this.#integrations.claimSmsQuietPeriod(hash, at, since);
  hasSmsQuietPeriod = (hash: string): Promise<boolean> => this.#integrations.hasSmsQuietPeriod(hash);
  deleteSmsQuietPeriod = (hash: string): Promise<boolean> => this.#integrations.deleteSmsQuietPeriod(hash);
  serverKey = (name: string): Promise<string> => this.#integrations.serverKey(name);

  async close(): Promise<void> {
    await this.#aggregates.checked;
    await this.#directory.close();
    await this.connections.end();
  }
}

type Queryable = <R extends pg.QueryResultRow = any>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/** SQLSTATE classes and network errors that mean "the database is not there right now". */
const UNAVAILABLE = /^(08|53|57P)/;

async function query<R extends pg.QueryResultRow>(pool: pg.Pool, text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(text, values);
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    const message = (error as Error).message ?? '';
    if (UNAVAILABLE.test(code) || /^E(CONNREFUSED|CONNRESET|HOSTUNREACH|TIMEDOUT|PIPE)$|^ENOTFOUND$/.test(code) || /Connection terminated|timeout/i.test(message)) {
      throw new StoreUnavailableError(`PostgreSQL is unavailable (${code || message}).`, { cause: error });
    }
    throw error;
  }
}

function placeholders(n: number, from = 0): string {
  return Array.from({ length: n }, (_, i) => `$${from + i + 1}`).join(', ');
}

function whereClause(filter: FeedbackFilter): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.officialId !== undefined) add('official_id = ?', filter.officialId);
  if (filter.serviceAreaId !== undefined) add('service_area_id = ?', filter.serviceAreaId);
  if (filter.reach !== undefined) {
    values.push(filter.reach.serviceAreaId, [...filter.reach.officialIds]);
    conditions.push(`(service_area_id = $${values.length - 1} OR official_id = ANY($${values.length}))`);
  }
  if (filter.topicId !== undefined) add('topic_id = ?', filter.topicId);
  if (filter.linkId !== undefined) add('link_id = ?', filter.linkId);
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.statuses !== undefined) add('status = ANY(?)', [...filter.statuses]);
  if (filter.services !== undefined) {
    values.push([...filter.services.topicIds], [...filter.services.areaIdsWithoutTopic]);
    conditions.push(`(topic_id = ANY($${values.length - 1}) OR (topic_id IS NULL AND service_area_id = ANY($${values.length})))`);
  }
  if (filter.channel !== undefined) add('channel = ?', filter.channel);
  if (filter.public !== undefined) add('public = ?', filter.public);
  if (filter.published !== undefined) add('published = ?', filter.published);
  if (filter.from !== undefined) add('created_at >= ?', filter.from);
  if (filter.before !== undefined) add('created_at < ?', filter.before);
  if (filter.contactEmail !== undefined) add(`${CONTACT_EMAIL} = lower(btrim(?))`, filter.contactEmail);
  if (filter.personalData !== undefined) add(`${PERSONAL_DATA} = ?`, filter.personalData);
  if (filter.dueBefore !== undefined) add(`status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND due_at < ?`, filter.dueBefore);
  if (filter.statusKeyHash !== undefined) add('status_key_hash = ?', filter.statusKeyHash);
  if (filter.q !== undefined) {
    // One parameter, four columns; the search's own % and _ are taken literally.
    values.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const p = `$${values.length}`;
    conditions.push(`(id ILIKE ${p} OR comment ILIKE ${p} OR contact->>'name' ILIKE ${p} OR contact->>'organisation' ILIKE ${p})`);
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values };
}
