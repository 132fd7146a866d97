import type { Feedback } from './model.js';
import { hashSecret, newFeedbackId, newSecret } from './secrets.js';

/** How long the giver's browser may change what it just sent. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

type Required = Pick<Feedback, 'channel' | 'topicId' | 'serviceAreaId' | 'officialId' | 'linkId'>;

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
