import type { FeedbackCreated } from '../../../contract/api.js';
import type { FeedbackNotifier } from './notifier-port.js';
import type { Store } from './store-port.js';
import { attributeLinkFeedback, attributeWidgetFeedback, type Attribution } from './attribution.js';
import { DEFAULT_TIME_ZONE } from './city-time.js';
import { coverFor } from './deputies.js';
import { DomainError } from './errors.js';
import type { Channel, Feedback } from './model.js';
import { newFeedbackRecord } from './feedback-record.js';
import { withdrawn } from './handling.js';
import { audit } from './audit.js';
import { recordEvent } from './history.js';
import { dueAtOf, targetDaysOf } from './response-target.js';
import { hashSecret, newSecret } from './secrets.js';
import { findLiveLink } from './signature-links.js';
import { validateEdit, validateSubmission, type ValidSubmission } from './validation.js';

/**
 * Validates, attributes and stores one submission (to a deputy when the official it is
 * meant for is away, saying so in `routedVia`), and lets its official know (a digest,
 * sent later); resolves once it is stored, with the answer for the giver's browser.
 */
export async function submitFeedback(
  store: Store,
  notifier: FeedbackNotifier,
  body: unknown,
  { timeZone = DEFAULT_TIME_ZONE, now = new Date() }: { timeZone?: string; now?: Date } = {},
): Promise<FeedbackCreated> {
  const { routing, given } = validateSubmission(body);
  const attribution = await attribute(store, routing);
  const { officialId, routedVia } = await coverFor(store, attribution.officialId, now, timeZone);
  const { feedback: record, editKey } = newFeedbackRecord({ ...attribution, ...given, officialId, ...(routedVia && { routedVia }) }, now);
  const dueAt = dueAtOf(record.createdAt, await targetDaysOf(store, record.topicId), timeZone);
  const { feedback, statusKey } = withStatusKey({ ...record, dueAt });
  await store.addFeedback(feedback);
  notifier.feedbackArrived(feedback);
  if (statusKey) notifier.feedbackAcknowledged(feedback, statusKey);
  return { id: feedback.id, editKey };
}

/**
 * A giver who left an email gets an acknowledgement with a status page link: the item
 * gets its key (stored hashed) once, when it first has an email, whether on arrival or
 * by an edit within the edit window that adds one (a survey answer's contact details).
 */
function withStatusKey(feedback: Feedback): { feedback: Feedback; statusKey?: string } {
  if (!feedback.contact?.email || feedback.statusKeyHash) return { feedback };
  const statusKey = newSecret();
  return { feedback: { ...feedback, statusKeyHash: hashSecret(statusKey) }, statusKey };
}

/**
 * A signature link decides everything about where feedback through it belongs: the
 * topic, area and official a browser may send alongside the token are ignored. An answer
 * through a link counts only with the survey page's sign that a person pressed (`press`):
 * mail scanners open every link, and a request made without the page is not a person's answer.
 */
async function attribute(
  store: Store,
  routing: ValidSubmission['routing'],
): Promise<Attribution & { channel: Channel; linkId: string | null }> {
  if (routing.token === undefined) {
    return { ...(await attributeWidgetFeedback(store, routing)), channel: 'widget', linkId: null };
  }
  const { link } = await findLiveLink(store, routing.token);
  if (routing.press === undefined) {
    throw new DomainError(
      'invalid_input',
      'press_missing',
      'An answer through a survey link is counted only when a person presses its button on the survey page. Open the link and press "Send rating".',
    );
  }
  return { ...(await attributeLinkFeedback(store, link)), channel: link.channel, linkId: link.id };
}

/**
 * What a giver may change on a published item and keep it published: fields no public
 * reader is shown. A change to any other field (comment, rating, `public`, and whatever
 * is added later) withdraws the approval: the public page shows only what staff approved.
 */
const NEVER_SHOWN_PUBLICLY: ReadonlySet<keyof Feedback> = new Set(['contact', 'wantsReply', 'locale'] as const);

/**
 * `PATCH /api/feedback/:id` with the edit key the giver's browser got back: adds a comment
 * or contact details, or changes the rating, for `EDIT_WINDOW_MS` after sending. On a
 * published item, a change the public would see takes it off the public page and back
 * into the publication queue (audited as the server's own `unpublish`, `giver-edit`);
 * switching `public` off and on again thus needs a new approval too. The official hears of
 * the item as it stands (see the notifier port).
 */
export async function editFeedback(store: Store, notifier: FeedbackNotifier, id: string, body: unknown, now = new Date()): Promise<void> {
  const { editKey, changes } = validateEdit(body);
  const feedback = await store.getFeedback(id);
  if (!feedback || feedback.editKeyHash !== hashSecret(editKey)) {
    throw new DomainError('forbidden', 'edit_not_allowed', 'This feedback cannot be changed from here.');
  }
  if (now.getTime() > Date.parse(feedback.editableUntil)) {
    throw new DomainError('gone', 'edit_expired', 'The time to change this feedback has passed. Please send new feedback instead.');
  }
  const updated: Feedback = { ...feedback, ...changes };
  if (updated.rating === null && !updated.comment) {
    throw new DomainError('invalid_input', 'empty_feedback', 'Give a rating or write a comment.');
  }
  if (updated.wantsReply && !updated.contact?.email) {
    throw new DomainError('invalid_input', 'invalid_feedback', 'To get a reply, give your email address.', {
      'contact.email': 'To get a reply, give your email address.',
    });
  }
  const seenByPublic = (Object.keys(changes) as (keyof Feedback)[]).some(
    (field) => !NEVER_SHOWN_PUBLICLY.has(field) && JSON.stringify(updated[field]) !== JSON.stringify(feedback[field]),
  );
  const withdraw = feedback.published && seenByPublic;
  const { feedback: stored, statusKey } = withStatusKey(withdraw ? withdrawn(updated) : updated);
  await store.updateFeedback(stored);
  notifier.feedbackChanged(stored);
  if (withdraw) {
    await recordEvent(store, 'server', feedback.id, { kind: 'withdrawn', cause: 'giver-edit' });
    await audit(store, 'server', 'unpublish', { feedbackId: feedback.id }, { cause: 'giver-edit' });
  }
  if (statusKey) notifier.feedbackAcknowledged(stored, statusKey);
}
