import type { Feedback } from './model.js';
import { hashSecret, newFeedbackId, newSecret } from './secrets.js';

/** How long the giver's browser may change what it just sent. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

type Required = Pick<Feedback, 'channel' | 'topicId' | 'serviceAreaId' | 'officialId' | 'linkId'>;

/**
 * Throws unless the item's arrival time can be read: an item without one could not be told
 * old from new, so the retention rule could not find it. Stores check each item they take in.
 * `source`: the file or table it came from, named in the message.
 */
export function checkFeedbackTime(item: Pick<Feedback, 'id' | 'createdAt'>, source = 'the store'): void {
  if (typeof item.createdAt === 'string' && !Number.isNaN(Date.parse(item.createdAt))) return;
  throw new Error(
    `Feedback ${item.id} in ${source} has an arrival time that cannot be read (${JSON.stringify(item.createdAt)}): ` +
      'correct it to an ISO time such as 2024-05-01T12:00:00Z and start again. Nothing was changed.',
  );
}

/**
 * A feedback item as it is when it arrives: a new reference, status new, unpublished, no
 * reply, nothing optional unless given, and an edit key (returned once, stored hashed)
 * that works for `EDIT_WINDOW_MS`.
 */
export function newFeedbackRecord(fields: Required & Partial<Feedback>, now = new Date()): { feedback: Feedback; editKey: string } {
  const editKey = newSecret();
  const feedback: Feedback = {
    id: newFeedbackId(),
    createdAt: now.toISOString(),
    ref: null,
    rating: null,
    comment: null,
    public: false,
    contact: null,
    wantsReply: false,
    pageUrl: null,
    locale: 'fi',
    status: 'new',
    reply: null,
    published: false,
    editKeyHash: hashSecret(editKey),
    editableUntil: new Date(now.getTime() + EDIT_WINDOW_MS).toISOString(),
    ...fields,
  };
  return { feedback, editKey };
}
