import { z } from 'zod';
import { LOCALES, MAIL_FAILURES, MAIL_KINDS, type ContactInput, type Locale } from '../../../contract/api.js';
import {
  API_KEY_SCOPES,
  AUDIT_ACTIONS,
  CHANNELS,
  LINK_CHANNELS,
  ROLES,
  STATUSES,
  type ApiKey,
  type AuditEntry,
  type Feedback,
  type FeedbackEvent,
  type LocalizedText,
  type LoginKey,
  type MailBlock,
  type QueuedMail,
  type QueuedSms,
  type Official,
  type Deputyship,
  type Reply,
  type ReplyTemplate,
  type RoutedVia,
  type Routing,
  type ServiceArea,
  type Session,
  type SignatureLink,
  type Topic,
} from './model.js';
import { DEFAULT_TARGET_DAYS } from './response-target.js';

/*
 * The shapes of model.ts's records as a store keeps them: what a stored record must be
 * before it is used. Values were validated when they came in (see validation.ts); here
 * only what no stored record can lack: ids are not empty, a rating is a whole number from
 * 1 to 5 or none, statuses and channels are known ones. Dates stay strings here. Each is checked against its type at compile
 * time (below), so a field added to the model fails the build until its shape says how it
 * is stored. Fields a record has beyond these are kept, not refused.
 */

const text = z.string();
const nullableText = z.string().nullable();
/** An id, or a reference to one. */
const id = z.string().min(1, { error: 'an id cannot be empty' });

/** A name in each of the city's languages (`LOCALES`). */
const localizedTextShape = z.object(Object.fromEntries(LOCALES.map((locale) => [locale, text])) as Record<Locale, typeof text>);

// Areas written before areas could be retired are in use.
export const serviceAreaShape = z.object({ id, name: localizedTextShape, officialId: id.optional(), retired: z.boolean().default(false) });

export const topicShape = z.object({
  id,
  name: localizedTextShape,
  serviceAreaId: id,
  officialId: id,
  forBusinesses: z.boolean(),
  // Topics stored before response targets have the default.
  targetDays: z.number().int().min(1).max(60).default(DEFAULT_TARGET_DAYS),
  // Topics written before topics could be retired are in use.
  retired: z.boolean().default(false),
});

export const officialShape = z.object({
  id,
  name: text,
  title: text,
  email: text,
  serviceAreaId: id,
  role: z.enum(ROLES),
  // Records written before people could leave lack it: they are active.
  active: z.boolean().default(true),
  // Records written before officials had a language get the city's first one.
  locale: z.enum(LOCALES).default('fi'),
});

export const signatureLinkShape = z.object({
  id,
  token: id,
  officialId: id,
  serviceAreaId: id,
  channel: z.enum(LINK_CHANNELS),
  createdAt: text,
  revokedAt: nullableText,
});

const contactShape = z.object({
  name: text.optional(),
  email: text.optional(),
  phone: text.optional(),
  organisation: text.optional(),
  businessId: text.optional(),
});

const replyShape = z.object({ text, authorId: id, at: text });

const routedViaShape = z.object({ deputyFor: id });

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date is YYYY-MM-DD' });

export const deputyshipShape = z.object({ id, officialId: id, deputyId: id, from: localDate, to: localDate });

export const replyTemplateShape = z.object({ id, name: text, serviceAreaId: id.nullable(), text: localizedTextShape });

export const feedbackShape = z.object({
  id,
  createdAt: text,
  channel: z.enum(CHANNELS),
  topicId: id.nullable(),
  serviceAreaId: id,
  officialId: id,
  linkId: id.nullable(),
  ref: nullableText,
  rating: z.number().int({ error: 'a rating is a whole number from 1 to 5' }).min(1, { error: 'a rating is a whole number from 1 to 5' }).max(5, { error: 'a rating is a whole number from 1 to 5' }).nullable(),
  comment: nullableText,
  public: z.boolean(),
  contact: contactShape.nullable(),
  wantsReply: z.boolean(),
  pageUrl: nullableText,
  locale: z.enum(LOCALES),
  status: z.enum(STATUSES),
  reply: replyShape.nullable(),
  published: z.boolean(),
  publishedComment: nullableText.optional(),
  publishedReply: nullableText.optional(),
  publishedAt: nullableText.optional(),
  purgedAt: nullableText.optional(),
  editKeyHash: text,
  editableUntil: text,
  dueAt: nullableText.optional(),
  statusKeyHash: nullableText.optional(),
  routedVia: routedViaShape.nullable().optional(),
});

