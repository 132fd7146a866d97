import { OPEN_STATUSES, type Feedback } from './model.js';
import type { FeedbackFilter } from './store-port.js';

/**
 * What scores, statistics and filters read of an item, and no text: small enough for a
 * store to keep a million of them in memory while the items themselves stay on disk.
 */
export interface FeedbackFacts
  extends Pick<Feedback, 'id' | 'channel' | 'topicId' | 'serviceAreaId' | 'officialId' | 'linkId' | 'ref' | 'rating' | 'status' | 'public' | 'published'> {
  /** When it arrived, in milliseconds since 1970 (a number: a million of them are read at start-up). */
  createdMs: number;
  /** Holds contact data or free text (see `holdsPersonalData`). */
  personalData: boolean;
  /** When the city replied (for the time to answer). */
  repliedAt: string | null;
  /** The giver's email, trimmed and in lower case (for access and erasure requests). */
  contactEmail: string | null;
  /** When the answer is due (`Feedback.dueAt`) in milliseconds since 1970, or null. */
  dueMs: number | null;
  /** `Feedback.statusKeyHash`: the status page finds its item by it. */
  statusKeyHash: string | null;
}

/**
 * Whether an item holds personal data the retention purge removes: contact data, free text
 * (comment, published texts, reply text), the page address, or a wish for a reply. A
 * purged item holds none (personal-data-inventory.ts `purged`); the PostgreSQL adapter
 * writes the same rule in SQL (store/postgres/rows.ts).
 */
export function holdsPersonalData(f: Feedback): boolean {
  return Boolean(f.contact || f.comment !== null || f.publishedComment || f.publishedReply || f.pageUrl !== null || f.wantsReply || f.reply?.text);
}

export function factsOf(f: Feedback): FeedbackFacts {
  return {
    id: f.id,
    createdMs: Date.parse(f.createdAt),
    channel: f.channel,
    topicId: f.topicId,
    serviceAreaId: f.serviceAreaId,
    officialId: f.officialId,
    linkId: f.linkId,
    ref: f.ref,
    rating: f.rating,
    status: f.status,
    public: f.public,
    published: f.published,
    personalData: holdsPersonalData(f),
    repliedAt: f.reply?.at ?? null,
    contactEmail: f.contact?.email?.trim().toLowerCase() || null,
    dueMs: f.dueAt ? Date.parse(f.dueAt) : null,
    statusKeyHash: f.statusKeyHash ?? null,
  };
}

/** The filter as a predicate on facts, for stores that filter in memory. */
export function factsMatcher(filter: FeedbackFilter): (f: FeedbackFacts) => boolean {
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const before = filter.before === undefined ? Infinity : Date.parse(filter.before);
  const email = filter.contactEmail?.trim().toLowerCase();
  const dueBefore = filter.dueBefore === undefined ? undefined : Date.parse(filter.dueBefore);
  return (f) =>
    (filter.officialId === undefined || f.officialId === filter.officialId) &&
    (filter.serviceAreaId === undefined || f.serviceAreaId === filter.serviceAreaId) &&
    (filter.reach === undefined || f.serviceAreaId === filter.reach.serviceAreaId || filter.reach.officialIds.includes(f.officialId)) &&
    (filter.topicId === undefined || f.topicId === filter.topicId) &&
    (filter.linkId === undefined || f.linkId === filter.linkId) &&
    (filter.status === undefined || f.status === filter.status) &&
    (filter.statuses === undefined || filter.statuses.includes(f.status)) &&
    (filter.services === undefined ||
      (f.topicId === null ? filter.services.areaIdsWithoutTopic.includes(f.serviceAreaId) : filter.services.topicIds.includes(f.topicId))) &&
    (filter.channel === undefined || f.channel === filter.channel) &&
    (filter.public === undefined || f.public === filter.public) &&
    (filter.published === undefined || f.published === filter.published) &&
    // A time that cannot be read counts as older than any: the purge takes it, as it cannot show it is within retention.
    (filter.from === undefined || f.createdMs >= from) &&
    !(f.createdMs >= before) &&
    (filter.personalData === undefined || f.personalData === filter.personalData) &&
    (email === undefined || f.contactEmail === email) &&
    (dueBefore === undefined || (f.dueMs !== null && f.dueMs < dueBefore && OPEN_STATUSES.includes(f.status))) &&
    (filter.statusKeyHash === undefined || f.statusKeyHash === filter.statusKeyHash);
}

/** Inbox search (`FeedbackFilter.q`): the reference, comment, contact name or organisation contains it, in any case. */
export function matchesSearch(f: Feedback, q: string): boolean {
  const wanted = q.toLowerCase();
  return [f.id, f.comment, f.contact?.name, f.contact?.organisation].some((value) => typeof value === 'string' && value.toLowerCase().includes(wanted));
}
