import type { QueuedSms } from '../domain/model.js';
import { newTypableId } from '../domain/secrets.js';
import type { OutgoingSms, SmsOutbound } from '../domain/sms-surveys.js';
import type { Store } from '../domain/store-port.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import { ClaimLoop } from '../queue/claim-loop.js';
import { SmsNotSent, type SmsGateway } from './smpp-gateway.js';

/** Waits between tries, about a day in all: a gateway down for a night still delivers by morning. */
export const DEFAULT_RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000];

/** How long a server holds a message it is trying: longer than an SMPP exchange may take (a connection, a bind, a submit, an unbind). */
const HOLD_MS = 15 * 60_000;

/** How many given-up messages admins are shown; older ones are counted only. */
const FAILURES_SHOWN = 100;

/** Why a message whose server stopped during its try is not tried again. */
const INTERRUPTED = 'The server stopped while sending it: the message may or may not have gone, so it is not sent again.';

/** A message that could not be sent, as admins see it: never the number or the text. */
export interface FailedSms {
  id: string;
  officialId: string;
  queuedAt: string;
  failedAt: string;
  attempts: number;
  reason: string;
}

/** A message whose last try failed and that waits for its next one, as admins see it. */
export interface RetryingSms extends FailedSms {
  nextAttemptAt: string;
}

/** The queue's counts, for the admin view and /metrics. */
export interface SmsQueueCounts {
  /** Waiting to be sent or tried again, by any server on the store. */
  waiting: number;
  /** Sent by this server since it started. */
  sent: number;
  /** Given up on by this server since it started (`failed()` lists every server's). */
  failed: number;
  /** Tries that failed on this server since it started, whether tried again or given up after. */
  failedAttempts: number;
}

/**
 * The SMS waiting to go out, kept in the store (`Store.addQueuedSms`) before they are tried:
 * a message the gateway surely did not take is tried again after each of `retryDelaysMs`, by
 * this server or any other on the store (a restart included), then given up. Sending is at
 * most once: before each try the message is marked as being tried, so one the gateway may
 * have taken (no answer after the submit, or a server that died during the try) is given up,
 * never sent again. The number and the text leave the store once the message is sent or
 * given up; admins see what was given up without them.
 */
export class SmsQueue implements SmsOutbound {
  readonly #retryDelaysMs: readonly number[];
  readonly #log: Logger;
  readonly #loop: ClaimLoop<QueuedSms>;
  #sent = 0;
  #failed = 0;
  #failedAttempts = 0;

  constructor(
    private readonly store: Store,
    private readonly gateway: SmsGateway,
    options: { retryDelaysMs?: readonly number[] | undefined; pollMs?: number | undefined; log?: Logger | undefined } = {},
  ) {
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.#log = options.log ?? silentLogger;
    const claim = async (now: string, until: string, limit: number) => {
      await this.#giveUpInterrupted(now);
      return store.claimQueuedSms(now, until, limit);
    };
    this.#loop = new ClaimLoop({ claim, attempt: (sms) => this.#try(sms) }, HOLD_MS, { pollMs: options.pollMs, log: options.log, what: 'SMS' });
  }

  /** Tries what is due now (messages left from before a restart), then keeps looking. */
  start(): void {
    this.#loop.start();
  }

  /** Stops looking and waits for the tries under way; what waits stays in the store. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** Keeps the message in the store and starts its first try (not waiting for it). Throws only when the store cannot keep it. */
  async send(sms: OutgoingSms): Promise<void> {
    const now = Date.now();
    const queued: QueuedSms = {
      id: newTypableId(),
      to: sms.to,
      text: sms.text,
      officialId: sms.officialId,
      createdAt: new Date(now).toISOString(),
      attempts: 0,
      nextAttemptAt: new Date(now).toISOString(),
      // Held by this server for its first try, so that another polling now leaves it alone.
      claimedUntil: this.#loop.holdFrom(now),
      failure: null,
    };
    await this.store.addQueuedSms(queued);
    void this.#loop.attempt(queued);
  }

  /** Resolves when this server is trying nothing (messages waiting for a retry may remain). */
  async idle(): Promise<void> {
    await this.#loop.idle();
  }