const routingShape = z.object({ officialId: id, topicId: id.nullable(), serviceAreaId: id });

export const feedbackEventShape = z.intersection(
  z.object({ at: text, actorId: id.nullable() }),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('forwarded'), from: routingShape, to: routingShape, text: nullableText }),
    z.object({ kind: z.literal('note'), text: nullableText }),
    z.object({ kind: z.literal('status'), from: z.enum(STATUSES), to: z.enum(STATUSES) }),
    z.object({ kind: z.enum(['replied', 'reply-edited', 'published']) }),
    z.object({ kind: z.literal('withdrawn'), cause: z.enum(['giver-edit', 'reply-changed']).optional() }),
  ]),
);

export const loginKeyShape = z.object({ keyHash: id, officialId: id, expiresAt: text, usedAt: nullableText });

export const sessionShape = z.object({ idHash: id, officialId: id, createdAt: text, expiresAt: text });

export const apiKeyShape = z.object({
  id,
  name: id,
  scope: z.enum(API_KEY_SCOPES),
  keyHash: id,
  createdAt: text,
  // Absent in keys stored before the dashboard could make them (read as null: integrations-file.ts).
  createdBy: id.nullable().default(null),
  lastUsedAt: nullableText,
  revokedAt: nullableText,
});

export const auditEntryShape = z.object({
  at: text,
  actorId: id.nullable(),
  action: z.enum(AUDIT_ACTIONS),
  feedbackId: id.nullable(),
  targetId: nullableText.optional(),
  detail: nullableText,
});

const mailBlock: z.ZodType<MailBlock> = z.lazy(() =>
  z.union([text, z.strictObject({ quote: text }), z.strictObject({ link: text }), z.strictObject({ item: z.array(mailBlock) })]),
);

export const queuedMailShape = z.object({
  id,
  kind: z.enum(MAIL_KINDS),
  to: text,
  locale: z.enum(LOCALES),
  subject: text,
  body: z.array(mailBlock),
  replyTo: nullableText,
  about: z.array(id),
  officialId: id.nullable(),
  createdAt: text,
  attempts: z.number().int().min(0),
  nextAttemptAt: nullableText,
  claimedUntil: nullableText,
  failure: z.object({ code: z.enum(MAIL_FAILURES), smtpCode: z.number().int().nullable(), at: text }).nullable(),
});

export const queuedSmsShape = z.object({
  id,
  to: nullableText,
  text: nullableText,
  officialId: id,
  createdAt: text,
  attempts: z.number().int().min(0),
  nextAttemptAt: nullableText,
  claimedUntil: nullableText,
  failure: z.object({ reason: text, at: text }).nullable(),
});

/** True when A and B have the same fields and each is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
type Assert<T extends true> = T;

/** The compile-time check that each shape is its model type: a build error names the one that drifted. */
export type ShapesMatchTheModel = [
  Assert<Same<z.infer<typeof localizedTextShape>, LocalizedText>>,
  Assert<Same<z.infer<typeof serviceAreaShape>, ServiceArea>>,
  Assert<Same<z.infer<typeof topicShape>, Topic>>,
  Assert<Same<z.infer<typeof officialShape>, Official>>,
  Assert<Same<z.infer<typeof signatureLinkShape>, SignatureLink>>,
  Assert<Same<z.infer<typeof contactShape>, ContactInput>>,
  Assert<Same<z.infer<typeof replyShape>, Reply>>,
  Assert<Same<z.infer<typeof feedbackShape>, Feedback>>,
  Assert<Same<z.infer<typeof routingShape>, Routing>>,
  Assert<Same<z.infer<typeof feedbackEventShape>, FeedbackEvent>>,
  Assert<Same<z.infer<typeof loginKeyShape>, LoginKey>>,
  Assert<Same<z.infer<typeof sessionShape>, Session>>,
  Assert<Same<z.infer<typeof apiKeyShape>, ApiKey>>,
  Assert<Same<z.infer<typeof auditEntryShape>, AuditEntry>>,
  Assert<Same<z.infer<typeof routedViaShape>, RoutedVia>>,
  Assert<Same<z.infer<typeof deputyshipShape>, Deputyship>>,
  Assert<Same<z.infer<typeof replyTemplateShape>, ReplyTemplate>>,
  Assert<Same<z.infer<typeof queuedMailShape>, QueuedMail>>,
  Assert<Same<z.infer<typeof queuedSmsShape>, QueuedSms>>,
];
