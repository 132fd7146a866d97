import type { WaitingSms } from '../domain/personal-data-inventory.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { OutgoingSms, SmsOutbound } from '../domain/sms-surveys.js';
import { SmsNotSent, type SmsGateway } from './smpp-gateway.js';

/** Waits between tries, about a day in all: a gateway down for a night still delivers by morning. */
export const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000];

/** A message that could not be sent, as admins see it: never the number or the text. */
export interface FailedSms {
  id: number;
  officialId: string;
  queuedAt: string;
  failedAt: string;
  attempts: number;
  reason: string;
}

/** A message whose last try failed and that waits for its next one, as admins see it. */
export interface RetryingSms {
  id: number;
  officialId: string;
  queuedAt: string;
  failedAt: string;
  attempts: number;
  reason: string;
  nextAttemptAt: string;
}

/** The queue's counts, for the admin view and /metrics. */
export interface SmsQueueCounts {
  /** Waiting to be sent or tried again. */
  waiting: number;
  /** Sent since the server started. */
  sent: number;
  /** Given up on since the server started (listed in `failed()`). */
  failed: number;
  /** Tries that failed since the server started, whether tried again or given up after. */
  failedAttempts: number;
}

interface Job {
  id: number;
  sms: OutgoingSms;
  queuedAt: string;
  attempts: number;
  /** The last failed try, while the message waits for its next one. */
  lastFailure?: { at: string; reason: string; nextAttemptAt: string };
}

/** How many failures admins are shown; older ones are counted only. */
const FAILURES_KEPT = 100;

/**
 * The SMS waiting to go out, sent one at a time through `gateway`. A message the gateway
 * surely did not take is tried again after each of `retryDelaysMs`, then given up; one it
 * may have taken (no answer after the submit) is given up at once, so nothing is sent twice.
 * A message's number is held only until it is sent or given up. Held in memory: a restart
 * loses what still waits (its quiet period stays claimed, so it is not sent later either);
 * this module is the one place to change when the queue moves into the store.
 */
export class SmsQueue implements SmsOutbound, WaitingSms {
  readonly #waiting: Job[] = [];
  /** Messages waiting for their next try, by timer. */
  readonly #retrying = new Map<NodeJS.Timeout, Job>();
  readonly #failed: FailedSms[] = [];
  #sent = 0;
  #failedCount = 0;
  #failedAttempts = 0;
  #nextId = 1;
  #sending: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly gateway: SmsGateway,
    private readonly retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
    private readonly log: Logger = silentLogger,
  ) {}

  async send(sms: OutgoingSms): Promise<void> {
    this.#waiting.push({ id: this.#nextId++, sms, queuedAt: new Date().toISOString(), attempts: 0 });
    this.#deliver();
  }

  counts(): SmsQueueCounts {
    return { waiting: this.#waiting.length + this.#retrying.size, sent: this.#sent, failed: this.#failedCount, failedAttempts: this.#failedAttempts };
  }

  /** The messages whose last try failed and that wait for the next, soonest first. */
  retrying(): RetryingSms[] {
    const shown: RetryingSms[] = [];
    for (const { id, sms, queuedAt, attempts, lastFailure } of this.#retrying.values()) {
      if (lastFailure) shown.push({ id, officialId: sms.officialId, queuedAt, failedAt: lastFailure.at, attempts, reason: lastFailure.reason, nextAttemptAt: lastFailure.nextAttemptAt });
    }
    return shown.sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  waitingFor(phone: string): number {
    return [...this.#waiting, ...this.#retrying.values()].filter((job) => job.sms.to === phone).length;
  }

  /** Erasure: the messages to the number waiting for a try are dropped (one being sent right now goes). */
  forget(phone: string): number {
    let forgotten = 0;
    for (const [timer, job] of this.#retrying) {
      if (job.sms.to !== phone) continue;
      clearTimeout(timer);
      this.#retrying.delete(timer);
      forgotten++;
    }
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      if (this.#waiting[i]!.sms.to === phone) {
        this.#waiting.splice(i, 1);
        forgotten++;
      }
    }
    return forgotten;
  }

  /** The messages given up on, newest first. */
  failed(): FailedSms[] {
    return [...this.#failed].reverse();
  }

  /** Resolves when nothing is being sent (messages waiting for a retry may remain). */
  async idle(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  /** Stops the retries; what is being sent finishes. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#retrying.keys()) clearTimeout(timer);
    this.#retrying.clear();
    await this.idle();
  }

  #deliver(): void {
    if (this.#sending || this.#closed) return;
    this.#sending = (async () => {
      for (let job = this.#waiting.shift(); job; job = this.#waiting.shift()) await this.#try(job);
    })().finally(() => (this.#sending = undefined));
  }

  async #try(job: Job): Promise<void> {
    job.attempts++;
    try {
      await this.gateway.send(job.sms);
      this.#sent++;
    } catch (error) {
      this.#failedAttempts++;
      const reason = error instanceof Error ? error.message : String(error);
      const delay = this.retryDelaysMs[job.attempts - 1];
      if (error instanceof SmsNotSent && error.retry && delay !== undefined && !this.#closed) {
        const now = Date.now();
        const nextAttemptAt = new Date(now + delay).toISOString();
        job.lastFailure = { at: new Date(now).toISOString(), reason, nextAttemptAt };
        // The id and the reason only: the log holds no number and no text.
        this.log.warn(
          { smsId: job.id, officialId: job.sms.officialId, attempts: job.attempts, reason, nextAttemptAt },
          'an SMS could not be sent: it is tried again',
        );
        const timer = setTimeout(() => {
          this.#retrying.delete(timer);
          this.#waiting.push(job);
          this.#deliver();
        }, delay);
        timer.unref();
        this.#retrying.set(timer, job);
        return;
      }
      this.#giveUp(job, reason);
    }
  }

  #giveUp(job: Job, reason: string): void {
    this.#failedCount++;
    const { officialId } = job.sms;
    this.#failed.push({ id: job.id, officialId, queuedAt: job.queuedAt, failedAt: new Date().toISOString(), attempts: job.attempts, reason });
    if (this.#failed.length > FAILURES_KEPT) this.#failed.shift();
    this.log.warn(
      { smsId: job.id, officialId, attempts: job.attempts, reason },
      'an SMS could not be sent: no tries left, admins see it at GET /api/admin/sms',
    );
  }
}
