import { z } from 'zod';
import { BULK_STATUS_MAX, COMMENT_MAX_LENGTH, type BulkStatusChange, type BulkStatusResult, type FeedbackHandling, type PublicationApproval } from '../../../contract/api.js';
import type { FeedbackNotifier } from './notifier-port.js';
import type { Store } from './store-port.js';
import { DomainError } from './errors.js';
import { STATUSES, type Feedback, type Official } from './model.js';
import { audit, type Redacted } from './audit.js';
import { recordEvent } from './history.js';
import { reachOf, withinReach } from './reach.js';
import type { Holds, MatchesContract } from './type-checks.js';
import { ID_PATTERN, text } from './validation.js';

/**
 * An item the signed-in official may handle: one within their reach (reach.ts). Someone
 * else's item is `not_found`, not `forbidden`, so that ids of private feedback cannot be probed.
 */
export async function handledItem(store: Store, official: Official, id: string): Promise<Feedback> {
  const feedback = ID_PATTERN.test(id) ? await store.getFeedback(id) : undefined;
  if (!feedback || !withinReach(await reachOf(store, official), feedback)) {
    throw new DomainError('not_found', 'not_found', 'There is no such feedback in your inbox.');
  }
  return feedback;
}

/** One item opened by staff; opening a private one is audited (who read what they were trusted with). */
export async function readFeedback(store: Store, official: Official, id: string): Promise<Feedback> {
  const feedback = await handledItem(store, official, id);
  if (!feedback.public) await audit(store, official, 'read-private', { feedbackId: feedback.id });
  return feedback;
}

export const handlingSchema = z.strictObject(
  {
    status: z.enum(STATUSES, { error: `The status is one of ${STATUSES.join(', ')}.` }).optional(),
    reply: text('The reply', COMMENT_MAX_LENGTH).min(1, { error: 'Write a reply.' }).optional().meta({ description: 'The city’s answer; emailed to the giver who asked for one.' }),
    notify: z.boolean({ error: 'notify is true or false.' }).optional().meta({ description: 'Whether the reply is emailed; default: the first reply is, a corrected one is not.' }),
  },
  { error: 'Send an object with status and/or reply.' },
);

/**
 * Changes an item's status or gives the city's reply (`{ status?, reply?, notify? }`),
 * audited as `reply` or `status`. The first reply is emailed to a giver who asked for one;
 * a changed reply only with `notify: true` (a correction, said to be one), so that fixing
 * a typo does not mail the giver again unasked. Returns the item as stored.
 */
export async function handleFeedback(
  store: Store,
  notifier: FeedbackNotifier,
  official: Official,
  id: string,
  body: unknown,
  now = new Date(),
): Promise<Feedback> {
  const feedback = await handledItem(store, official, id);
  const result = handlingSchema.safeParse(body);
  if (!result.success) {
    const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    throw new DomainError('invalid_input', 'invalid_handling', Object.values(fields)[0]!, fields);
  }
  const { status, reply, notify } = result.data;
  if (status === undefined && reply === undefined) {
    throw new DomainError('invalid_input', 'invalid_handling', 'Send a status or a reply.');
  }
  if (notify !== undefined && reply === undefined) {
    throw new DomainError('invalid_input', 'invalid_handling', 'Send notify with the reply it is about.', { notify: 'Send it with a reply.' });
  }
  const corrected = feedback.reply !== null;
  const answered: Feedback = {
    ...feedback,
    ...(reply !== undefined && { reply: { text: reply, authorId: official.id, at: now.toISOString() }, status: 'answered' as const }),
    ...(status !== undefined && { status }),
  };
  // Only texts as approved are public. A reply given or changed on a published item has not
  // been reviewed for the public page (it may name the official or carry a phone number),
  // and a redaction made of the earlier text can stand in for it no more than it can be
  // dropped: the approval is withdrawn and the item goes back to the publication queue.
  const unapprovedReply = feedback.published && reply !== undefined && reply !== feedback.reply?.text;
  const updated = unapprovedReply ? withdrawn(answered) : answered;
  await store.updateFeedback(updated);
  if (reply !== undefined) await recordEvent(store, official, updated.id, { kind: feedback.reply ? 'reply-edited' : 'replied' });
  if (updated.status !== feedback.status) await recordEvent(store, official, updated.id, { kind: 'status', from: feedback.status, to: updated.status });
  if (unapprovedReply) {
    await recordEvent(store, official, updated.id, { kind: 'withdrawn', cause: 'reply-changed' });
    await audit(store, official, 'unpublish', { feedbackId: updated.id }, { cause: 'reply-changed' });
  }
  if (reply !== undefined && (notify ?? !corrected)) notifier.replyGiven(updated, official, { corrected });
  await audit(store, official, reply !== undefined ? 'reply' : 'status', { feedbackId: updated.id }, reply !== undefined ? {} : { status: updated.status });
  return updated;
}

