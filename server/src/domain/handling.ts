import { z } from 'zod';
import { COMMENT_MAX_LENGTH } from '../contract.js';
import type { Store } from '../store/store.js';
import { RequestError } from './errors.js';
import { STATUSES, type Feedback, type Official } from './model.js';
import { ID_PATTERN, text } from './validation.js';

/** Who may read and change one item: the official it is routed to, and admins. */
export function mayHandle(official: Official, feedback: Feedback): boolean {
  return official.role === 'admin' || feedback.officialId === official.id;
}

/**
 * An item the signed-in official may handle. Someone else's item is a 404, not a 403,
 * so that ids of private feedback cannot be probed.
 */
export async function handledItem(store: Store, official: Official, id: string): Promise<Feedback> {
  const feedback = ID_PATTERN.test(id) ? await store.getFeedback(id) : undefined;
  if (!feedback || !mayHandle(official, feedback)) {
    throw new RequestError(404, 'not_found', 'There is no such feedback in your inbox.');
  }
  return feedback;
}

const handlingSchema = z.strictObject(
  {
    status: z.enum(STATUSES, { error: `The status is one of ${STATUSES.join(', ')}.` }).optional(),
    reply: text('The reply', COMMENT_MAX_LENGTH).min(1, { error: 'Write a reply.' }).optional(),
  },
  { error: 'Send an object with status and/or reply.' },
);

/** Changes an item's status or gives the city's reply. Returns the item as stored. */
export async function handleFeedback(store: Store, official: Official, id: string, body: unknown, now = new Date()): Promise<Feedback> {
  const feedback = await handledItem(store, official, id);
  const result = handlingSchema.safeParse(body);
  if (!result.success) {
    const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    throw new RequestError(400, 'invalid_handling', Object.values(fields)[0]!, fields);
  }
  const { status, reply } = result.data;
  if (status === undefined && reply === undefined) {
    throw new RequestError(400, 'invalid_handling', 'Send a status or a reply.');
  }
  const updated: Feedback = {
    ...feedback,
    ...(reply !== undefined && { reply: { text: reply, authorId: official.id, at: now.toISOString() }, status: 'answered' as const }),
    ...(status !== undefined && { status }),
  };
  await store.updateFeedback(updated);
  return updated;
}

const approvalSchema = z.strictObject(
  {
    comment: text('The published comment', COMMENT_MAX_LENGTH).optional(),
  },
  { error: 'Send an object, optionally with the redacted comment.' },
);

/**
 * Puts an item on the public page, optionally with personal data redacted from its
 * comment (the original is kept for staff). Only with the giver's permission.
 */
export async function publishFeedback(store: Store, official: Official, id: string, body: unknown, now = new Date()): Promise<Feedback> {
  const feedback = await handledItem(store, official, id);
  if (!feedback.public) {
    throw new RequestError(409, 'not_public', 'The giver did not allow publication, so this feedback stays private.');
  }
  const result = approvalSchema.safeParse(body ?? {});
  if (!result.success) throw new RequestError(400, 'invalid_publication', result.error.issues[0]!.message);
  const redacted = result.data.comment;
  const updated: Feedback = {
    ...feedback,
    published: true,
    publishedAt: now.toISOString(),
    publishedComment: redacted === undefined || redacted === feedback.comment ? null : redacted,
  };
  await store.updateFeedback(updated);
  return updated;
}

export async function unpublishFeedback(store: Store, official: Official, id: string): Promise<Feedback> {
  const feedback = await handledItem(store, official, id);
  const updated: Feedback = { ...feedback, published: false, publishedAt: null, publishedComment: null };
  await store.updateFeedback(updated);
  return updated;
}
