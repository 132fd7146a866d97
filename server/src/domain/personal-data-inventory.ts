import type { Store } from './store-port.js';
import type { Feedback, MailBlock, QueuedMail } from './model.js';
import { audit, type Actor } from './audit.js';
import { accessCopy, findPersonsFeedback, personOf, type AccessCopy, type Person, type PersonSelector } from './personal-data.js';
import { numberHash } from './sms-surveys.js';

const DAY_MS = 86_400_000;

/** Default days an outbox message is kept: long enough to read it, short beside the feedback's own retention. */
export const DEFAULT_OUTBOX_RETENTION_DAYS = 30;

/** Items purged together: their writes share group commits. */
const PURGE_PAGE = 500;

/** One message in the outbox, as erasure, access and the retention purge read it. */
export interface OutboxMessage {
  name: string;
  /** The whole message, quoted-printable undone, so that what it says can be searched. */
  text: string;
  /** Recipient addresses, trimmed and in lower case. */
  to: string[];
  /** The feedback references it carries (its header, and any named in its text). */
  about: string[];
  /** When it was written (the file's modification time), in milliseconds since 1970. */
  writtenMs: number;
}

/** The outbox as the inventory uses it: a port, implemented by mail/outbox.ts. */
export interface MailOutbox {
  messages(): Promise<OutboxMessage[]>;
  remove(doomed: (message: OutboxMessage) => boolean): Promise<number>;
}

interface InventoryOptions {
  outbox: MailOutbox;
  outboxRetentionDays: number;
}

/** What a purge has done so far: places later in the inventory remove the copies of `purgedIds`. */
interface Purge {
  now: Date;
  /** Feedback older than this many days loses its personal data. */
  days: number;
  signal: AbortSignal | undefined;
  purgedIds: Set<string>;
}

/**
 * One place that can hold a copy of a person's data. `covered` says how; the methods are
 * its part in access, erasure and the retention purge (a place without one has nothing of
 * its own to do there, and `covered` says why).
 */
export interface PersonalDataPlace {
  /** A short key: an access copy names the place by it. */
  readonly key: string;
  readonly name: string;
  readonly covered: string;
  access?(person: Person, items: Feedback[]): Promise<unknown>;
  /** Removes the place's copies; returns how many it removed. */
  erase?(person: Person, items: Feedback[]): Promise<number>;
  purge?(purge: Purge): Promise<void>;
}

/**
 * Every place where Suora keeps a person's data, in one list: access, erasure and the
 * retention purge walk it, so a new place (a table, a file, a queue) is covered by adding
 * it here. The feedback items come first: once they are gone or purged, nothing that
 * re-reads them (a digest being sent) can make a new copy.
 */
