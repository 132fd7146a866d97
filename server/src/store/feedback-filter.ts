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
  /** The giver's email, any case (a person's access and erasure requests). */
  contactEmail?: string;
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

/** The filter as a predicate, for stores that filter in memory. */
export function matchesFilter(f: Feedback, filter: FeedbackFilter): boolean {
  return (
    (filter.officialId === undefined || f.officialId === filter.officialId) &&
    (filter.serviceAreaId === undefined || f.serviceAreaId === filter.serviceAreaId) &&
    (filter.topicId === undefined || f.topicId === filter.topicId) &&
    (filter.linkId === undefined || f.linkId === filter.linkId) &&
    (filter.status === undefined || f.status === filter.status) &&
    (filter.channel === undefined || f.channel === filter.channel) &&
    (filter.public === undefined || f.public === filter.public) &&
    (filter.published === undefined || f.published === filter.published) &&
    (filter.from === undefined || f.createdAt >= filter.from) &&
    (filter.before === undefined || f.createdAt < filter.before) &&
    (filter.contactEmail === undefined || f.contact?.email?.toLowerCase() === filter.contactEmail.toLowerCase())
  );
}
