import type { AuditEntry, Feedback, LoginKey, Official, ServiceArea, Session, SignatureLink, Topic } from '../../domain/model.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';

/** How the PostgreSQL store's rows map to the domain's objects, and feedback back to a row. */

/** Timestamps come back from pg as Date; the domain keeps ISO strings. */
const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

export const FEEDBACK_COLUMNS = `id, created_at, channel, topic_id, service_area_id, official_id, link_id, ref, rating, comment,
  public, contact, wants_reply, page_url, locale, status, reply, published, published_comment, published_at,
  edit_key_hash, editable_until, purged_at, published_reply`;
export const FEEDBACK_COLUMN_COUNT = FEEDBACK_COLUMNS.split(',').length;
/** What the retention purge removes is there (as `holdsPersonalData` in domain/feedback-facts.ts decides it). */
export const PERSONAL_DATA = `(contact IS NOT NULL OR comment IS NOT NULL OR coalesce(published_comment, '') <> '' OR coalesce(published_reply, '') <> ''
  OR page_url IS NOT NULL OR wants_reply OR coalesce(reply->>'text', '') <> '')`;
/** The giver's email as access and erasure match it: trimmed, lower case (indexed: migration 5). */
export const CONTACT_EMAIL = `lower(btrim(contact->>'email'))`;
/** An item's facts (`FeedbackFacts`), worked out in the query: no text leaves the database. */
export const FACTS_COLUMNS = `id, created_at, channel, topic_id, service_area_id, official_id, link_id, ref, rating, status, public,
  published, ${PERSONAL_DATA} AS personal_data, reply->>'at' AS replied_at, ${CONTACT_EMAIL} AS contact_email`;

type Row = Record<string, any>;

export function feedbackValues(f: Feedback): unknown[] {
  return [
    f.id,
    f.createdAt,
    f.channel,
    f.topicId,
    f.serviceAreaId,
    f.officialId,
    f.linkId,
    f.ref,
    f.rating,
    f.comment,
    f.public,
    f.contact === null ? null : JSON.stringify(f.contact),
    f.wantsReply,
    f.pageUrl,
    f.locale,
    f.status,
    f.reply === null ? null : JSON.stringify(f.reply),
    f.published,
    f.publishedComment ?? null,
    f.publishedAt ?? null,
    f.editKeyHash,
    f.editableUntil,
    f.purgedAt ?? null,
    f.publishedReply ?? null,
  ];
}

export function toFeedback(r: Row): Feedback {
  return {
    id: r.id,
    createdAt: iso(r.created_at)!,
    ...attributionOf(r),
    comment: r.comment,
    public: r.public,
    contact: r.contact,
    wantsReply: r.wants_reply,
    pageUrl: r.page_url,
    locale: r.locale,
    status: r.status,
    reply: r.reply,
    published: r.published,
    publishedComment: r.published_comment,
    publishedAt: iso(r.published_at),
    editKeyHash: r.edit_key_hash,
    editableUntil: iso(r.editable_until)!,
    purgedAt: iso(r.purged_at),
    publishedReply: r.published_reply,
  };
}

/** Where an item came from and what it rated: the same columns in an item and in its facts. */
function attributionOf(r: Row): Pick<Feedback, 'channel' | 'topicId' | 'serviceAreaId' | 'officialId' | 'linkId' | 'ref' | 'rating'> {
  return {
    channel: r.channel,
    topicId: r.topic_id,
    serviceAreaId: r.service_area_id,
    officialId: r.official_id,
    linkId: r.link_id,
    ref: r.ref,
    rating: r.rating,
  };
}

export function toFacts(r: Row): FeedbackFacts {
  return {
    id: r.id,
    createdMs: (r.created_at as Date).getTime(),
    ...attributionOf(r),
    status: r.status,
    public: r.public,
    published: r.published,
    personalData: r.personal_data,
    repliedAt: r.replied_at,
    contactEmail: r.contact_email,
  };
}

export function toServiceArea(r: Row): ServiceArea {
  return { id: r.id, name: r.name, ...(r.official_id !== null && { officialId: r.official_id }) };
}

export function toTopic(r: Row): Topic {
  return { id: r.id, name: r.name, serviceAreaId: r.service_area_id, officialId: r.official_id, forBusinesses: r.for_businesses };
}

export function toOfficial(r: Row): Official {
  return { id: r.id, name: r.name, title: r.title, email: r.email, serviceAreaId: r.service_area_id, role: r.role, active: r.active };
}

export function toLink(r: Row): SignatureLink {
  return {
    id: r.id,
    token: r.token,
    officialId: r.official_id,
    serviceAreaId: r.service_area_id,
    channel: r.channel,
    createdAt: iso(r.created_at)!,
    revokedAt: iso(r.revoked_at),
  };
}

export function toAuditEntry(r: Row): AuditEntry {
  return {
    at: iso(r.at)!,
    actorId: r.actor_id,
    action: r.action,
    feedbackId: r.feedback_id,
    ...(r.target_id !== null && { targetId: r.target_id }),
    detail: r.detail,
  };
}

export function toLoginKey(r: Row): LoginKey {
  return { keyHash: r.key_hash, officialId: r.official_id, expiresAt: iso(r.expires_at)!, usedAt: iso(r.used_at) };
}

export function toSession(r: Row): Session {
  return { idHash: r.id_hash, officialId: r.official_id, createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at)! };
}