export const bulkStatusSchema = z.strictObject(
  {
    ids: z
      .array(z.string({ error: 'Each id is text.' }), { error: 'Send the ids of the items as a list.' })
      .min(1, { error: 'Choose at least one item.' })
      .max(BULK_STATUS_MAX, { error: `Change at most ${BULK_STATUS_MAX} items at a time.` }),
    status: z.enum(STATUSES, { error: `The status is one of ${STATUSES.join(', ')}.` }),
  },
  { error: 'Send an object with ids and status.' },
);

/**
 * One status for many items (`{ ids, status }`): each item checked, changed and audited
 * as `handleFeedback` does one, so an item the official may not handle is refused alone
 * (`not_found`, as for one) while the others change. One result per id, in the order sent
 * (an id sent twice is answered once).
 */
export async function changeStatuses(store: Store, notifier: FeedbackNotifier, official: Official, body: unknown): Promise<BulkStatusResult> {
  const result = bulkStatusSchema.safeParse(body);
  if (!result.success) {
    const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    throw new DomainError('invalid_input', 'invalid_handling', Object.values(fields)[0]!, fields);
  }
  const { ids, status } = result.data;
  const results: BulkStatusResult['results'] = [];
  for (const id of new Set(ids)) {
    try {
      const updated = await handleFeedback(store, notifier, official, id, { status });
      results.push({ id, ok: true, status: updated.status });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ id, ok: false, code: error.code, message: error.message });
    }
  }
  return { results, changed: results.filter((r) => r.ok).length };
}

export const approvalSchema = z.strictObject(
  {
    comment: text('The published comment', COMMENT_MAX_LENGTH).optional().meta({ description: 'The comment with personal data removed; omitted: the original.' }),
    reply: text('The published reply', COMMENT_MAX_LENGTH)
      .min(1, { error: 'Write the reply as it is to be published.' })
      .optional()
      .meta({ description: 'The reply with personal data removed; omitted: the reply as written.' }),
  },
  { error: 'Send an object, optionally with the redacted comment and reply.' },
);

// The bodies take exactly what the contract says: a field on one side only fails to compile here.
type _Contract = [
  Holds<MatchesContract<z.input<typeof handlingSchema>, FeedbackHandling>>,
  Holds<MatchesContract<z.input<typeof approvalSchema>, PublicationApproval>>,
  Holds<MatchesContract<z.input<typeof bulkStatusSchema>, BulkStatusChange>>,
];

/**
 * Puts an item on the public page, optionally with personal data redacted from its
 * comment and its reply (`{ comment?, reply? }`; the originals are kept for staff), audited
 * with what was redacted. Only with the giver's permission; a redacted reply needs a reply (`conflict` otherwise).
 */
export async function publishFeedback(store: Store, official: Official, id: string, body: unknown, now = new Date()): Promise<Feedback> {
  const feedback = await handledItem(store, official, id);
  if (!feedback.public) {
    throw new DomainError('conflict', 'not_public', 'The giver did not allow publication, so this feedback stays private.');
  }
  const result = approvalSchema.safeParse(body ?? {});
  if (!result.success) {
    const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    throw new DomainError('invalid_input', 'invalid_publication', Object.values(fields)[0]!, fields);
  }
  const { comment, reply } = result.data;
  if (reply !== undefined && !feedback.reply) {
    throw new DomainError('conflict', 'no_reply', 'This feedback has no reply yet, so there is no reply to redact.', {
      reply: 'There is no reply yet.',
    });
  }
  const updated: Feedback = {
    ...feedback,
    published: true,
    publishedAt: now.toISOString(),
    publishedComment: comment === undefined || comment === feedback.comment ? null : comment,
    // The reply as approved, kept whole: the public readers show this copy, not the reply as it is now.
    publishedReply: feedback.reply ? (reply ?? feedback.reply.text) : null,
  };
  await store.updateFeedback(updated);
  await recordEvent(store, official, updated.id, { kind: 'published' });
  await audit(store, official, 'publish', { feedbackId: updated.id }, { redacted: redactionOf(updated) });
  return updated;
}

/** What an approval redacted, for the audit log: `redacted: comment, reply`, or null. Never the text. */
function redactionOf(f: Feedback): Redacted[] {
  return (['comment', 'reply'] as const).filter((part) => (part === 'comment' ? typeof f.publishedComment === 'string' : replyRedacted(f)));
}

/** Whether the reply as approved differs from the reply as written. */
export function replyRedacted(f: Feedback): boolean {
  return typeof f.publishedReply === 'string' && f.publishedReply !== f.reply?.text;
}

/** Takes an item off the public page (back into the publication queue); audited. */
export async function unpublishFeedback(store: Store, official: Official, id: string): Promise<Feedback> {
  const updated = withdrawn(await handledItem(store, official, id));
  await store.updateFeedback(updated);
  await recordEvent(store, official, updated.id, { kind: 'withdrawn' });
  await audit(store, official, 'unpublish', { feedbackId: updated.id });
  return updated;
}

/**
 * The item off the public page and back in the publication queue (public, unpublished),
 * its redactions dropped with the approval they belonged to: the next approval starts
 * from the texts as they are then.
 */
export function withdrawn(feedback: Feedback): Feedback {
  return { ...feedback, published: false, publishedAt: null, publishedComment: null, publishedReply: null };
}
