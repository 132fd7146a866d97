import { z } from 'zod';
import { NOTE_MAX_LENGTH, type FeedbackForward, type FeedbackNote } from '../../../contract/api.js';
import type { FeedbackNotifier } from './notifier-port.js';
import type { Store } from './store-port.js';
import { DomainError } from './errors.js';
import { mayReceiveFeedback, type Feedback, type FeedbackEvent, type Official, type Routing } from './model.js';
import { audit } from './audit.js';
import { assertMayForwardInto } from './retired-areas.js';
import { handledItem } from './handling.js';
import { recordEvent } from './history.js';
import type { Holds, MatchesContract } from './type-checks.js';
import { ID_PATTERN, text } from './validation.js';

const note = (label: string, missing: string) => text(label, NOTE_MAX_LENGTH).min(1, { error: missing });
const id = (label: string) => z.string({ error: `${label} must be text.` }).regex(ID_PATTERN, { error: `${label} is not a valid identifier.` });

export const forwardSchema = z.strictObject(
  {
    official: id('The official').optional().meta({ description: 'To this official (exactly one of `official` and `topic`).' }),
    topic: id('The topic').optional().meta({ description: 'To this topic’s responsible official, with the topic’s area.' }),
    note: note('The note', 'Say why you forward it: write a note for the next handler.').meta({ description: 'Why, for the next handler: 1–2000 characters, internal.' }),
  },
  { error: 'Send an object with official or topic, and a note.' },
);

export const noteSchema = z.strictObject({ text: note('The note', 'Write a note.') }, { error: 'Send an object with the note’s text.' });

type _Contract = [
  Holds<MatchesContract<z.input<typeof forwardSchema>, FeedbackForward>>,
  Holds<MatchesContract<z.input<typeof noteSchema>, FeedbackNote>>,
];

function parse<T>(schema: z.ZodType<T>, body: unknown, code: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
  throw new DomainError('invalid_input', code, Object.values(fields)[0]!, fields);
}

function refuse(field: string, code: string, message: string): DomainError {
  return new DomainError('invalid_input', code, message, { [field]: message });
}

/**
 * Routes an item to another official, or to a topic (its responsible official and area),
 * with a note saying why. Only to someone who may receive feedback (active, in a handling
 * role): a private item so never reaches a decision-maker. The previous official loses it
 * from their inbox unless their role shows them all. Audited by ids; the note stays in the
 * item's history, and the new official is told.
 */
export async function forwardFeedback(
  store: Store,
  notifier: FeedbackNotifier,
  official: Official,
  feedbackId: string,
  body: unknown,
  now = new Date(),
): Promise<Feedback> {
  const feedback = await handledItem(store, official, feedbackId);
  const wanted = parse(forwardSchema, body, 'invalid_forward');
  if ((wanted.official === undefined) === (wanted.topic === undefined)) {
    throw refuse('official', 'invalid_forward', 'Forward either to an official or to a topic, not both or neither.');
  }
  const to = wanted.official !== undefined ? await toOfficial(store, feedback, wanted.official) : await toTopic(store, feedback, wanted.topic!);
  // A forward passes work on; its holder may still move it to a topic of their own.
  if (to.officialId === official.id && feedback.officialId !== official.id) {
    throw new DomainError('conflict', 'forward_to_self', 'You cannot forward feedback to yourself. Choose someone else.', { [wanted.official !== undefined ? 'official' : 'topic']: 'Choose someone else.' });
  }
  const recipient = (await store.getOfficial(to.officialId))!;
  const from: Routing = { officialId: feedback.officialId, topicId: feedback.topicId, serviceAreaId: feedback.serviceAreaId };
  const updated: Feedback = { ...feedback, ...to };
  await store.updateFeedback(updated);
  const event = await recordEvent(store, official, feedback.id, { kind: 'forwarded', from, to, text: wanted.note }, now);
  await audit(store, official, 'forward', { feedbackId: feedback.id, targetId: to.officialId }, { from: from.officialId, ...(wanted.topic && { topic: wanted.topic }) });
  notifier.feedbackForwarded(updated, { by: official, to: recipient, note: wanted.note, at: event.at });
  return updated;
}

/** To an official: into their service area, keeping the topic only if it belongs there. */
async function toOfficial(store: Store, feedback: Feedback, officialId: string): Promise<Routing> {
  const official = await store.getOfficial(officialId);
  if (!official) throw refuse('official', 'unknown_official', 'There is no such official. Choose one from the list.');
  if (!official.active) throw refuse('official', 'official_inactive', `${official.name} has left and cannot receive feedback. Choose someone else.`);
  if (!mayReceiveFeedback(official)) {
    throw refuse('official', 'official_cannot_receive', `${official.name} does not handle feedback (a decision-maker), so feedback cannot be forwarded to them.`);
  }
  if (official.id === feedback.officialId) {
    throw new DomainError('conflict', 'same_official', `This feedback is already with ${official.name}.`, { official: 'Choose another official.' });
  }
  assertMayForwardInto(feedback, await store.getServiceArea(official.serviceAreaId));
  const topic = feedback.topicId ? await store.getTopic(feedback.topicId) : undefined;
  return { officialId: official.id, serviceAreaId: official.serviceAreaId, topicId: topic?.serviceAreaId === official.serviceAreaId ? topic.id : null };
}

/** To a topic: its responsible official and its service area. */
async function toTopic(store: Store, feedback: Feedback, topicId: string): Promise<Routing> {
  const topic = await store.getTopic(topicId);
  if (!topic) throw refuse('topic', 'unknown_topic', 'There is no such topic. Choose one from the list.');
  if (topic.id === feedback.topicId && topic.officialId === feedback.officialId) {
    throw new DomainError('conflict', 'same_topic', 'This feedback is already on that topic, with its responsible official.', { topic: 'Choose another topic.' });
  }
  assertMayForwardInto(feedback, await store.getServiceArea(topic.serviceAreaId), topic);
  const official = await store.getOfficial(topic.officialId);
  if (!official || !mayReceiveFeedback(official)) {
    throw refuse('topic', 'topic_unattended', 'Nobody who handles feedback is responsible for that topic now. Ask an admin to name someone, or forward to an official.');
  }
  return { officialId: official.id, serviceAreaId: topic.serviceAreaId, topicId: topic.id };
}

/**
 * An internal note on an item, by staff who may handle it: in the item's history only
 * (never public, never to decision-makers or the giver). Audited without its text.
 */
export async function addNote(store: Store, official: Official, feedbackId: string, body: unknown, now = new Date()): Promise<FeedbackEvent> {
  const feedback = await handledItem(store, official, feedbackId);
  const { text } = parse(noteSchema, body, 'invalid_note');
  if (feedback.purgedAt) {
    throw new DomainError('conflict', 'purged', 'This feedback’s texts were removed at the end of its retention period, so it takes no more notes.');
  }
  const event = await recordEvent(store, official, feedback.id, { kind: 'note', text }, now);
  await audit(store, official, 'note', { feedbackId: feedback.id });
  return event;
}