function personalDataInventory(store: Store, options: InventoryOptions): PersonalDataPlace[] {
  const { outbox } = options;
  return [
    {
      key: 'feedback',
      name: 'feedback items and their replies',
      covered:
        'given whole on access (without its secrets: edit and status page keys); erased with the item, its status page key too; purged: contact, comment, published comment, page address, reply text and the status page key',
      async erase(_person, items) {
        for (const item of items) await store.deleteFeedback(item.id);
        return items.length;
      },
      async purge(purge) {
        const before = new Date(purge.now.getTime() - purge.days * DAY_MS).toISOString();
        // A page at a time, so that a first purge of years of feedback does not hold it all at once;
        // a purged item no longer matches, so the next page starts from the top again. A signal
        // (the server shutting down) stops it between pages; the next purge goes on from there.
        // An item whose time cannot be read matches too: it cannot show it is within retention.
        while (!purge.signal?.aborted) {
          const { items } = await store.queryFeedback({ before, personalData: true }, { limit: PURGE_PAGE });
          if (items.length === 0) break;
          // An item that still holds personal data once purged would be purged for ever: a bug, said at once.
          const again = items.find((item) => purge.purgedIds.has(item.id));
          if (again) throw new Error(`Feedback ${again.id} still holds personal data after the purge.`);
          await Promise.all(items.map((item) => store.updateFeedback(purged(item, purge.now))));
          for (const item of items) purge.purgedIds.add(item.id);
        }
      },
    },
    {
      key: 'notes',
      name: 'staff notes and forward notes on items (their history)',
      covered: 'given on access with the item they are about; erased with the item (Store.deleteFeedback); purged: their text',
      async access(_person, items) {
        const notes = [];
        for (const item of items) {
          for (const event of await store.listFeedbackEvents(item.id)) {
            if (event.kind === 'note' || event.kind === 'forwarded') notes.push({ feedbackId: item.id, at: event.at, kind: event.kind, authorId: event.actorId, text: event.text });
          }
        }
        return notes;
      },
      async purge(purge) {
        for (const id of purge.purgedIds) await store.purgeFeedbackEvents(id);
      },
    },
    {
      key: 'store-copies',
      name: 'the stores’ own copies: lowdb facts caches and import leftovers, PostgreSQL tables',
      covered: 'each store removes every copy as it deletes or rewrites an item (see Store.deleteFeedback)',
    },
    {
      key: 'mail-queue',
      name: 'the mail send queue (mail waiting to be sent or retried, and mail that failed)',
      covered:
        'mails to the person, or carrying an erased or purged item, are given on access and removed on erasure and purge (an item gone meanwhile also stops its mail as it is sent); every mail after the outbox’s retention',
      async access(person, items) {
        const theirs = carrying(person, items);
        return (await store.listQueuedMail()).filter((m) => theirs(queuedAsMessage(m))).map((m) => ({ mail: m.id, kind: m.kind, subject: m.subject, text: wordsOf(m.body).join('\n') }));
      },
      async erase(person, items) {
        const theirs = carrying(person, items);
        const doomed = (await store.listQueuedMail()).filter((m) => theirs(queuedAsMessage(m))).map((m) => m.id);
        await store.deleteQueuedMail(doomed);
        return doomed.length;
      },
      async purge(purge) {
        const expired = purge.now.getTime() - options.outboxRetentionDays * DAY_MS;
        const doomed = (await store.listQueuedMail()).filter((m) => Date.parse(m.createdAt) < expired || m.about.some((id) => purge.purgedIds.has(id)));
        await store.deleteQueuedMail(doomed.map((m) => m.id));
      },
    },
    {
      key: 'outbox',
      name: 'the outbox (email, and SMS when SMS_URL is unset)',
      covered: 'messages to the person (their email or phone number), or carrying an erased or purged item, are removed; every message after its own retention',
      async access(person, items) {
        const theirs = carrying(person, items);
        return (await outbox.messages()).filter(theirs).map((m) => ({ message: m.name, text: m.text }));
      },
      async erase(person, items) {
        return outbox.remove(carrying(person, items));
      },
      async purge(purge) {
        const expired = purge.now.getTime() - options.outboxRetentionDays * DAY_MS;
        await outbox.remove((m) => m.writtenMs < expired || m.about.some((id) => purge.purgedIds.has(id)));
      },
    },
    {
      key: 'sms',
      name: 'SMS surveys: the send queue (messages waiting to be sent or retried), and the quiet period',
      covered:
        'a queued message holds the number and the text only until it is sent (it leaves the queue) or given up (they are cleared; what admins see stays for the outbox’s retention); the quiet period keeps a keyed hash of the number, never the number, dropped once the period is over; erasure by phone number drops both, and the purge every queued message after the outbox’s retention',
      async access(person) {
        if (!('phone' in person)) return undefined;
        const quietPeriod = await store.hasSmsQuietPeriod(await numberHash(store, person.phone));
        const waiting = (await store.listQueuedSms()).filter((m) => m.to === person.phone);
        return { waiting: waiting.length, messages: waiting.map((m) => ({ sms: m.id, text: m.text })), quietPeriodHash: quietPeriod };
      },
      async erase(person) {
        if (!('phone' in person)) return 0;
        // One being tried right now goes: the gateway may have it already.
        const forgotten = await store.deleteQueuedSms((await store.listQueuedSms()).filter((m) => m.to === person.phone).map((m) => m.id));
        const hashGone = await store.deleteSmsQuietPeriod(await numberHash(store, person.phone));
        return forgotten + (hashGone ? 1 : 0);
      },
      async purge(purge) {
        const expired = new Date(purge.now.getTime() - options.outboxRetentionDays * DAY_MS).toISOString();
        await store.deleteQueuedSms((await store.listQueuedSms()).filter((m) => (m.failure?.at ?? m.createdAt) < expired).map((m) => m.id));
      },
    },
    {
      key: 'pending-digests',
      name: 'digests waiting to be sent',
      covered: 'they hold references only, and read their items when sent: erased and purged items are left out',
    },
    {
      key: 'audit-log',
      name: 'the audit log',
      covered: 'it holds ids, never contact data or free text: nothing to remove',
    },
  ];
}

/** Every text a mail's blocks hold, quotes and links included. */
function wordsOf(blocks: readonly MailBlock[]): string[] {
  return blocks.flatMap((b) => (typeof b === 'string' ? [b] : 'quote' in b ? [b.quote] : 'link' in b ? [b.link] : wordsOf(b.item)));
}

