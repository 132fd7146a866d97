import type { FeedbackFacts } from '../../domain/feedback-facts.js';

/**
 * Each official's items (their facts), in the order of the store's items: an inbox reads
 * its own list, not every item. An item handed to another official (a forward, a leaver's
 * handover) moves to that official's list, in its place there.
 */
export class OfficialIndex {
  readonly #lists = new Map<string, FeedbackFacts[]>();

  of(officialId: string): readonly FeedbackFacts[] {
    return this.#lists.get(officialId) ?? [];
  }

  /** A new item: the newest of its official's. */
  append(facts: FeedbackFacts): void {
    this.#listOf(facts.officialId).push(facts);
  }

  /** Takes an item out; returns how to put it back. */
  remove(facts: FeedbackFacts): () => void {
    const list = this.#listOf(facts.officialId);
    // Recent items are the ones that change: search from the end.
    const index = list.lastIndexOf(facts);
    if (index >= 0) list.splice(index, 1);
    return () => {
      if (index >= 0) list.splice(index, 0, facts);
    };
  }

  /** A changed item: replaced in place, or moved into its new official's list where `order` (its place among all items) puts it. */
  replace(from: FeedbackFacts, to: FeedbackFacts, order: (facts: FeedbackFacts) => number): void {
    if (from.officialId === to.officialId) {
      replaceIn(this.#listOf(from.officialId), from, to);
      return;
    }
    this.remove(from);
    const list = this.#listOf(to.officialId);
    const place = order(to);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (order(list[middle]!) < place) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, to);
  }

  #listOf(officialId: string): FeedbackFacts[] {
    let list = this.#lists.get(officialId);
    if (!list) this.#lists.set(officialId, (list = []));
    return list;
  }
}

/** Replaces `from` with `to` in a list, if it is there. */
export function replaceIn<T>(list: T[], from: T, to: T): void {
  // Recent items are the ones that change: search from the end.
  const index = list.lastIndexOf(from);
  if (index >= 0) list[index] = to;
}
