import { mayReceiveFeedback, type Feedback, type Official } from '../domain/model.js';
import type { FeedbackNotifier } from '../domain/notifier-port.js';
import type { Store } from '../domain/store-port.js';
import { inEveryLanguage, TEXTS } from '../texts/index.js';
import { DEFAULT_TIME_ZONE } from '../domain/city-time.js';
import { DEFAULT_RETRY_DELAYS_MS, sendAcknowledgement, type AcknowledgementContext } from './acknowledgement.js';
import type { Mailer } from './mailer.js';

/** How long new feedback waits for more to the same official, so that a burst is one email. */
const DEFAULT_DIGEST_DELAY_MS = 60_000;
const ITEMS_IN_DIGEST = 10;

/**
 * Email that follows feedback: the routed official hears of new feedback, the giver gets
 * the city's reply when they asked for one. New feedback is gathered per official for a
 * short while and sent as one message, so a mail-out that brings hundreds of answers
 * brings the official a few emails, not hundreds. Mail never holds up or fails a request:
 * a failure is logged, and the feedback is in the dashboard whatever happens to the mail.
 *
 * A digest waiting to be sent holds references only, and reads its items from the store
 * when it is sent: an item erased meanwhile (by the admin API, or by the command line
 * beside a server on PostgreSQL) is left out, and so is one purged meanwhile; an item
 * handed over meanwhile goes to whoever handles it then, at the address they have then.
 */
export class Notifier implements FeedbackNotifier {
  /** Feedback references waiting for their digest, per official. */
  readonly #pending = new Map<string, string[]>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Digests being sent now (their timer fired): shutdown waits for them too. */
  readonly #sending = new Set<Promise<void>>();
  readonly #delayMs: number;
  readonly #acknowledgements: AcknowledgementContext;

  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
    options: { digestDelayMs?: number; timeZone?: string; retryDelaysMs?: readonly number[] } = {},
  ) {
    this.#delayMs = options.digestDelayMs ?? DEFAULT_DIGEST_DELAY_MS;
    const { timeZone = DEFAULT_TIME_ZONE, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS } = options;
    this.#acknowledgements = { store, mailer, publicUrl, timeZone, retryDelaysMs };
  }

  feedbackAcknowledged(feedback: Feedback, statusKey: string): void {
    void sendAcknowledgement(this.#acknowledgements, feedback, statusKey);
  }

  feedbackArrived(feedback: Feedback): void {
    const pending = this.#pending.get(feedback.officialId);
    if (pending) {
      pending.push(feedback.id);
      return;
    }
    this.#pending.set(feedback.officialId, [feedback.id]);
    const timer = setTimeout(() => void this.#track(this.#send(feedback.officialId)), this.#delayMs);
    timer.unref();
    this.#timers.set(feedback.officialId, timer);
  }

  /** Sends what is waiting now, and waits for what is being sent (on shutdown, before the store closes). */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((officialId) => this.#send(officialId)));
    await Promise.all(this.#sending);
  }

  async #track(sending: Promise<void>): Promise<void> {
    this.#sending.add(sending);
    try {
      await sending;
    } finally {
      this.#sending.delete(sending);
    }
  }

  /**
   * Sends the digest gathered under `key` (the official items were routed to on arrival).
   * Each item goes to whoever handles it now: one handed over meanwhile (a deactivation or
   * demotion with a successor) goes to the successor, in a digest of their own.
   */
  async #send(key: string): Promise<void> {
    const ids = this.#pending.get(key) ?? [];
    this.#pending.delete(key);
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
    await this.deliver(async () => {
      // As they are now: erased ones are gone, purged ones have nothing left to tell.
      const items = (await Promise.all(ids.map((id) => this.store.getFeedback(id)))).filter((f): f is Feedback => f !== undefined && !f.purgedAt);
      const byHandler = new Map<string, Feedback[]>();
      for (const f of items) byHandler.set(f.officialId, [...(byHandler.get(f.officialId) ?? []), f]);
      for (const [officialId, theirs] of byHandler) {
        const official = await this.store.getOfficial(officialId);
        // Only directory data changed outside Suora can leave an item with someone who cannot
        // open it (a change through Suora hands it over first): they get no mail of it.
        if (!official || !mayReceiveFeedback(official)) {
          console.error(`Suora sent no digest of ${theirs.map((f) => f.id).join(', ')}: ${officialId} cannot receive feedback. Give the items to someone who can.`);
          continue;
        }
        await this.#sendDigest(official, theirs);
      }
    });
  }

  async #sendDigest(official: Official, items: Feedback[]): Promise<void> {
    // The digest speaks every language; a topic is named as the city's first language names it.
    const topics = new Map((await this.store.listTopics()).map((t) => [t.id, t.name.fi]));
    const about = (f: Feedback) => (f.topicId ? topics.get(f.topicId) : undefined) ?? (f.channel === 'widget' ? TEXTS.fi.digest.general : TEXTS.fi.digest.surveyVia(f.channel));
    const subject =
      items.length === 1
        ? `${inEveryLanguage((t) => t.digest.newItem)}: ${about(items[0]!)} (${items[0]!.id})`
        : inEveryLanguage((t) => t.digest.newItems(items.length));
    const summaries = items.slice(0, ITEMS_IN_DIGEST).map((f) =>
      [
        `— ${about(f)} (${f.id})`,
        f.rating === null ? '' : `${inEveryLanguage((t) => t.digest.rating)}: ${f.rating}/5`,
        f.comment ? `${f.comment.slice(0, 1000)}${f.comment.length > 1000 ? '…' : ''}` : '',
        inEveryLanguage((t) => (f.public ? t.digest.public : t.digest.private)),
        f.wantsReply ? inEveryLanguage((t) => t.digest.wantsReply) : '',
        `${this.publicUrl}/dashboard#feedback/${f.id}`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    const hidden = items.length - ITEMS_IN_DIGEST;
    const more = hidden > 0 ? [`${inEveryLanguage((t) => t.digest.more(hidden))}: ${this.publicUrl}/dashboard#inbox`] : [];
    const shown = items.slice(0, ITEMS_IN_DIGEST).map((f) => f.id);
    await this.mailer.send({
      to: official.email,
      about: shown,
      current: () => this.#stillHeld(shown),
      subject,
      text: [inEveryLanguage((t) => t.digest.greeting(official.name)), '', inEveryLanguage((t) => t.digest.routed), '', summaries.join('\n\n'), ...more].join('\n'),
    });
  }

  replyGiven(feedback: Feedback, author: Official): void {
    const email = feedback.contact?.email;
    if (!feedback.wantsReply || !email || !feedback.reply) return;
    const locale = feedback.locale;
    void this.deliver(() =>
      this.mailer.send({
        to: email,
        about: [feedback.id],
        current: () => this.#stillHeld([feedback.id]),
        subject: `${TEXTS[locale].reply.subject} (${feedback.id})`,
        text: `${TEXTS[locale].reply.intro}\n\n${feedback.reply!.text}\n\n${author.name}\n${author.title}`,
      }),
    );
  }

  /** Whether the items are all still stored with their text: an erasure or purge meanwhile stops their mail. */
  async #stillHeld(ids: readonly string[]): Promise<boolean> {
    const items = await Promise.all(ids.map((id) => this.store.getFeedback(id)));
    return items.every((f) => f !== undefined && !f.purgedAt);
  }

  private async deliver(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      console.error('Suora could not send an email:', (error as Error).message);
    }
  }
}
