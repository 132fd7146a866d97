import type { QueuedSms } from '../../domain/model.js';
import { claimDue, deleteFromQueue, listQueue, type Query } from './queue-table.js';

const COLUMNS = 'id, recipient, text, official_id, created_at, attempts, next_attempt_at, claimed_until, failure';

function values(m: QueuedSms): unknown[] {
  return [m.id, m.to, m.text, m.officialId, m.createdAt, m.attempts, m.nextAttemptAt, m.claimedUntil, m.failure];
}

function toQueuedSms(r: any): QueuedSms {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    id: r.id,
    to: r.recipient,
    text: r.text,
    officialId: r.official_id,
    createdAt: iso(r.created_at)!,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    claimedUntil: iso(r.claimed_until),
    failure: r.failure,
  };
}

/** The SMS send queue in PostgreSQL (`sms_queue`): see Store.addQueuedSms and the methods after it. */
export class SmsQueueTable {
  constructor(private readonly query: Query) {}

  async add(sms: QueuedSms): Promise<void> {
    await this.query(`INSERT INTO sms_queue (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, values(sms));
  }

  async claim(now: string, until: string, limit: number): Promise<QueuedSms[]> {
    return (await claimDue(this.query, 'sms_queue', now, until, limit)).map(toQueuedSms);
  }

  async update(sms: QueuedSms): Promise<void> {
    await this.query(
      `UPDATE sms_queue SET recipient = $2, text = $3, official_id = $4, created_at = $5, attempts = $6, next_attempt_at = $7, claimed_until = $8, failure = $9 WHERE id = $1`,
      values(sms),
    );
  }

  async list(): Promise<QueuedSms[]> {
    return (await listQueue(this.query, 'sms_queue')).map(toQueuedSms);
  }

  delete(ids: readonly string[]): Promise<number> {
    return deleteFromQueue(this.query, 'sms_queue', ids);
  }
}
