import { mayReceiveFeedback, type Feedback, type Official } from '../domain/model.js';
import type { FeedbackNotifier, Forwarded } from '../domain/notifier-port.js';
import type { Store } from '../domain/store-port.js';
import { TEXTS } from '../texts/index.js';
import { DEFAULT_TIME_ZONE } from '../domain/city-time.js';
import { sendAcknowledgement, type AcknowledgementContext } from './acknowledgement.js';
import type { MailBlock } from './mail-layout.js';
import type { Mailer } from './mailer.js';
import { silentLogger, type Logger } from '../observability/logger.js';

/** How long new feedback waits for more to the same official, so that a burst is one email. */
const DEFAULT_DIGEST_DELAY_MS = 60_000;
const ITEMS_IN_DIGEST = 10;
const REFERENCES_IN_SUBJECT = 3;

interface Waiting {
  id: string;
  /** The earliest it may be sent (ms since the epoch): when its giver can no longer change it. */
  notBefore: number;
  /** Already told of, and changed by its giver since. */
  changed: boolean;
}

/**
 * Email that follows feedback: the routed official hears of new feedback, the giver who
 * left an email gets an acknowledgement (acknowledgement.ts) and the city's reply when they
 * asked for one. Each message is in its reader's language (the
 * official's `locale`, the giver's), its subject naming the reference. New feedback is
 * gathered per official for a short while and sent as one message, so a mail-out that
 * brings hundreds of answers brings the official a few emails, not hundreds. Mail never
 * holds up or fails a request: every message goes through the send queue (mail-queue.ts),
 * which retries it and shows admins what keeps failing, and the feedback is in the
 * dashboard whatever happens to the mail.
 *
 * The mail says what the item is when it is sent. A digest waiting to be sent holds
 * references only, reading its items from the store when it is sent. A survey answer is
 * told of only once its edit window has closed: the survey page asks for the comment,
 * publication, contact details and wish for a reply after the vote, so the vote alone is
 * not the answer. An item the giver changes after its mail went out (through the API's
 * edit) is told of again, as changed, as it then stands. An item erased
 * meanwhile (by the admin API, or by the command line beside a server on PostgreSQL) is
 * left out, and so is one purged meanwhile; an item handed over meanwhile goes to whoever
 * handles it then, at the address they have then.
 */