  async counts(): Promise<SmsQueueCounts> {
    const waiting = (await this.store.listQueuedSms()).filter((m) => m.to !== null).length;
    return { waiting, sent: this.#sent, failed: this.#failed, failedAttempts: this.#failedAttempts };
  }

  /** The messages whose last try failed and that wait for the next, soonest first. */
  async retrying(): Promise<RetryingSms[]> {
    return (await this.store.listQueuedSms())
      .flatMap((m) => (m.nextAttemptAt !== null && m.failure ? [{ ...shown(m, m.failure), nextAttemptAt: m.nextAttemptAt }] : []))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  /** The messages given up on, newest first. */
  async failed(): Promise<FailedSms[]> {
    return (await this.store.listQueuedSms())
      .flatMap((m) => (m.to === null && m.failure ? [shown(m, m.failure)] : []))
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt))
      .slice(0, FAILURES_SHOWN);
  }

  async #try(claimed: QueuedSms): Promise<void> {
    const { to, text, officialId } = claimed;
    if (to === null || text === null) return;
    // Marked before the gateway hears of it: from here a crash leaves it given up, not sent twice.
    const trying: QueuedSms = { ...claimed, attempts: claimed.attempts + 1, nextAttemptAt: null };
    try {
      await this.store.updateQueuedSms(trying);
    } catch (error) {
      // Nothing was sent: its hold ends and it is tried again.
      this.#log.error({ err: error, smsId: claimed.id }, 'an SMS could not be marked as being sent: it is tried later');
      return;
    }
    try {
      await this.gateway.send({ to, text, officialId });
    } catch (error) {
      await this.#failedTry(trying, error).catch((storeError: Error) => this.#log.error({ err: storeError, smsId: claimed.id }, 'the failure of an SMS could not be recorded'));
      return;
    }
    this.#sent++;
    await this.store.deleteQueuedSms([claimed.id]).catch((error: Error) => this.#log.error({ err: error, smsId: claimed.id }, 'a sent SMS could not be removed from the queue'));
  }

  async #failedTry(sms: QueuedSms, error: unknown): Promise<void> {
    this.#failedAttempts++;
    const reason = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    const delay = this.#retryDelaysMs[sms.attempts - 1];
    if (!(error instanceof SmsNotSent && error.retry && delay !== undefined)) {
      await this.#giveUp(sms, reason, now);
      return;
    }
    const nextAttemptAt = new Date(now + delay).toISOString();
    await this.store.updateQueuedSms({ ...sms, nextAttemptAt, claimedUntil: null, failure: { reason, at: new Date(now).toISOString() } });
    // The id and the reason only: the log holds no number and no text.
    this.#log.warn({ smsId: sms.id, officialId: sms.officialId, attempts: sms.attempts, reason, nextAttemptAt }, 'an SMS could not be sent: it is tried again');
    this.#loop.wakeAt(now + delay);
  }

  /** Keeps what admins see of it, without the number and the text. */
  async #giveUp(sms: QueuedSms, reason: string, now: number): Promise<void> {
    await this.store.updateQueuedSms({ ...sms, to: null, text: null, nextAttemptAt: null, claimedUntil: null, failure: { reason, at: new Date(now).toISOString() } });
    this.#failed++;
    this.#log.warn({ smsId: sms.id, officialId: sms.officialId, attempts: sms.attempts, reason }, 'an SMS could not be sent: no tries left, admins see it at GET /api/admin/sms');
  }

  /** Messages whose try began on a server that died before it ended (their hold is over): given up. */
  async #giveUpInterrupted(now: string): Promise<void> {
    const interrupted = (await this.store.listQueuedSms()).filter((m) => m.nextAttemptAt === null && m.to !== null && (m.claimedUntil === null || m.claimedUntil <= now));
    for (const sms of interrupted) await this.#giveUp(sms, INTERRUPTED, Date.now());
  }
}

function shown(m: QueuedSms, failure: NonNullable<QueuedSms['failure']>): FailedSms {
  return { id: m.id, officialId: m.officialId, queuedAt: m.createdAt, failedAt: failure.at, attempts: m.attempts, reason: failure.reason };
}
