import type { CouncilFeedbackItem, HistoryEntry, Locale, PublicFeedbackItem, RoutingView, StaffFeedbackDetail, StaffFeedbackItem } from '../../../contract/api.js';
import { replyRedacted } from './handling.js';
import { entryOf, historyOf, type HistoryNames } from './history.js';
import type { Store } from './store-port.js';
import { OPEN_STATUSES, type Feedback, type FeedbackEvent, type Official, type Routing, type ServiceArea, type Topic } from './model.js';

/**
 * The shapes feedback leaves the server in, one per kind of reader. Each is built field by
 * field, so a field added to `Feedback` reaches no reader until someone adds it here.
 */
export class FeedbackViews {
  private constructor(
    private readonly topics: Map<string, Topic>,
    private readonly areas: Map<string, ServiceArea>,
    private readonly officials: Map<string, Official>,
    private readonly locale: Locale,
  ) {}

  static async load(store: Store, locale: Locale): Promise<FeedbackViews> {
    const [topics, areas, officials] = await Promise.all([store.listTopics(), store.listServiceAreas(), store.listOfficials()]);
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    return new FeedbackViews(byId(topics), byId(areas), byId(officials), locale);
  }

  /**
   * Residents: published items only (the caller filters), the comment and reply as
   * approved (redacted where staff redacted them), never a reply written since: that one
   * withdrew the approval. Decision-makers get the same texts.
   */
  publicItem(f: Feedback): PublicFeedbackItem {
    const topic = f.topicId ? this.topics.get(f.topicId) : undefined;
    const area = this.areas.get(f.serviceAreaId);
    return {
      id: f.id,
      createdAt: f.createdAt,
      topic: topic ? { id: topic.id, name: topic.name[this.locale] } : null,
      serviceArea: { id: f.serviceAreaId, name: area?.name[this.locale] ?? f.serviceAreaId },
      rating: f.rating,
      comment: f.publishedComment ?? f.comment,
      reply: f.reply ? { text: f.publishedReply ?? f.reply.text, at: f.reply.at } : null,
    };
  }

  /** Decision-makers: items whose giver chose public, never contact data. */
  councilItem(f: Feedback): CouncilFeedbackItem {
    return { ...this.publicItem(f), channel: f.channel, status: f.status, published: f.published };
  }

  /** The routed official and admins; `now` decides what is overdue. */
  staffItem(f: Feedback, now = Date.now()): StaffFeedbackItem {
    const official = this.officials.get(f.officialId);
    const author = f.reply ? this.officials.get(f.reply.authorId) : undefined;
    return {
      ...this.councilItem(f),
      official: { id: f.officialId, name: official?.name ?? f.officialId },
      public: f.public,
      originalComment: f.comment,
      contact: f.contact,
      wantsReply: f.wantsReply,
      ref: f.ref,
      linkId: f.linkId,
      pageUrl: f.pageUrl,
      locale: f.locale,
      reply: f.reply ? { text: f.reply.text, at: f.reply.at, author: author?.name ?? f.reply.authorId } : null,
      publishedReply: replyRedacted(f) ? f.publishedReply! : null,
      dueAt: f.dueAt ?? null,
      overdue: isOverdue(f, now),
      routedVia: f.routedVia ? { deputyFor: { id: f.routedVia.deputyFor, name: this.officials.get(f.routedVia.deputyFor)?.name ?? f.routedVia.deputyFor } } : null,
    };
  }

  /** The routed official and admins opening one item: with its history, notes included. */
  staffDetail(f: Feedback, events: readonly FeedbackEvent[]): StaffFeedbackDetail {
    return { ...this.staffItem(f), history: historyOf(f, events, this.names()) };
  }

  /** One step of an item's history (a note just added). */
  historyEntry(e: FeedbackEvent): HistoryEntry {
    return entryOf(e, this.names());
  }

  private names(): HistoryNames {
    return { official: (id) => this.official(id), routing: (r) => this.routing(r), area: (id) => this.areas.get(id) };
  }

  private official(id: string): { id: string; name: string } {
    return { id, name: this.officials.get(id)?.name ?? id };
  }

  private routing(r: Routing): RoutingView {
    const topic = r.topicId ? this.topics.get(r.topicId) : undefined;
    return {
      official: this.official(r.officialId),
      topic: r.topicId ? { id: r.topicId, name: topic?.name[this.locale] ?? r.topicId } : null,
      serviceArea: { id: r.serviceAreaId, name: this.areas.get(r.serviceAreaId)?.name[this.locale] ?? r.serviceAreaId },
    };
  }
}

/** Still open and past its due time (the filter `dueBefore` says the same to a store). */
export function isOverdue(f: Feedback, now: number): boolean {
  return Boolean(f.dueAt) && Date.parse(f.dueAt!) < now && OPEN_STATUSES.includes(f.status);
}
