import type { AuditEntry, Deputyship, Feedback, LoginKey, Official, ReplyTemplate, ServiceArea, Session, SignatureLink, Topic } from '../../domain/model.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';

/** How the PostgreSQL store's rows map to the domain's objects, and feedback back to a row. */

/** Timestamps come back from pg as Date; the domain keeps ISO strings. */
const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/**
 * How each field of a feedback item is kept in the `feedback` table: its column, and how
 * its value is written (`$n` parameters) and read back. One line per field: the column
 * list, an item's values and the item read from a row all follow from it, and a field
 * added to `Feedback` fails to compile until it has its line here (and its migration).
 */
const FEEDBACK_TABLE = {
  id: column('id'),
  createdAt: time('created_at'),
  channel: column('channel'),
  topicId: column('topic_id'),
  serviceAreaId: column('service_area_id'),
  officialId: column('official_id'),
  linkId: column('link_id'),
  ref: column('ref'),
  rating: column('rating'),
  comment: column('comment'),
  public: column('public'),
  contact: json('contact'),
  wantsReply: column('wants_reply'),
  pageUrl: column('page_url'),
  locale: column('locale'),
  status: column('status'),
  reply: json('reply'),
  published: column('published'),
  publishedComment: column('published_comment'),
  publishedAt: time('published_at'),
  editKeyHash: column('edit_key_hash'),
  editableUntil: time('editable_until'),
  purgedAt: time('purged_at'),
  publishedReply: column('published_reply'),
  dueAt: time('due_at'),
  statusKeyHash: column('status_key_hash'),
  routedVia: json('routed_via'),
} satisfies { [K in keyof Required<Feedback>]: Column };

interface Column {
  name: string;
  /** The value as a query parameter; an absent optional field is NULL. */
  write(value: unknown): unknown;
  read(value: unknown): unknown;
}

function column(name: string): Column {
  return { name, write: (value) => value ?? null, read: (value) => value };
}

/** jsonb: written as JSON text, read back parsed by pg. */
function json(name: string): Column {
  return { name, write: (value) => (value == null ? null : JSON.stringify(value)), read: (value) => value };
}

/** timestamptz: written as the item's ISO string, read back (a Date from pg) as one. */
function time(name: string): Column {
  return { name, write: (value) => value ?? null, read: (value) => iso(value as Date | null) };
}

const FEEDBACK_FIELDS = Object.entries(FEEDBACK_TABLE) as [keyof Feedback, Column][];

export const FEEDBACK_COLUMNS = FEEDBACK_FIELDS.map(([, c]) => c.name).join(', ');
export const FEEDBACK_COLUMN_COUNT = FEEDBACK_FIELDS.length;
/** What the retention purge removes is there (as `holdsPersonalData` in domain/feedback-facts.ts decides it). */
export const PERSONAL_DATA = `(contact IS NOT NULL OR comment IS NOT NULL OR coalesce(published_comment, '') <> '' OR coalesce(published_reply, '') <> ''
  OR page_url IS NOT NULL OR wants_reply OR coalesce(reply->>'text', '') <> '')`;
/** The giver's email as access and erasure match it: trimmed, lower case (indexed: migration 5). */
export const CONTACT_EMAIL = `lower(btrim(contact->>'email'))`;
/** An item's facts (`FeedbackFacts`), worked out in the query: no text leaves the database. */
export const FACTS_COLUMNS = `id, created_at, channel, topic_id, service_area_id, official_id, link_id, ref, rating, status, public,
  published, ${PERSONAL_DATA} AS personal_data, reply->>'at' AS replied_at, ${CONTACT_EMAIL} AS contact_email, due_at, status_key_hash`;

type Row = Record<string, any>;

/** An item's values, in the order of `FEEDBACK_COLUMNS`. */
export function feedbackValues(f: Feedback): unknown[] {
  return FEEDBACK_FIELDS.map(([field, c]) => c.write(f[field]));
}

/** An item from a row selected with `FEEDBACK_COLUMNS`. */
export function toFeedback(r: Row): Feedback {
  return Object.fromEntries(FEEDBACK_FIELDS.map(([field, c]) => [field, c.read(r[c.name])])) as unknown as Feedback;
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
    dueMs: r.due_at === null ? null : (r.due_at as Date).getTime(),
    statusKeyHash: r.status_key_hash,
  };
}

export function toServiceArea(r: Row): ServiceArea {
  return { id: r.id, name: r.name, ...(r.official_id !== null && { officialId: r.official_id }), retired: r.retired };
}

export function toTopic(r: Row): Topic {
  return { id: r.id, name: r.name, serviceAreaId: r.service_area_id, officialId: r.official_id, forBusinesses: r.for_businesses, retired: r.retired, targetDays: r.target_days };
}

export function toOfficial(r: Row): Official {
  return { id: r.id, name: r.name, title: r.title, email: r.email, serviceAreaId: r.service_area_id, role: r.role, active: r.active, locale: r.locale };
}

/** A `date` column read as the local date it holds (pg's own text, no time zone applied). */
export function toDeputyship(r: Row): Deputyship {
  return { id: r.id, officialId: r.official_id, deputyId: r.deputy_id, from: r.from_day, to: r.to_day };
}

export function toReplyTemplate(r: Row): ReplyTemplate {
  return { id: r.id, name: r.name, serviceAreaId: r.service_area_id, text: r.text };
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
