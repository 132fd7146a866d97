import type { Store } from '../store/store.js';
import { RequestError } from './errors.js';
import { audit, type Actor } from './audit.js';
import type { Feedback } from './model.js';
import { ID_PATTERN } from './validation.js';

export const DEFAULT_RETENTION_DAYS = 548;

/**
 * The retention rule: feedback older than `days` loses its contact data and free text
 * (comment, published comment and reply, page address); ratings, dates and attribution stay, so the
 * scores stay. A purged item leaves the public page, since its text is gone.
 */
export async function purgeExpired(store: Store, days: number, options: { now?: Date; signal?: AbortSignal } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  let purged = 0;
  // A page at a time, so that a first purge of years of feedback does not hold it all at once;
  // a purged item no longer matches, so the next page starts from the top again. A signal
  // (the server shutting down) stops it between pages; the next purge goes on from there.
  while (!options.signal?.aborted) {
    const { items } = await store.queryFeedback({ before, personalData: true }, { limit: PURGE_PAGE });
    if (items.length === 0) break;
    await Promise.all(
      items.map((item) =>
        store.updateFeedback({
          ...item,
          contact: null,
          comment: null,
          publishedComment: null,
          publishedReply: null,
          pageUrl: null,
          wantsReply: false,
          published: false,
          purgedAt: now.toISOString(),
        }),
      ),
    );
    purged += items.length;
  }
  if (purged > 0) await audit(store, 'server', 'purge', {}, { count: purged, days });
  return purged;
}

/** Items purged together: their writes share group commits. */
const PURGE_PAGE = 500;

export interface PersonSelector {
  email?: string | undefined;
  id?: string | undefined;
}

/** The feedback a person gave: by their contact email, or one item by its reference. */
export async function findPersonsFeedback(store: Store, who: PersonSelector): Promise<Feedback[]> {
  if (who.id !== undefined) {
    if (!ID_PATTERN.test(who.id)) throw new RequestError(400, 'invalid_id', 'That is not a feedback reference.');
    const item = await store.getFeedback(who.id);
    return item ? [item] : [];
  }
  const email = who.email?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw new RequestError(400, 'invalid_email', 'Give the person’s email address, or a feedback reference.');
  }
  return (await store.queryFeedback({ contactEmail: email })).items;
}

export type AccessCopy = Omit<Feedback, 'editKeyHash' | 'editableUntil'>[];

/**
 * A person's own data, for an access request: everything stored, but no secrets. The
 * access is audited with each item's id and how the person was found, never the email.
 */
export async function accessPersonsFeedback(store: Store, actor: Actor, who: PersonSelector): Promise<AccessCopy> {
  const items = await findPersonsFeedback(store, who);
  const by = who.id !== undefined ? 'reference' : 'email';
  if (items.length === 0) await audit(store, actor, 'access', {}, { by, count: 0 });
  for (const item of items) await audit(store, actor, 'access', { feedbackId: item.id }, { by });
  return items.map(({ editKeyHash: _hash, editableUntil: _until, ...item }) => item);
}

/** Erases a person's feedback for good, each erasure audited; returns the references erased. */
export async function erasePersonsFeedback(store: Store, actor: Actor, who: PersonSelector): Promise<string[]> {
  const items = await findPersonsFeedback(store, who);
  const by = who.id !== undefined ? 'reference' : 'email';
  for (const item of items) {
    await store.deleteFeedback(item.id);
    await audit(store, actor, 'erase', { feedbackId: item.id }, { by });
  }
  return items.map((f) => f.id);
}
