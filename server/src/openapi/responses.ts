import { z } from 'zod';
import {
  LOCALES,
  type AdminDirectory,
  type AuditEntryView,
  type AdminApiKey,
  API_KEY_SCOPES,
  RATINGS,
  ROLES,
  type CouncilFeedbackItem,
  type FeedbackCreated,
  type FeedbackStatusView,
  type HistoryEntry,
  type LinkInfo,
  type LinkWithSnippets,
  type Me,
  type MyDeputies,
  type MyScoresResponse,
  type PublicFeedbackPage,
  type ReplyTemplate,
  type SignInMethods,
  type StaffFeedbackDetail,
  type StaffFeedbackItem,
  type StatsResponse,
  type TeamResponse,
  type TeamScoresResponse,
  type TopicsResponse,
} from '../../../contract/api.js';
import { CHANNELS, STATUSES, type Official, type ServiceArea, type Topic } from '../domain/model.js';
import type { Holds, MatchesContract } from '../domain/type-checks.js';

/**
 * What the API answers, as schemas for its description. Each is checked at compile time
 * against its type in contract/api.ts (which the server's views and the widget use), so
 * the description cannot drift from what is sent.
 */

const time = z.string().meta({ description: 'An ISO 8601 instant, UTC (`2026-11-27T09:30:00.000Z`).', format: 'date-time' });
const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string()])) as Record<(typeof LOCALES)[number], z.ZodString>).meta({ id: 'LocalizedText', description: 'A text in each of the city’s languages.' });
const named = z.object({ id: z.string(), name: z.string() });
const locale = z.enum(LOCALES);
const status = z.enum(STATUSES).meta({ description: '`new`, `in-progress`, `answered` or `closed`.' });
const channel = z.enum(CHANNELS);
const contact = z
  .object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional(), organisation: z.string().optional(), businessId: z.string().optional() })
  .meta({ id: 'Contact', description: 'How the giver can be reached, as stored: email and phone in one form (`+358401234567`), the Finnish Business ID as `0112038-9`.' });

export const feedbackCreated = z
  .object({
    id: z.string().meta({ description: 'The feedback’s reference, shown to the giver.' }),
    editKey: z.string().meta({ description: 'Lets the same browser change what it sent, with `PATCH /api/feedback/{id}`, for 15 minutes.' }),
  })
  .meta({ id: 'FeedbackCreated' });

export const topicsResponse = z
  .object({
    locale,
    topics: z.array(z.object({ id: z.string(), name: z.string(), serviceArea: named, forBusinesses: z.boolean().meta({ description: 'The form also asks for the organisation and its Business ID.' }) })),
    privacyUrl: z.string().optional().meta({ description: 'The city’s privacy notice in this language (`SUORA_PRIVACY_URL`), absolute; absent when none is set.' }),
  })
  .meta({ id: 'Topics' });

export const linkInfo = z
  .object({
    channel: z.enum(['email', 'sms']),
    official: z.object({ name: z.string(), title: z.string() }).nullable().meta({ description: 'Null when the link’s owner no longer receives feedback: the page names the area only.' }),
    serviceArea: z.object({ id: z.string(), name: localized }),
    privacyUrl: localized.optional().meta({ description: 'The city’s privacy notice in each language (`SUORA_PRIVACY_URL`), absolute; absent when none is set.' }),
  })
  .meta({ id: 'LinkInfo' });

const publicItem = {
  id: z.string(),
  createdAt: time,
  topic: named.nullable(),
  serviceArea: named,
  rating: z.number().int().min(1).max(5).nullable(),
  comment: z.string().nullable().meta({ description: 'As published: personal data may be redacted.' }),
  reply: z.object({ text: z.string(), at: time }).nullable(),
};

export const publicFeedbackPage = z
  .object({
    items: z.array(z.object(publicItem)),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    timeZone: z.string().meta({ description: 'The city’s IANA time zone: dates are shown as its clocks show them.' }),
  })
  .meta({ id: 'PublicFeedbackPage' });

export const statusView = z
  .object({
    id: z.string(),
    createdAt: time,
    locale,
    topic: z.string().nullable(),
    status,
    dueAt: time.nullable(),
    reply: z.object({ text: z.string(), at: time }).nullable(),
    timeZone: z.string(),
  })
  .meta({ id: 'FeedbackStatusView' });