export class Notifier implements FeedbackNotifier {
  /** Feedback references waiting for their digest, per official, with when each may go and whether it is a change. */
  readonly #pending = new Map<string, Waiting[]>();
  /** Each official's timer, and when it fires (their earliest waiting item's time). */
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; at: number }>();
  /** Digests being sent now (their timer fired): shutdown waits for them too. */
  readonly #sending = new Set<Promise<void>>();
  readonly #delayMs: number;
  readonly #acknowledgements: AcknowledgementContext;
  readonly #log: Logger;

  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
    options: { digestDelayMs?: number; timeZone?: string; log?: Logger } = {},
  ) {
    this.#delayMs = options.digestDelayMs ?? DEFAULT_DIGEST_DELAY_MS;
    const { timeZone = DEFAULT_TIME_ZONE, log = silentLogger } = options;
    this.#log = log;
    this.#acknowledgements = { store, mailer, publicUrl, timeZone };
  }

  /** Feedback waiting for its official's digest: queued as one mail when the delay ends. */
  get waiting(): number {
    return [...this.#pending.values()].reduce((sum, items) => sum + items.length, 0);
  }

  feedbackAcknowledged(feedback: Feedback, statusKey: string): void {
    void this.deliver(() => sendAcknowledgement(this.#acknowledgements, feedback, statusKey));
  }

  feedbackArrived(feedback: Feedback): void {
    const survey = feedback.channel !== 'widget';
    this.#wait(feedback.officialId, { id: feedback.id, notBefore: survey ? Date.parse(feedback.editableUntil) || 0 : 0, changed: false });
  }

  feedbackChanged(feedback: Feedback): void {
    // Not told of yet (or its change already waiting): its mail, read when sent, says what it is then.
    if ([...this.#pending.values()].some((waiting) => waiting.some((w) => w.id === feedback.id))) return;
    this.#wait(feedback.officialId, { id: feedback.id, notBefore: 0, changed: true });
  }

  #wait(key: string, item: Waiting): void {
    const pending = this.#pending.get(key);
    if (pending) pending.push(item);
    else this.#pending.set(key, [item]);
    // A digest goes a digest delay after its first item, or when the earliest may go (new
    // feedback does not wait for a survey answer's edit window).
    const at = Math.max(Date.now() + this.#delayMs, item.notBefore);
    const set = this.#timers.get(key);
    if (!set || at < set.at) this.#schedule(key, at);
  }

  /** Sends everything waiting now, edit windows open or not, and waits for what is being sent (on shutdown, before the store closes). */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((officialId) => this.#send(officialId, true)));
    await Promise.all(this.#sending);
  }

  #schedule(key: string, at: number): void {
    clearTimeout(this.#timers.get(key)?.timer);
    const timer = setTimeout(() => void this.#track(this.#send(key)), Math.max(0, at - Date.now()));
    timer.unref();
    this.#timers.set(key, { timer, at });
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
   * Sends the digest of the items gathered under `key` (the official they were routed to on
   * arrival) that are due, or of all (`everything`); the rest wait for a later digest, at
   * most one a digest delay. Each item goes to whoever handles it now: one handed over
   * meanwhile (a deactivation or demotion with a successor) goes to the successor, in a
   * digest of their own.
   */
  async #send(key: string, everything = false): Promise<void> {
    const now = Date.now();
    const pending = this.#pending.get(key) ?? [];
    const ready = pending.filter((p) => everything || p.notBefore <= now);
    const waiting = pending.filter((p) => !ready.includes(p));
    clearTimeout(this.#timers.get(key)?.timer);
    this.#timers.delete(key);
    this.#pending.delete(key);
    if (waiting.length) {
      this.#pending.set(key, waiting);
      const earliest = Math.min(...waiting.map((p) => p.notBefore));
      this.#schedule(key, ready.length ? Math.max(earliest, now + this.#delayMs) : earliest);
    }
    for (const changed of [false, true]) {
      const ids = ready.filter((p) => p.changed === changed).map((p) => p.id);
      if (ids.length) await this.deliver(() => this.#sendItems(ids, changed));
    }
  }

  async #sendItems(ids: string[], changed: boolean): Promise<void> {
    // As they are now: erased ones are gone, purged ones have nothing left to tell.
    const items = (await Promise.all(ids.map((id) => this.store.getFeedback(id)))).filter((f): f is Feedback => f !== undefined && !f.purgedAt);
    const byHandler = new Map<string, Feedback[]>();
    for (const f of items) byHandler.set(f.officialId, [...(byHandler.get(f.officialId) ?? []), f]);
    for (const [officialId, theirs] of byHandler) {
      const official = await this.store.getOfficial(officialId);
      // Only directory data changed outside Suora can leave an item with someone who cannot
      // open it (a change through Suora hands it over first): they get no mail of it.
      if (!official || !mayReceiveFeedback(official)) {
        this.#log.error({ feedbackIds: theirs.map((f) => f.id), officialId }, 'no digest sent: the official cannot receive feedback; give the items to someone who can');
        continue;
      }
      await this.#sendDigest(official, theirs, changed);
    }
  }

  /** The digest in the official's language: an item is named by its topic, or by the link a survey answer came through. */
  async #sendDigest(official: Official, items: Feedback[], changed: boolean): Promise<void> {
    const t = TEXTS[official.locale].digest;
    const topics = new Map((await this.store.listTopics()).map((topic) => [topic.id, topic.name[official.locale]]));
    const about = (f: Feedback) => (f.topicId ? topics.get(f.topicId) : undefined) ?? (f.channel === 'widget' ? t.general : t.survey[f.channel]);
    const shownItems = items.slice(0, ITEMS_IN_DIGEST);
    const refs = [...items.slice(0, REFERENCES_IN_SUBJECT).map((f) => f.id), ...(items.length > REFERENCES_IN_SUBJECT ? ['…'] : [])].join(', ');
    const subject =
      items.length === 1
        ? (changed ? t.changedItem : t.newItem)(items[0]!.id, about(items[0]!))
        : (changed ? t.changedItems : t.newItems)(items.length, refs);
    const summaries = shownItems.map((f): MailBlock => ({
      item: [
        [`— ${f.id}: ${about(f)}`, f.ref ? t.caseRef(f.ref) : '', f.rating === null ? '' : t.rating(f.rating)].filter(Boolean).join('\n'),
        ...(f.comment ? [{ quote: `${f.comment.slice(0, 1000)}${f.comment.length > 1000 ? '…' : ''}` }] : []),
        [f.public ? t.public : t.private, f.wantsReply ? t.wantsReply : ''].filter(Boolean).join('\n'),
        { link: `${this.publicUrl}/dashboard#feedback/${f.id}` },
      ],
    }));
    const hidden = items.length - ITEMS_IN_DIGEST;
    const more = hidden > 0 ? [`${t.more(hidden)}:`, { link: `${this.publicUrl}/dashboard#inbox` }] : [];
    const shown = shownItems.map((f) => f.id);
    await this.mailer.send({
      kind: 'digest',
      officialId: official.id,
      to: official.email,
      locale: official.locale,
      about: shown,
      current: () => this.#stillHeld(shown),
      subject,
      body: [t.greeting(official.name), changed ? t.changedRouted : t.routed, ...summaries, ...more],
    });
  }

  /**
   * The official an item was forwarded to hears of it at once, in their language, with the
   * note saying why (staff's own words, for staff); a reply goes to whoever forwarded it.
   */
  feedbackForwarded(feedback: Feedback, forward: Forwarded): void {
    const t = TEXTS[forward.to.locale];
    void this.deliver(() =>
      this.mailer.send({
        kind: 'forward',
        officialId: forward.to.id,
        to: forward.to.email,
        locale: forward.to.locale,
        replyTo: forward.by.email,
        about: [feedback.id],
        current: () => this.#stillHeld([feedback.id]),
        subject: `${t.forward.subject} ${feedback.id}`,
        body: [t.digest.greeting(forward.to.name), t.forward.intro(forward.by.name), { quote: forward.note }, { link: `${this.publicUrl}/dashboard#feedback/${feedback.id}` }],
      }),
    );
  }

  /**
   * The reply in the giver's language, signed by its author, with the giver's own words
   * quoted below it; a corrected one says so. Replying to it reaches the author.
   */
  replyGiven(feedback: Feedback, author: Official, { corrected }: { corrected: boolean }): void {
    const email = feedback.contact?.email;
    if (!feedback.wantsReply || !email || !feedback.reply) return;
    const t = TEXTS[feedback.locale].reply;
    void this.deliver(() =>
      this.mailer.send({
        kind: 'reply',
        to: email,
        locale: feedback.locale,
        replyTo: author.email,
        about: [feedback.id],
        current: () => this.#stillHeld([feedback.id]),
        subject: corrected ? t.correctedSubject(feedback.id) : t.subject(feedback.id),
        body: [
          corrected ? t.correctedIntro : t.intro,
          feedback.reply!.text,
          [author.name, ...(author.title ? [author.title] : [])].join('\n'),
          ...(feedback.comment ? [t.youWrote, { quote: feedback.comment }] : []),
        ],
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
      this.#log.error({ err: error }, 'an email could not be sent');
    }
  }
}
