import type { HistoryActor, HistoryEntry, RoutingView } from '../../../contract/api.js';
import type { Actor } from './audit.js';
import type { Feedback, FeedbackEvent, Routing, ServiceArea } from './model.js';
import type { Store } from './store-port.js';

/** What an event says, before `recordEvent` stamps who and when (each kind keeps its own fields). */
export type EventBody = WithoutStamp<FeedbackEvent>;
type WithoutStamp<E> = E extends unknown ? Omit<E, 'at' | 'actorId'> : never;

/** Adds a step to an item's history, by the acting official (or the server: null). */
export async function recordEvent(store: Store, actor: Actor, feedbackId: string, body: EventBody, now = new Date()): Promise<FeedbackEvent> {
  const event = { ...body, at: now.toISOString(), actorId: typeof actor === 'string' ? null : actor.id } as FeedbackEvent;
  await store.addFeedbackEvent(feedbackId, event);
  return event;
}

/** How history names people and places: the reader's language, and the ids of any that are gone. */
export interface HistoryNames {
  official(id: string): { id: string; name: string };
  routing(routing: Routing): RoutingView;
  area(id: string): ServiceArea | undefined;
}

/**
 * One timeline of an item, oldest first: its arrival (channel, and where and why it was
 * routed then), then its stored events. Items handled before events were kept show their
 * reply and publication from the item itself.
 */
export function historyOf(f: Feedback, events: readonly FeedbackEvent[], names: HistoryNames): HistoryEntry[] {
  const firstForward = events.find((e) => e.kind === 'forwarded');
  const arrival: Routing = firstForward?.kind === 'forwarded' ? firstForward.from : f;
  const entries: HistoryEntry[] = [
    { at: f.createdAt, actor: 'giver', kind: 'received', channel: f.channel, routedBy: routedBy(f, arrival, names), to: names.routing(arrival) },
    ...events.map((e) => entryOf(e, names)),
  ];
  if (f.reply && !events.some((e) => e.kind === 'replied')) {
    entries.push({ at: f.reply.at, actor: names.official(f.reply.authorId), kind: 'replied' });
  }
  if (f.published && f.publishedAt && !events.some((e) => e.kind === 'published')) {
    entries.push({ at: f.publishedAt, actor: 'system', kind: 'published' });
  }
  // Stable: events added in the same millisecond keep their order.
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.index - b.index).map((x) => x.entry);
}

/** Why an item went where it arrived: its signature link, its topic, its area's contact, or an official the page named. */
function routedBy(f: Feedback, arrival: Routing, names: HistoryNames): 'link' | 'topic' | 'area' | 'official' {
  if (f.linkId) return 'link';
  if (arrival.topicId) return 'topic';
  return names.area(arrival.serviceAreaId)?.officialId === arrival.officialId ? 'area' : 'official';
}

/** One stored event as its reader sees it. */
export function entryOf(e: FeedbackEvent, names: HistoryNames): HistoryEntry {
  const actor: HistoryActor = e.actorId ? names.official(e.actorId) : e.kind === 'withdrawn' && e.cause === 'giver-edit' ? 'giver' : 'system';
  switch (e.kind) {
    case 'forwarded':
      return { at: e.at, actor, kind: 'forwarded', from: names.routing(e.from), to: names.routing(e.to), note: e.text };
    case 'note':
      return { at: e.at, actor, kind: 'note', text: e.text };
    case 'status':
      return { at: e.at, actor, kind: 'status', from: e.from, to: e.to };
    default:
      return { at: e.at, actor, kind: e.kind };
  }
}