export const signInMethods = z.object({ emailLink: z.literal(true), singleSignOn: z.boolean() }).meta({ id: 'SignInMethods' });
export const accepted = z.object({ message: z.string() }).meta({ description: 'The same words whatever the address.' });

export const me = z
  .object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    role: z.enum(ROLES),
    serviceArea: z.object({ id: z.string(), name: localized }),
    locale: locale.meta({ description: 'The language of the mail Suora sends them.' }),
    timeZone: z.string(),
  })
  .meta({ id: 'Me' });

const scores = z
  .object({
    count: z.number().int().meta({ description: 'All items, rated or not.' }),
    rated: z.number().int(),
    mean: z.number().nullable().meta({ description: 'Mean rating, 1–5; null without ratings.' }),
    csat: z.number().nullable().meta({ description: 'Share of ratings 4–5, in %; null without ratings.' }),
    distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]).meta({ description: `How many ratings of ${RATINGS.join(', ')}.` }),
  })
  .meta({ id: 'Scores' });
const byPeriod = z.array(z.object({ period: z.string().meta({ description: '`2026-W48` (ISO week) or `2026-11`, in the city’s time zone.' }), scores }));
const group = z.object({ key: z.string(), label: z.string(), scores, byPeriod }).meta({ id: 'GroupScores' });
const period = z.enum(['week', 'month']);

const withPeriods = z.object({ scores, byPeriod });
const areaFigure = scores.nullable().meta({ description: 'Null where fewer than 5 ratings, routed to fewer than 2 other people, stand behind it: it would reveal a colleague’s ratings.' });
const ownGroup = group.extend({ area: areaFigure }).meta({ id: 'OwnGroupScores' });
/** The city's days a dashboard counted (`from`, `to` of the query, or their defaults). */
const days = z
  .object({
    from: z.string().meta({ format: 'date', description: 'The first day counted, the city’s date.' }),
    to: z.string().nullable().meta({ format: 'date', description: 'The last day counted; null: up to now.' }),
  })
  .meta({ id: 'DayRange' });
export const myScores = z
  .object({
    period,
    days,
    total: scores,
    byPeriod,
    byLink: z.array(ownGroup).meta({ description: 'Each beside the area’s figures over the same periods, first to last.' }),
    byRef: z.array(ownGroup).meta({ description: 'Each beside the area’s figures over the same periods, first to last.' }),
    byChannel: z.array(ownGroup).meta({ description: 'Each beside the area’s figures through the same channel.' }),
    area: named
      .extend({ scores: areaFigure, byPeriod: z.array(z.object({ period: byPeriod.element.shape.period, scores: areaFigure })) })
      .meta({ description: 'Their service area’s figures (all of its feedback), to set their own beside.' }),
  })
  .meta({ id: 'MyScores' });
export const team = z.object({ area: named, officials: z.array(named) }).meta({ id: 'Team' });
export const teamScores = z
  .object({ period, days, area: named, byOfficial: z.array(group), byLink: z.array(group), byRef: z.array(group), areaTotal: withPeriods, cityTotal: withPeriods })
  .meta({ id: 'TeamScores' });

const areaStats = {
  scores,
  byPeriod,
  byStatus: z.object({ new: z.number().int(), 'in-progress': z.number().int(), answered: z.number().int(), closed: z.number().int() }),
  medianHoursToAnswer: z.number().nullable().meta({ description: 'Median hours from arrival to the city’s reply; null with no replies.' }),
};
export const stats = z
  .object({
    period,
    days,
    total: z.object(areaStats),
    byServiceArea: z.array(z.object({ ...areaStats, key: z.string(), label: z.string() })),
    byTopic: z.array(z.object({ ...areaStats, key: z.string(), label: z.string(), forBusinesses: z.boolean() })),
  })
  .meta({ id: 'Stats' });

const councilItem = { ...publicItem, channel, status, published: z.boolean() };
export const councilFeedbackItem = z.object(councilItem).meta({ id: 'CouncilFeedbackItem', description: 'Feedback whose giver chose public, without contact data.' });

