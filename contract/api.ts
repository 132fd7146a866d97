/**
 * The HTTP contract between the Suora server and its clients (the widget, the dashboards,
 * a city's own integrations). Types only: the widget imports this file with `import type`,
 * so no server code reaches the browser bundle. The server's validation schemas are
 * checked against these types at compile time (see domain/validation.ts).
 */

export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** A text in each of the city's languages. */
export type LocalizedText = Record<Locale, string>;

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

export const COMMENT_MAX_LENGTH = 4000;

/** `GET /api/topics?locale=fi` */
export interface TopicsResponse {
  locale: Locale;
  topics: TopicSummary[];
  /** The city's privacy notice in this locale (SUORA_PRIVACY_URL), for the form to link; absent when none is set. */
  privacyUrl?: string;
}

export interface TopicSummary {
  id: string;
  /** In the requested locale. */
  name: string;
  serviceArea: { id: string; name: string };
  /** The form also asks for the organisation and its Finnish Business ID. */
  forBusinesses: boolean;
}

/** How a giver can be reached; every field optional. */
export interface ContactInput {
  name?: string;
  email?: string;
  phone?: string;
  organisation?: string;
  /** Finnish Business ID (Y-tunnus), e.g. `0123456-7`. */
  businessId?: string;
}

/** `POST /api/feedback` body. At least a rating or a comment. */
export interface FeedbackSubmission {
  topic?: string;
  serviceArea?: string;
  official?: string;
  token?: string;
  ref?: string;
  rating?: number;
  comment?: string;
  /** The giver allows publication (default `false`). */
  public?: boolean;
  contact?: ContactInput;
  wantsReply?: boolean;
  pageUrl?: string;
  locale?: Locale;
  /** Honeypot: a field people never see. Must be empty. */
  website?: string;
  /** Milliseconds from showing the form to sending it; under a second is a bot's pace. */
  fillMs?: number;
  /**
   * How the survey page saw a person press to send this (widget/src/survey/human-press.ts).
   * Required with `token`: an answer through a survey link that no page judged is not counted.
   */
  press?: PressKind;
}

/** A person's press as the survey page tells it: mouse or pen, touch, keyboard, or assistive technology. */
export const PRESS_KINDS = ['pointer', 'touch', 'key', 'assistive'] as const;
export type PressKind = (typeof PRESS_KINDS)[number];

/** Forms take at least this long to fill in; the widget waits out the rest before sending. */
export const MIN_FILL_MS = 1000;

/** `201` answer to `POST /api/feedback`. */
export interface FeedbackCreated {
  /** The feedback's reference, shown to the giver. */
  id: string;
  /** Lets the same browser change what it just sent, for a limited time. */
  editKey: string;
}

/** `PATCH /api/feedback/:id` body from the giver's browser, within the edit window. */
export interface FeedbackEdit {
  editKey: string;
  rating?: number;
  comment?: string;
  public?: boolean;
  contact?: ContactInput;
  wantsReply?: boolean;
  locale?: Locale;
}

/** `GET /api/links/:token`: who a survey link asks for. */
export interface LinkInfo {
  channel: 'email' | 'sms';
  /** Who gets the answers; null when the link's owner can no longer receive feedback: the page then names the service area only. */
  official: { name: string; title: string } | null;
  serviceArea: { id: string; name: LocalizedText };
  /** The city's privacy notice in each language (SUORA_PRIVACY_URL), for the survey to link; absent when none is set. */
  privacyUrl?: LocalizedText;
}

/** Every 4xx and 5xx answer. */
export interface ErrorResponse {
  error: {
    code: string;
    message: string;
    /** Per field (a dotted path such as `contact.email`): what is wrong with it. */
    fields?: Record<string, string>;
  };
}

/** Score figures for any set of feedback. */
export interface Scores {
  /** All items, rated or not. */
  count: number;
  /** Items with a rating. */
  rated: number;
  /** Mean rating, 1–5, or null without ratings. */
  mean: number | null;
  /** Share of ratings 4–5, in %, or null without ratings. */
  csat: number | null;
  /** How many ratings of 1, 2, 3, 4, 5. */
  distribution: [number, number, number, number, number];
}

