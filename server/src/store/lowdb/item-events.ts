import { matchesSearch, type FeedbackFacts } from '../../domain/feedback-facts.js';
import type { Feedback, FeedbackEvent } from '../../domain/model.js';
import type { FeedbackPage } from '../../domain/store-port.js';
import type { FeedbackSegments } from './feedback-segments.js';
import { deepFreeze } from './segment.js';

/*
 * What the lowdb store keeps of handling besides the items: each item's history, in its
 * item's segment file (so an erasure, which rewrites that file without the item, takes it
 * too), and the inbox search, which reads items since their facts hold no text.
 */

export async function eventsOf(segments: FeedbackSegments, id: string): Promise<FeedbackEvent[]> {
  return [...((await segments.fileOf(id))?.events?.[id] ?? [])];
}

/** Replaces an item's history with `change` of it, written with its segment. */
export function changeEvents(segments: FeedbackSegments, id: string, change: (events: readonly FeedbackEvent[]) => FeedbackEvent[]): Promise<boolean> {
  return segments.changeFileOf(id, (file) => {
    const events = (file.events ??= {});
    const previous = events[id];
    events[id] = deepFreeze(structuredClone(change(previous ?? [])));
    return () => {
      if (previous) events[id] = previous;
      else delete events[id];
    };
  });
}

/** A page of the candidates (newest first) whose text matches `q`: every candidate is read, an inbox's items or all for an admin. */
export async function searchPage(
  candidates: readonly FeedbackFacts[],
  q: string,
  page: { offset: number; limit: number },
  get: (id: string) => Promise<Feedback | undefined>,
): Promise<FeedbackPage> {
  const items: Feedback[] = [];
  let total = 0;
  for (const facts of candidates) {
    const item = await get(facts.id);
    if (!item || !matchesSearch(item, q)) continue;
    if (total >= page.offset && items.length < page.limit) items.push(item);
    total++;
  }
  return { items, total };
}
