import type { FeedbackStatusView, Locale } from '../../../contract/api.js';
import { DomainError } from './errors.js';
import type { Feedback } from './model.js';
import { hashSecret } from './secrets.js';
import type { Store } from './store-port.js';

/** A status page key as `newSecret` makes them (nanoid): anything else is looked up no further. */
const STATUS_KEY = /^[A-Za-z0-9_-]{21}$/;

/**
 * The giver's status page (`/f/:key`): the item whose key hashes to the stored hash. An
 * erased item is gone and a purged one has lost its key, so either is `not_found`.
 */
export async function findByStatusKey(store: Store, key: string): Promise<Feedback> {
  const found = STATUS_KEY.test(key) ? (await store.queryFeedback({ statusKeyHash: hashSecret(key) }, { limit: 1 })).items[0] : undefined;
  if (!found) throw new DomainError('not_found', 'not_found', 'There is no feedback behind this link. It may have been removed.');
  return found;
}

/**
 * What the status page shows, built field by field: the reference, times, topic, status
 * and the city's reply once the giver was sent it or it was published (as published).
 * Never the contact data, the comment (the link may be passed on), notes or who handles it.
 */
export async function statusViewOf(store: Store, f: Feedback, locale: Locale, timeZone: string): Promise<FeedbackStatusView> {
  const topic = f.topicId ? await store.getTopic(f.topicId) : undefined;
  const sentToGiver = f.wantsReply && Boolean(f.contact?.email);
  const reply = !f.reply || f.purgedAt ? null : sentToGiver ? f.reply.text : f.published ? (f.publishedReply ?? f.reply.text) : null;
  return {
    id: f.id,
    createdAt: f.createdAt,
    locale,
    topic: topic?.name[locale] ?? null,
    status: f.status,
    dueAt: f.dueAt ?? null,
    reply: reply === null ? null : { text: reply, at: f.reply!.at },
    timeZone,
  };
}