export interface ScoresByPeriod {
  /** `2026-W48` (ISO week) or `2026-11`. */
  period: string;
  scores: Scores;
}

export interface GroupScores {
  key: string;
  /** What the key stands for, for people (a link's channel and area, a topic's name). */
  label: string;
  scores: Scores;
  byPeriod: ScoresByPeriod[];
}

/** `GET /api/me/scores?period=week|month` */
export interface MyScoresResponse {
  period: 'week' | 'month';
  /** The city's days counted (`?from=&to=`, default the last 12 months); `to` null: up to now. */
  days: DayRangeShown;
  total: Scores;
  byPeriod: ScoresByPeriod[];
  /** Each beside the area's figures over the same periods, first to last. */
  byLink: OwnGroupScores[];
  byRef: OwnGroupScores[];
  /** Each beside the area's figures through the same channel. */
  byChannel: OwnGroupScores[];
  /**
   * Their service area's figures (all of its feedback), to set their own beside; any of them
   * null where too few others' ratings stand behind it (see AREA_MIN_RATINGS).
   */
  area: { id: string; name: string; scores: Scores | null; byPeriod: AreaByPeriod[] };
}

/**
 * An area figure stands beside an official's own only with at least this many ratings of
 * others' feedback behind it, routed to at least `AREA_MIN_PEOPLE` other people: fewer, and
 * the area's figure minus their own would show a colleague's ratings.
 */
export const AREA_MIN_RATINGS = 5;
export const AREA_MIN_PEOPLE = 2;

/** An official's own group with the area's figures beside it (null: too few others' ratings to show). */
export interface OwnGroupScores extends GroupScores {
  area: Scores | null;
}

/** The area's figures in one period (null: too few others' ratings to show). */
export interface AreaByPeriod {
  period: string;
  scores: Scores | null;
}

/** Scores in total and per period. */
export interface ScoresWithPeriods {
  scores: Scores;
  byPeriod: ScoresByPeriod[];
}

/** `GET /api/team`, for a manager: their area and its active people, by name. */
export interface TeamResponse {
  area: { id: string; name: string };
  officials: { id: string; name: string }[];
}

/**
 * `GET /api/team/scores?period=week|month`, for a manager: their service area's feedback
 * (of the area, or routed to its people) per official of the area, per survey link and per
 * message reference, beside the area's total and the whole city's.
 */
export interface TeamScoresResponse {
  period: 'week' | 'month';
  /** The city's days counted (`?from=&to=`, default the last 12 months); `to` null: up to now. */
  days: DayRangeShown;
  area: { id: string; name: string };
  /** Every official of the area, by name, with or without feedback. */
  byOfficial: GroupScores[];
  byLink: GroupScores[];
  byRef: GroupScores[];
  areaTotal: ScoresWithPeriods;
  cityTotal: ScoresWithPeriods;
}

/** Local dates `YYYY-MM-DD`, both included. */
export interface DayRangeShown {
  from: string;
  to: string | null;
}

/** `GET /api/stats?period=week|month&from=&to=` */
export interface StatsResponse {
  period: 'week' | 'month';
  /** The city's days counted (default the last 12 months); `to` null: up to now. */
  days: DayRangeShown;
  total: AreaStats;
  byServiceArea: (AreaStats & { key: string; label: string })[];
  byTopic: (AreaStats & { key: string; label: string; forBusinesses: boolean })[];
}

export interface AreaStats {
  scores: Scores;
  byPeriod: ScoresByPeriod[];
  byStatus: Record<'new' | 'in-progress' | 'answered' | 'closed', number>;
  /** Median hours from arrival to the city's reply, or null with no replies. */
  medianHoursToAnswer: number | null;
}

export type FeedbackStatus = 'new' | 'in-progress' | 'answered' | 'closed';

/** Feedback as the public page shows it: published items only, never contact data. */
export interface PublicFeedbackItem {
  id: string;
  createdAt: string;
  topic: { id: string; name: string } | null;
  serviceArea: { id: string; name: string };
  rating: number | null;
  comment: string | null;
  reply: { text: string; at: string } | null;
}

