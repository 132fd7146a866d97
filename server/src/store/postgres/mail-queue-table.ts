import type { QueuedMail } from '../../domain/model.js';
import { claimDue, deleteFromQueue, listQueue, type Query } from './queue-table.js';

const COLUMNS = 'id, kind, recipient, locale, subject, body, reply_to, about, official_id, created_at, attempts, next_attempt_at, claimed_until, failure';

function values(m: QueuedMail): unknown[] {
  return [m.id, m.kind, m.to, m.locale, m.subject, JSON.stringify(m.body), m.replyTo, m.about, m.officialId, m.createdAt, m.attempts, m.nextAttemptAt, m.claimedUntil, m.failure];
}

function toQueuedMail(r: any): QueuedMail {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    id: r.id,
    kind: r.kind,
    to: r.recipient,
    locale: r.locale,
    subject: r.subject,
    body: r.body,
    replyTo: r.reply_to,
    about: r.about,
    officialId: r.official_id,
    createdAt: iso(r.created_at)!,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    claimedUntil: iso(r.claimed_until),
    failure: r.failure,
  };
}

/** The mail send queue in PostgreSQL (`mail_queue`, `mail_once`): see Store.addQueuedMail and the methods after it. */
export class MailQueueTable {
  constructor(private readonly query: Query) {}

  async add(mail: QueuedMail, once: string | undefined): Promise<boolean> {
    const insert = `INSERT INTO mail_queue (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;
    if (once === undefined) {
      await this.query(insert, values(mail));
      return true;
    }
    await this.query(`DELETE FROM mail_once WHERE at < now() - interval '7 days'`);
    // One statement: the key and the mail together, and of servers queuing at once, one wins.
    const { rowCount } = await this.query(
      `WITH once AS (INSERT INTO mail_once (key, at) VALUES ($15, $10) ON CONFLICT (key) DO NOTHING RETURNING key)
       INSERT INTO mail_queue (${COLUMNS}) SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM once`,
      [...values(mail), once],
    );
    return rowCount === 1;
  }

  async claim(now: string, until: string, limit: number): Promise<QueuedMail[]> {
    return (await claimDue(this.query, 'mail_queue', now, until, limit)).map(toQueuedMail);
  }

  async update(mail: QueuedMail): Promise<void> {
    await this.query(
      `UPDATE mail_queue SET kind = $2, recipient = $3, locale = $4, subject = $5, body = $6, reply_to = $7, about = $8, official_id = $9,
         created_at = $10, attempts = $11, next_attempt_at = $12, claimed_until = $13, failure = $14 WHERE id = $1`,
      values(mail),
    );
  }

  async list(): Promise<QueuedMail[]> {
    return (await listQueue(this.query, 'mail_queue')).map(toQueuedMail);
  }

  delete(ids: readonly string[]): Promise<number> {
    return deleteFromQueue(this.query, 'mail_queue', ids);
  }
}