const staffItem = {
  ...councilItem,
  official: named,
  public: z.boolean(),
  originalComment: z.string().nullable().meta({ description: 'The comment as the giver wrote it; `comment` is what is (or would be) published.' }),
  contact: contact.nullable(),
  wantsReply: z.boolean(),
  ref: z.string().nullable(),
  linkId: z.string().nullable(),
  pageUrl: z.string().nullable(),
  locale,
  reply: z.object({ text: z.string(), at: time, author: z.string() }).nullable(),
  publishedReply: z.string().nullable().meta({ description: 'The reply as published, redacted; null: the reply as written.' }),
  dueAt: time.nullable().meta({ description: 'The last instant of the city’s day the answer is owed (response target, in working days).' }),
  overdue: z.boolean(),
  routedVia: z.object({ deputyFor: named }).nullable().meta({ description: 'A deputy covering for someone away; null: routed as usual.' }),
};
export const staffFeedbackItem = z.object(staffItem).meta({ id: 'StaffFeedbackItem', description: 'Everything about an item, for its routed official and admins.' });

const routing = z.object({ official: named, topic: named.nullable(), serviceArea: named });
const step = { at: time, actor: z.union([named, z.literal('giver'), z.literal('system')]) };
export const historyEntry = z
  .union([
    z.object({ ...step, kind: z.literal('received'), channel, routedBy: z.enum(['link', 'topic', 'area', 'official']), to: routing }),
    z.object({ ...step, kind: z.literal('forwarded'), from: routing, to: routing, note: z.string().nullable() }),
    z.object({ ...step, kind: z.literal('note'), text: z.string().nullable() }),
    z.object({ ...step, kind: z.literal('status'), from: status, to: status }),
    z.object({ ...step, kind: z.enum(['replied', 'reply-edited', 'published', 'withdrawn']) }),
  ])
  .meta({ id: 'HistoryEntry', description: 'One step of an item’s history. Notes are internal: null once the retention purge removed them.' });
export const staffFeedbackDetail = z.object({ ...staffItem, history: z.array(historyEntry) }).meta({ id: 'StaffFeedbackDetail' });

/** A page of a longer list. */
export function paged(item: z.ZodType) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int().meta({ description: '1-based.' }), pageSize: z.number().int() });
}

export const bulkStatusResult = z
  .object({
    results: z.array(
      z.union([
        z.object({ id: z.string(), ok: z.literal(true), status }),
        z.object({ id: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
      ]),
    ),
    changed: z.number().int().meta({ description: 'How many items now have the status.' }),
  })
  .meta({ id: 'BulkStatusResult', description: 'One result per id, in the order sent.' });

export const handlers = z.object({ officials: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), serviceArea: named })) }).meta({ id: 'Handlers' });

const deputyship = z.object({ id: z.string(), official: named, deputy: named, from: z.string().meta({ format: 'date' }), to: z.string().meta({ format: 'date' }) });
export const deputyshipView = deputyship.meta({ id: 'Deputyship', description: 'A period away with its deputy: the city’s dates, both inclusive.' });
export const myDeputies = z.object({ absences: z.array(deputyship), covering: z.array(deputyship), candidates: z.array(named) }).meta({ id: 'Deputies' });

export const replyTemplate = z.object({ id: z.string(), name: z.string(), serviceAreaId: z.string().nullable(), text: localized }).meta({ id: 'ReplyTemplate' });

export const linkWithSnippets = z
  .object({
    id: z.string(),
    channel: z.enum(['email', 'sms']),
    official: named,
    serviceArea: z.object({ id: z.string(), name: localized }),
    createdAt: time,
    revokedAt: time.nullable(),
    url: z.string().meta({ description: 'The survey link, `/s/TOKEN` on the public origin.' }),
    html: z.string().nullable().meta({ description: 'The email signature snippet (null for SMS).' }),
    text: z.string().meta({ description: 'The plain-text snippet.' }),
  })
  .meta({ id: 'LinkWithSnippets' });

export const serviceArea = z
  .object({
    id: z.string(),
    name: localized,
    officialId: z.string().optional().meta({ description: 'Receives feedback given to the area without a topic.' }),
    retired: z.boolean().meta({ description: 'No longer offered: its topics leave the widget; its feedback and figures stay.' }),
  })
  .meta({ id: 'ServiceArea' });
export const topic = z
  .object({
    id: z.string(),
    name: localized,
    serviceAreaId: z.string(),
    officialId: z.string().meta({ description: 'The responsible official: where its feedback is routed.' }),
    forBusinesses: z.boolean(),
    targetDays: z.number().int().meta({ description: 'The response target in working days (Monday to Friday, Finnish public holidays excluded), 1–60.' }),
    retired: z.boolean().meta({ description: 'No longer offered; its feedback stays.' }),
  })
  .meta({ id: 'Topic' });