/** A queued mail read as the outbox's messages are, to find what carries a person's data. */
function queuedAsMessage(m: QueuedMail): OutboxMessage {
  return { name: m.id, text: [m.subject, ...wordsOf(m.body)].join('\n'), to: [m.to.trim().toLowerCase()], about: m.about, writtenMs: Date.parse(m.createdAt) };
}

/** Whether a message carries the person's data: sent to them, naming their address, or carrying one of their items. */
function carrying(person: Person, items: Feedback[]): (message: OutboxMessage) => boolean {
  const ids = new Set(items.map((f) => f.id));
  const email = 'email' in person ? person.email : undefined;
  const phones = 'phone' in person ? [...new Set([person.phone, person.writtenAs])] : [];
  return (m) =>
    m.about.some((id) => ids.has(id)) ||
    (email !== undefined && (m.to.includes(email) || m.text.toLowerCase().includes(email))) ||
    phones.some((phone) => m.to.includes(phone) || m.text.includes(phone));
}

/** How the person was found, for the audit log (never the value itself). */
function byWhat(person: Person): 'reference' | 'email' | 'phone' {
  return 'id' in person ? 'reference' : 'phone' in person ? 'phone' : 'email';
}

/** An expired item without its personal data: ratings, dates and attribution stay, so the scores stay. */
function purged(item: Feedback, now: Date): Feedback {
  return {
    ...item,
    contact: null,
    comment: null,
    publishedComment: null,
    publishedReply: null,
    pageUrl: null,
    wantsReply: false,
    // Its time stays: the time to answer is a score.
    reply: item.reply && { ...item.reply, text: '' },
    published: false,
    // The status page link dies with the data it would show.
    statusKeyHash: null,
    purgedAt: now.toISOString(),
  };
}

/** What an erasure did: the items' references, and the copies each place removed (by place key, items included). */
export interface Erasure {
  erased: string[];
  removed: Record<string, number>;
}

/** A person's access, erasure and the retention purge, each walking the whole inventory. */
export class PersonalData {
  readonly places: readonly PersonalDataPlace[];

  constructor(
    private readonly store: Store,
    options: InventoryOptions,
  ) {
    this.places = personalDataInventory(store, options);
  }

  /**
   * The person's feedback (no secrets), and what the other places hold of them, by place
   * key (`outbox`: the messages, `{ message, text }`). Audited with each item's id and how
   * the person was found, never the email. Throws an `invalid_input` DomainError for a selector that names no one.
   */
  async access(actor: Actor, who: unknown): Promise<{ items: AccessCopy; copies: Record<string, unknown> }> {
    const person = personOf(who);
    const items = await findPersonsFeedback(this.store, person);
    const copies: Record<string, unknown> = {};
    for (const place of this.places) if (place.access) copies[place.key] = await place.access(person, items);
    const by = byWhat(person);
    if (items.length === 0) await audit(this.store, actor, 'access', {}, { by, count: 0 });
    for (const item of items) await audit(this.store, actor, 'access', { feedbackId: item.id }, { by });
    return { items: accessCopy(items), copies };
  }

  /**
   * Erases the person from every place, each item's erasure audited; without items, one entry
   * with the count of other copies removed (`count=0`: nothing was found). Returns the
   * references of their items erased and, by place key, how many copies each place removed.
   */
  async erase(actor: Actor, who: unknown): Promise<Erasure> {
    const person = personOf(who);
    const items = await findPersonsFeedback(this.store, person);
    const removed: Record<string, number> = {};
    for (const place of this.places) {
      const count = await place.erase?.(person, items);
      if (count) removed[place.key] = count;
    }
    const by = byWhat(person);
    // Like access: a request that found no item is on the record too, with what else went.
    const count = Object.values(removed).reduce((sum, n) => sum + n, 0);
    if (items.length === 0) await audit(this.store, actor, 'erase', {}, { by, count });
    for (const item of items) await audit(this.store, actor, 'erase', { feedbackId: item.id }, { by });
    return { erased: items.map((f) => f.id), removed };
  }

  /**
   * The retention rule: feedback older than `days` loses its contact data and free text (its
   * other places lose their copies of it), and each place applies its own retention. A
   * purged item leaves the public page, since its text is gone. Returns how many items were purged.
   */
  async purge(days: number, options: { now?: Date; signal?: AbortSignal; actor?: Actor } = {}): Promise<number> {
    const purge: Purge = { now: options.now ?? new Date(), days, signal: options.signal, purgedIds: new Set() };
    for (const place of this.places) await place.purge?.(purge);
    const count = purge.purgedIds.size;
    if (count > 0) await audit(this.store, options.actor ?? 'server', 'purge', {}, { count, days });
    return count;
  }
}
