import type { QueuedMail } from '../domain/model.js';
import { newTypableId } from '../domain/secrets.js';
import type { Store } from '../domain/store-port.js';
import { mailFailureOf } from './mail-failure.js';
import type { Mail, Mailer } from './mailer.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import { ClaimLoop } from '../queue/claim-loop.js';

/** Waits before each further try of a mail that failed: 1 and 5 minutes, half an hour, 2 and 6 hours, a day (about 33 hours in all). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 86_400_000];

/** How long a server holds a mail it is trying: longer than any SMTP exchange takes, so that another takes it over only from a server that died. */
const HOLD_MS = 15 * 60_000;

/**
 * The send queue: every mail Suora sends is kept in the store (`Store.addQueuedMail`) before
 * it is tried, and leaves it once sent. A failed try never fails what caused the mail; it
 * is tried again after each of `retryDelaysMs`, by this server or any other on the same store
 * (a restart included), and then waits for an admin, who sees every mail that failed
 * (mail-problems.ts). A mail about feedback is not sent once an item it carries is erased or
 * purged. Sending is at least once: a server that dies between sending and removing the mail
 * leaves it to be sent again once its hold ends.
 */
export class MailQueue implements Mailer {
  readonly #retryDelaysMs: readonly number[];
  readonly #log: Logger;
  readonly #loop: ClaimLoop<QueuedMail>;

  constructor(
    private readonly store: Store,
    private readonly transport: Mailer,
    options: { retryDelaysMs?: readonly number[]; pollMs?: number; log?: Logger | undefined } = {},
  ) {
    this.#log = options.log ?? silentLogger;
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.#loop = new ClaimLoop({ claim: (now, until, limit) => store.claimQueuedMail(now, until, limit), attempt: (mail) => this.#try(mail) }, HOLD_MS, { pollMs: options.pollMs, log: options.log, what: 'mail' });
  }

  /** Sends what is due now (mail left from before a restart), then keeps looking. */
  start(): void {
    this.#loop.start();
  }

  /** Stops looking and waits for the tries under way; what is left waits in the store. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  async send(mail: Mail): Promise<void> {
    await this.queue(mail);
  }

  /**
   * Keeps the mail in the store and tries it at once (waiting for that try, never failing
   * for it). `once`: see `Store.addQueuedMail`; false when a mail was already queued under it.
   * Throws only when the store cannot keep the mail.
   */
  async queue(mail: Mail, once?: string): Promise<boolean> {
    const now = Date.now();
    const queued: QueuedMail = {
      id: newTypableId(),
      kind: mail.kind,
      to: mail.to,
      locale: mail.locale,
      subject: mail.subject,
      body: [...mail.body],
      replyTo: mail.replyTo ?? null,
      about: [...(mail.about ?? [])],
      officialId: mail.officialId ?? null,
      createdAt: new Date(now).toISOString(),
      attempts: 0,
      nextAttemptAt: new Date(now).toISOString(),
      // Held by this server for its first try, so that another polling now leaves it alone.
      claimedUntil: this.#loop.holdFrom(now),
      failure: null,
    };
    if (!(await this.store.addQueuedMail(queued, once))) return false;
    await this.#loop.attempt(queued);
    return true;
  }

  /** Looks for mail due now; a call while looking makes it look again after. */
  run(): void {
    this.#loop.run();
  }

  async #try(mail: QueuedMail): Promise<void> {
    const current = () => this.#stillHeld(mail.about);
    try {
      if (!(await current())) {
        await this.store.deleteQueuedMail([mail.id]);
        return;
      }
      await this.transport.send({ kind: mail.kind, officialId: mail.officialId, to: mail.to, locale: mail.locale, subject: mail.subject, body: mail.body, ...(mail.replyTo && { replyTo: mail.replyTo }), about: mail.about, current });
    } catch (error) {
      await this.#failed(mail, error);
      return;
    }
    await this.store.deleteQueuedMail([mail.id]).catch((error: Error) => this.#log.error({ err: error, mailId: mail.id }, 'a sent mail could not be removed from the queue'));
  }

  async #failed(mail: QueuedMail, error: unknown): Promise<void> {
    const now = Date.now();
    const attempts = mail.attempts + 1;
    const delay = this.#retryDelaysMs[attempts - 1];
    const nextAttemptAt = delay === undefined ? null : new Date(now + delay).toISOString();
    const failure = { ...mailFailureOf(error), at: new Date(now).toISOString() };
    // The id and the kind only: the log holds no address.
    this.#log.warn(
      { mailId: mail.id, kind: mail.kind, attempts, failure: failure.code, smtpCode: failure.smtpCode, nextAttemptAt },
      nextAttemptAt ? 'a mail could not be sent: it is tried again' : 'a mail could not be sent: no tries left, admins see it under mail problems',
    );
    try {
      await this.store.updateQueuedMail({ ...mail, attempts, nextAttemptAt, claimedUntil: null, failure });
    } catch (storeError) {
      // Its hold ends and it is tried again: nothing is lost.
      this.#log.error({ err: storeError, mailId: mail.id }, 'the failure of a mail could not be recorded');
      return;
    }
    if (delay !== undefined) this.#loop.wakeAt(now + delay);
  }

  /** Whether the items a mail carries are all still stored with their text: an erasure or purge meanwhile stops it. */
  async #stillHeld(ids: readonly string[]): Promise<boolean> {
    const items = await Promise.all(ids.map((id) => this.store.getFeedback(id)));
    return items.every((f) => f !== undefined && !f.purgedAt);
  }
}