export const official = z
  .object({ id: z.string(), name: z.string(), title: z.string(), email: z.string(), serviceAreaId: z.string(), role: z.enum(ROLES), active: z.boolean(), locale })
  .meta({ id: 'Official' });

export const adminDirectory = z
  .object({
    serviceAreas: z.array(serviceArea),
    topics: z.array(topic),
    officials: z.array(official),
    problems: z
      .array(
        z.union([
          z.object({ code: z.literal('duplicate_email'), officialIds: z.array(z.string()), message: z.string() }),
          z.object({ code: z.literal('ineligible_owner'), owner: z.enum(['topic', 'serviceArea', 'link']), id: z.string(), officialId: z.string(), message: z.string() }),
        ]),
      )
      .meta({ description: 'Directory data that breaks the routing rules.' }),
  })
  .meta({ id: 'AdminDirectory' });

export const auditEntry = z
  .object({
    at: time,
    actorId: z.string().nullable().meta({ description: 'Null: the server itself.' }),
    action: z.string().meta({ description: 'One of `AUDIT_ACTIONS` (contract/audit-detail.ts).' }),
    feedbackId: z.string().nullable(),
    targetId: z.string().nullable().optional(),
    detail: z.string().nullable().meta({ description: 'Ids and enumerations only, never contact data or free text.' }),
  })
  .meta({ id: 'AuditEntry' });

export const adminApiKey = z
  .object({
    id: z.string().meta({ description: 'Revoke it by this id.' }),
    name: z.string().meta({ description: 'How the audit log names the client.' }),
    scope: z.enum(API_KEY_SCOPES),
    createdAt: time,
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable().meta({ description: 'The admin who made it here; null: made at the command line.' }),
    lastUsedAt: time.nullable().meta({ description: 'Written at most once a minute.' }),
    revokedAt: time.nullable(),
  })
  .meta({ id: 'ApiKey', description: 'Never the key, nor its hash.' });

// Each schema says what its contract type says: a field on one side only fails to compile here.
type _Contract = [
  Holds<MatchesContract<z.output<typeof feedbackCreated>, FeedbackCreated>>,
  Holds<MatchesContract<z.output<typeof topicsResponse>, TopicsResponse>>,
  Holds<MatchesContract<z.output<typeof linkInfo>, LinkInfo>>,
  Holds<MatchesContract<z.output<typeof publicFeedbackPage>, PublicFeedbackPage>>,
  Holds<MatchesContract<z.output<typeof statusView>, FeedbackStatusView>>,
  Holds<MatchesContract<z.output<typeof signInMethods>, SignInMethods>>,
  Holds<MatchesContract<z.output<typeof me>, Me>>,
  Holds<MatchesContract<z.output<typeof myScores>, MyScoresResponse>>,
  Holds<MatchesContract<z.output<typeof team>, TeamResponse>>,
  Holds<MatchesContract<z.output<typeof teamScores>, TeamScoresResponse>>,
  Holds<MatchesContract<z.output<typeof stats>, StatsResponse>>,
  Holds<MatchesContract<z.output<typeof councilFeedbackItem>, CouncilFeedbackItem>>,
  Holds<MatchesContract<z.output<typeof staffFeedbackItem>, StaffFeedbackItem>>,
  Holds<MatchesContract<z.output<typeof staffFeedbackDetail>, StaffFeedbackDetail>>,
  Holds<MatchesContract<z.output<typeof historyEntry>, HistoryEntry>>,
  Holds<MatchesContract<z.output<typeof myDeputies>, MyDeputies>>,
  Holds<MatchesContract<z.output<typeof replyTemplate>, ReplyTemplate>>,
  Holds<MatchesContract<z.output<typeof linkWithSnippets>, LinkWithSnippets>>,
  Holds<MatchesContract<z.output<typeof serviceArea>, ServiceArea>>,
  Holds<MatchesContract<z.output<typeof topic>, Topic>>,
  Holds<MatchesContract<z.output<typeof official>, Official>>,
  Holds<MatchesContract<z.output<typeof adminDirectory>, AdminDirectory>>,
  Holds<MatchesContract<z.output<typeof auditEntry>, AuditEntryView>>,
  Holds<MatchesContract<z.output<typeof adminApiKey>, AdminApiKey>>,
];