/** `GET /api/public/feedback?locale=&topic=&serviceArea=&page=` */
export interface PublicFeedbackPage {
  items: PublicFeedbackItem[];
  page: number;
  pageSize: number;
  total: number;
  /** The city's IANA time zone: dates are shown as its clocks show them. */
  timeZone: string;
}

/** A page of a longer list: `GET /api/me/feedback`, `GET /api/council/feedback`. */
export interface Paged<T> {
  items: T[];
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** What decision-makers read: feedback whose giver chose public, without contact data. */
export interface CouncilFeedbackItem extends PublicFeedbackItem {
  channel: 'widget' | 'email' | 'sms';
  status: FeedbackStatus;
  published: boolean;
}

/** What the routed official and admins read: everything. */
export interface StaffFeedbackItem extends CouncilFeedbackItem {
  official: { id: string; name: string };
  public: boolean;
  /** The comment as the giver wrote it; `comment` above is what is (or would be) published. */
  originalComment: string | null;
  contact: ContactInput | null;
  wantsReply: boolean;
  ref: string | null;
  linkId: string | null;
  pageUrl: string | null;
  locale: Locale;
  /** The reply as written; its published text is `publishedReply` when redacted. */
  reply: { text: string; at: string; author: string } | null;
  /** The reply's text as published, with personal data redacted; null: the reply as written. */
  publishedReply: string | null;
  /** The last instant of the city's day the answer is owed (response target); null for items from before targets. */
  dueAt: string | null;
  /** Open (new or in progress) and past `dueAt`. */
  overdue: boolean;
  /** Why it reached `official` other than by the routing rules: a deputy covering for someone away; null: routed as usual. */
  routedVia: { deputyFor: { id: string; name: string } } | null;
}

/** The inbox's orders (`GET /api/me/feedback?sort=`); the first is the default. `due`: soonest due first, items without a due date last. */
export const FEEDBACK_SORTS = ['newest', 'oldest', 'due'] as const;
export type FeedbackSort = (typeof FEEDBACK_SORTS)[number];

/** `GET /api/status/:key`: what the giver's status page shows. Never contact data, never internal notes. */
export interface FeedbackStatusView {
  id: string;
  createdAt: string;
  locale: Locale;
  topic: string | null;
  status: FeedbackStatus;
  dueAt: string | null;
  /** The city's reply once sent to the giver or published (as published, when redacted). */
  reply: { text: string; at: string } | null;
  timeZone: string;
}

/** `POST /api/feedback/bulk-status`: one status for many items, each checked as `PATCH /api/feedback/:id` checks it. */
export interface BulkStatusChange {
  /** 1 to `BULK_STATUS_MAX` item ids. */
  ids: string[];
  status: FeedbackStatus;
}

export const BULK_STATUS_MAX = 100;

/** The answer to a bulk status change: one result per id, in the order sent. */
export interface BulkStatusResult {
  results: ({ id: string; ok: true; status: FeedbackStatus } | { id: string; ok: false; code: string; message: string })[];
  /** How many items now have the status. */
  changed: number;
}

/** `POST /api/me/deputies` (and `/api/admin/officials/:id/deputies`): who handles new feedback while the official is away. */
export interface DeputyInput {
  /** The deputy's official id. */
  deputy: string;
  /** First and last day away, local dates of the city (`2026-12-21`), both inclusive. */
  from: string;
  to: string;
}

/** A period away with its deputy. */
export interface Deputyship {
  id: string;
  official: { id: string; name: string };
  deputy: { id: string; name: string };
  from: string;
  to: string;
}

/** `GET /api/me/deputies`: the official's own periods away, and those in which they cover for someone. */
export interface MyDeputies {
  absences: Deputyship[];
  covering: Deputyship[];
  /** Who may be chosen as the deputy: every active official and admin but the person, by name. */
  candidates: { id: string; name: string }[];
}

/** A reply template: for every area (`serviceAreaId` null) or one; its text in every language. */
export interface ReplyTemplate {
  id: string;
  name: string;
  serviceAreaId: string | null;
  text: LocalizedText;
}

/** `POST /api/admin/templates` (every field) and `PATCH /api/admin/templates/:id` (any of them). */
export interface ReplyTemplateInput {
  name: string;
  serviceAreaId?: string | null;
  text: LocalizedText;
}

/** Where an item is routed, as staff read it in its history. */
export interface RoutingView {
  official: { id: string; name: string };
  topic: { id: string; name: string } | null;
  serviceArea: { id: string; name: string };
}

/** Who did something to an item: an official, the giver, or the server itself. */
export type HistoryActor = { id: string; name: string } | 'giver' | 'system';

/**
 * One step in an item's history, oldest first. Notes and forward notes are internal:
 * only staff who may handle the item read them (`null` once the retention purge removed them).
 */
export type HistoryEntry = { at: string; actor: HistoryActor } & (
  | { kind: 'received'; channel: 'widget' | 'email' | 'sms'; routedBy: 'link' | 'topic' | 'area' | 'official'; to: RoutingView }
  | { kind: 'forwarded'; from: RoutingView; to: RoutingView; note: string | null }
  | { kind: 'note'; text: string | null }
  | { kind: 'status'; from: FeedbackStatus; to: FeedbackStatus }
  | { kind: 'replied' | 'reply-edited' | 'published' | 'withdrawn' }
);

/** `GET /api/feedback/:id`: the item and its history. */
export interface StaffFeedbackDetail extends StaffFeedbackItem {
  history: HistoryEntry[];
}

/** `GET /api/officials?locale=` (staff): whom feedback can be forwarded to, active handlers only, by name. */
export interface HandlersResponse {
  officials: { id: string; name: string; title: string; serviceArea: { id: string; name: string } }[];
}

export const NOTE_MAX_LENGTH = 2000;

/** `POST /api/feedback/:id/forward`: exactly one of `official` and `topic`, and why. */
export interface FeedbackForward {
  official?: string;
  topic?: string;
  note: string;
}

/** `POST /api/feedback/:id/notes` → 201 with the note as a `HistoryEntry`. */
export interface FeedbackNote {
  text: string;
}

/** `PATCH /api/feedback/:id` by the routed official or an admin. */
export interface FeedbackHandling {
  status?: FeedbackStatus;
  /** The city's answer; emailed to the giver when they asked for a reply. */
  reply?: string;
  /**
   * Whether the reply is emailed to the giver (who asked for one and gave an address).
   * Default: the first reply is, a corrected one is not: the giver hears of a correction
   * only when the official asks for it.
   */
  notify?: boolean;
}

/** `PUT /api/feedback/:id/publication`: approve for the public page, optionally redacted. */
export interface PublicationApproval {
  /** The comment with personal data removed; omitted: the original. */
  comment?: string;
  /** The reply with personal data removed (409 without a reply); omitted: the reply as written. */
  reply?: string;
}

/** `GET /api/me` */
export interface Me {
  id: string;
  name: string;
  title: string;
  role: Role;
  serviceArea: { id: string; name: LocalizedText };
  /** The language of the mail Suora sends them (`PATCH /api/me/settings`). */
  locale: Locale;
  /** The city's IANA time zone (`SUORA_TIME_ZONE`): dates are shown as its clocks show them. */
  timeZone: string;
}

/** A signature link with its snippets, for its official or an admin. */
export interface LinkWithSnippets {
  id: string;
  channel: 'email' | 'sms';
  official: { id: string; name: string };
  serviceArea: { id: string; name: LocalizedText };
  createdAt: string;
  revokedAt: string | null;
  url: string;
  html: string | null;
  text: string;
}

/** The roles of the people in the directory (DESIGN.md, "People, roles and access"). */
export const ROLES = ['official', 'manager', 'decision-maker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles whose holders handle feedback: only an active holder can own a topic, an area's
 * contact or a signature link, or have feedback routed to them.
 */
export const HANDLING_ROLES: readonly Role[] = ['official', 'manager', 'admin'];

/** An official as the admin view of `GET /api/admin/directory` shows them. */
export interface DirectoryOfficial {
  id: string;
  name: string;
  title: string;
  email: string;
  serviceAreaId: string;
  role: Role;
  active: boolean;
  /** The language of the mail Suora sends them. */
  locale: Locale;
}

/** Directory data that breaks the routing rules, reported to admins (and logged at start-up). */
export type DirectoryProblem =
  | { code: 'duplicate_email'; officialIds: string[]; message: string }
  | { code: 'ineligible_owner'; owner: 'topic' | 'serviceArea' | 'link'; id: string; officialId: string; message: string };

/** `GET /api/admin/directory`. */
export interface AdminDirectory {
  /** `retired`: no longer offered, nor its topics; its feedback stays (PATCH /api/admin/service-areas/:id `{ retired }`). */
  serviceAreas: { id: string; name: LocalizedText; officialId?: string; retired: boolean }[];
  /** `targetDays`: the response target in working days (1–60, default 5), set with POST/PATCH /api/admin/topics; `retired`: no longer offered. */
  topics: { id: string; name: LocalizedText; serviceAreaId: string; officialId: string; forBusinesses: boolean; targetDays: number; retired: boolean }[];
  officials: DirectoryOfficial[];
  problems: DirectoryProblem[];
}

/** One entry of `GET /api/admin/audit`: ids and enumerations, never contact data or free text. */
export interface AuditEntryView {
  at: string;
  actorId: string | null;
  /** One of `AUDIT_ACTIONS` (contract/audit-detail.ts). */
  action: string;
  feedbackId: string | null;
  targetId?: string | null;
  /** As `writeAuditDetail` writes it; `readAuditDetail` reads it back. */
  detail: string | null;
}


/** `GET /api/sign-in-methods`: what the signed-out dashboard offers. */
export interface SignInMethods {
  /** `POST /api/login-links`: a one-time link by email. Always offered. */
  emailLink: true;
  /** `GET /auth/oidc/login`: the city's single sign-on, when configured. */
  singleSignOn: boolean;
}

/** `POST /api/login-links`: always 202 with the same body, whether or not the address is known. */
export interface LoginLinkRequest {
  email: string;
  /** Where the mailed link lands after sign-in: a path on the dashboard, e.g. `/dashboard#feedback/ID`. */
  next?: string;
}

/** What a mail Suora sends is (`GET /api/admin/mail-problems`). */
export const MAIL_KINDS = ['digest', 'forward', 'acknowledgement', 'reply', 'reminder', 'sign-in'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Why a mail could not be sent, in words an admin can act on: the mail server could not be
 * reached, did not answer in time, refused the sign-in or the encryption, asked to try again
 * later (a 4xx reply), refused the message or its recipient for good (a 5xx reply), the outbox
 * directory could not be written, or something else (the server log says what).
 */
export const MAIL_FAILURES = ['unreachable', 'timeout', 'authentication', 'tls', 'temporary', 'rejected', 'outbox', 'other'] as const;
export type MailFailure = (typeof MAIL_FAILURES)[number];

/**
 * A mail that failed at least once and is not sent yet, as admins see it: what it is and
 * about what, to which official (none when it goes to a giver), when, and why it failed.
 * Never the mail's text or the recipient's address.
 */
export interface MailProblem {
  id: string;
  kind: MailKind;
  /** The feedback references it is about. */
  feedbackIds: string[];
  /** The official it goes to; null when it goes to a giver of feedback. */
  official: { id: string; name: string } | null;
  createdAt: string;
  attempts: number;
  lastAttemptAt: string;
  failure: MailFailure;
  /** The mail server's reply code (e.g. 451, 550), when it answered. */
  smtpCode: number | null;
  /** When it is tried next; null: its tries are used up and it waits for an admin (retry or dismiss). */
  nextAttemptAt: string | null;
}

/** What an API key lets a machine client do: ask for SMS surveys, or read Open311 without its rate limit. */
export const API_KEY_SCOPES = ['sms-surveys', 'open311'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A machine client's API key as admins see it (`GET /api/admin/api-keys`): never the key or its hash. */
export interface AdminApiKey {
  id: string;
  name: string;
  scope: ApiKeyScope;
  createdAt: string;
  /** The admin who made it in the dashboard; null: made at the command line. */
  createdBy: { id: string; name: string } | null;
  /** Written at most once a minute. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}
