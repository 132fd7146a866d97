import type { Channel, Feedback, Status } from '../domain/model.js';

/** Which feedback a query wants; every field narrows, none given means all. */
export interface FeedbackFilter {
  officialId?: string;
  serviceAreaId?: string;
  topicId?: string;
  linkId?: string;
  status?: Status;
  channel?: Channel;
  public?: boolean;
  published?: boolean;
  /** ISO time: created at or after. */
  from?: string;
  /** ISO time: created before. */
  before?: string;
  /** The giver's email, any case, trimmed (a person's access and erasure requests). */
  contactEmail?: string;
  /** Whether it holds personal data the retention purge would remove (contact data, free text). */
  personalData?: boolean;
}

/**
 * What scores, statistics and filters read of an item, and no text: small enough for a
 * store to keep a million of them in memory while the items themselves stay on disk.
 */
export interface FeedbackFacts
  extends Pick<Feedback, 'id' | 'channel' | 'topicId' | 'serviceAreaId' | 'officialId' | 'linkId' | 'ref' | 'rating' | 'status' | 'public' | 'published'> {
  /** When it arrived, in milliseconds since 1970 (a number: a million of them are read at start-up). */
  createdMs: number;
  /** Holds contact data or free text (see `personalData` in the filter). */
  personalData: boolean;
  /** When the city replied (for the time to answer). */
  repliedAt: string | null;
  /** The giver's email, trimmed and in lower case (for access and erasure requests). */
  contactEmail: string | null;
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
    personalData: Boolean(f.contact || f.comment !== null || f.publishedComment || f.publishedReply || f.pageUrl !== null || f.wantsReply || f.reply?.text),
    repliedAt: f.reply?.at ?? null,
    contactEmail: f.contact?.email?.trim().toLowerCase() || null,
  };
}

export interface FeedbackPage {
  /** Newest first. */
  items: Feedback[];
  /** How many match in all. */
  total: number;
}

export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** The filter as a predicate on facts, for stores that filter in memory. */
export function factsMatcher(filter: FeedbackFilter): (f: FeedbackFacts) => boolean {
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const before = filter.before === undefined ? Infinity : Date.parse(filter.before);
  const email = filter.contactEmail?.trim().toLowerCase();
  return (f) =>
    (filter.officialId === undefined || f.officialId === filter.officialId) &&
    (filter.serviceAreaId === undefined || f.serviceAreaId === filter.serviceAreaId) &&
    (filter.topicId === undefined || f.topicId === filter.topicId) &&
    (filter.linkId === undefined || f.linkId === filter.linkId) &&
    (filter.status === undefined || f.status === filter.status) &&
    (filter.channel === undefined || f.channel === filter.channel) &&
    (filter.public === undefined || f.public === filter.public) &&
    (filter.published === undefined || f.published === filter.published) &&
    // A time that cannot be read counts as older than any: the purge takes it, as it cannot show it is within retention.
    (filter.from === undefined || f.createdMs >= from) &&
    !(f.createdMs >= before) &&
    (filter.personalData === undefined || f.personalData === filter.personalData) &&
    (email === undefined || f.contactEmail === email);
}
