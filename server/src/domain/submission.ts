import type { FeedbackCreated } from '../contract.js';
import type { Store } from '../store/store.js';
import { attributeWidgetFeedback } from './attribution.js';
import { RequestError } from './errors.js';
import type { Feedback } from './model.js';
import { hashSecret, newFeedbackId, newSecret } from './secrets.js';
import { validateSubmission } from './validation.js';

/** How long the giver's browser may change what it just sent. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

/** Validates, attributes and stores one submission; resolves once it is stored. */
export async function submitFeedback(store: Store, body: unknown, now = new Date()): Promise<FeedbackCreated> {
  const input = validateSubmission(body);
  if (input.token !== undefined) {
    throw new RequestError(404, 'unknown_link', 'This survey link is not in use.');
  }
  const attribution = await attributeWidgetFeedback(store, input);

  const editKey = newSecret();
  const feedback: Feedback = {
    id: newFeedbackId(),
    createdAt: now.toISOString(),
    channel: 'widget',
    ...attribution,
    linkId: null,
    ref: input.ref ?? null,
    rating: input.rating ?? null,
    comment: input.comment ?? null,
    public: input.public,
    contact: input.contact ?? null,
    wantsReply: input.wantsReply,
    pageUrl: input.pageUrl ?? null,
    locale: input.locale,
    status: 'new',
    reply: null,
    published: false,
    editKeyHash: hashSecret(editKey),
    editableUntil: new Date(now.getTime() + EDIT_WINDOW_MS).toISOString(),
  };
  await store.addFeedback(feedback);
  return { id: feedback.id, editKey };
}
