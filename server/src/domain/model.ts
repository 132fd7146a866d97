import { API_KEY_SCOPES, HANDLING_ROLES as CONTRACT_HANDLING_ROLES, ROLES, type ApiKeyScope, type ContactInput, type Locale, type LocalizedText, type MailFailure, type MailKind, type Role } from '../../../contract/api.js';
import { AUDIT_ACTIONS, type AuditAction } from '../../../contract/audit-detail.js';

export type { LocalizedText };

/** A unit of the city organisation (palvelualue). */
export interface ServiceArea {
  id: string;
  name: LocalizedText;
  /** Receives feedback given to the area without a topic. */
  officialId?: string;
  /** No longer offered, nor its topics (retired-areas.ts); its feedback stays. */
  retired: boolean;
}

/** What feedback is about (palautelaatikko); routed to its responsible official. */
export interface Topic {
  id: string;
  name: LocalizedText;
  serviceAreaId: string;
  officialId: string;
  forBusinesses: boolean;
  /** No longer offered to the public (the widget, `/api/topics`); its feedback stays, routed as before. */
  retired: boolean;
  /** The response target: working days (working-days.ts) from arrival to the due date, 1–60. */
  targetDays: number;
}

export { ROLES, type Role };

/** The contract's HANDLING_ROLES as a set. */
export const HANDLING_ROLES: ReadonlySet<Role> = new Set<Role>(CONTRACT_HANDLING_ROLES);

export interface Official {
  id: string;
  name: string;
  title: string;
  /** Stored trimmed; unique among officials, compared case-insensitively. */
  email: string;
  serviceAreaId: string;
  role: Role;
  /** False once the person has left: no sign-in, no sessions, nothing routed to them. */
  active: boolean;
  /** The language of the mail Suora sends them (the city's first language unless set). */
  locale: Locale;
}

/** Whether feedback, a topic, an area or a signature link may be given to this person. */
export function mayReceiveFeedback(official: Official): boolean {
  return official.active && HANDLING_ROLES.has(official.role);
}

export const CHANNELS = ['widget', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LINK_CHANNELS = ['email', 'sms'] as const;
export type LinkChannel = (typeof LINK_CHANNELS)[number];

/**
 * A survey link in an official's email signature or an SMS: `/s/TOKEN`. The token
 * identifies the official and service area; it authenticates no one.
 */
export interface SignatureLink {
  id: string;
  token: string;
  officialId: string;
  serviceAreaId: string;
  channel: LinkChannel;
  createdAt: string;
  revokedAt: string | null;
}

export const STATUSES = ['new', 'in-progress', 'answered', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses that still owe the giver an answer: only these items can be overdue. */
export const OPEN_STATUSES: readonly Status[] = ['new', 'in-progress'];

export interface Reply {
  text: string;
  authorId: string;
  at: string;
}

export interface Feedback {
  id: string;
  createdAt: string;
  channel: Channel;
  topicId: string | null;
  serviceAreaId: string;
  officialId: string;
  linkId: string | null;
  ref: string | null;
  rating: number | null;
  comment: string | null;
  /** The giver's permission to publish; publication itself is `published`. */
  public: boolean;
  contact: ContactInput | null;
  wantsReply: boolean;
  pageUrl: string | null;
  locale: Locale;
  status: Status;
  reply: Reply | null;
  /** On the public page: approved by the routed official or an admin (needs `public`). */
  published: boolean;
  /** The comment as published, when personal data was redacted; null: the original. */
  publishedComment?: string | null;
  /**
   * The reply's text as approved for the public page (redacted or not), or null: no reply was
   * approved. Approvals before this was kept whole left it null for a reply approved as written.
   */
  publishedReply?: string | null;
  publishedAt?: string | null;
  /** When the retention period ran out and contact data and free text were removed. */
  purgedAt?: string | null;
  /** SHA-256 of the edit key handed to the giver's browser, and until when it works. */
  editKeyHash: string;
  editableUntil: string;
  /**
   * The last instant of the local day the answer is owed (response-target.ts); absent on
   * items stored before response targets, which have none.
   */
  dueAt?: string | null;
  /** SHA-256 of the giver's status page key (`/f/:key`); null when no acknowledgement was sent, or purged. */
  statusKeyHash?: string | null;
  /** Why it went to `officialId` other than by the routing rules: that person covers for `deputyFor`, who is away. */
  routedVia?: RoutedVia | null;
}

export interface RoutedVia {
  deputyFor: string;
}

/**
 * A period an official is away, and who handles their new feedback meanwhile. `from` and
 * `to` are local dates of the city (YYYY-MM-DD), both days included.
 */
export interface Deputyship {
  id: string;
  officialId: string;
  deputyId: string;
  from: string;
  to: string;
}

/** A text officials start a reply from: for every area (`serviceAreaId` null) or one. */
export interface ReplyTemplate {
  id: string;
  name: string;
  serviceAreaId: string | null;
  text: LocalizedText;
}

/** Where an item is routed: its official, topic and service area. */
export interface Routing {
  officialId: string;
  topicId: string | null;
  serviceAreaId: string;
}

/**
 * A step in an item's handling, kept with the item (its arrival is the item itself). `text`
 * (a note, a forward's reason) is free text staff typed about a person's feedback: erased
 * with the item, null once the retention purge removed it, never in the audit log.
 */
export type FeedbackEvent = {
  at: string;
  /** The official who acted; null: the giver (a `giver-edit` withdrawal) or the server. */
  actorId: string | null;
} & (
  | { kind: 'forwarded'; from: Routing; to: Routing; text: string | null }
  | { kind: 'note'; text: string | null }
  | { kind: 'status'; from: Status; to: Status }
  | { kind: 'replied' | 'reply-edited' | 'published' }
  | { kind: 'withdrawn'; cause?: 'giver-edit' | 'reply-changed' }
);

/** A one-time sign-in link's key, stored as its hash. */
export interface LoginKey {
  keyHash: string;
  officialId: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A signed-in browser. The cookie holds the secret; the store only its hash. */
export interface Session {
  idHash: string;
  officialId: string;
  createdAt: string;
  expiresAt: string;
}

export { API_KEY_SCOPES, type ApiKeyScope };

/** A machine client's key (`Authorization: Bearer`), stored as its hash; named in the audit log by `name`. */
export interface ApiKey {
  id: string;
  /** Unique, compared case-insensitively; `API_KEY_NAME` (it goes into audit entries). */
  name: string;
  scope: ApiKeyScope;
  keyHash: string;
  createdAt: string;
  /** The official who made it in the dashboard; null: made at the command line (or by the demo's set-up). */
  createdBy: string | null;
  /** Updated at most once a minute (a busy client would otherwise write on every request). */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export { AUDIT_ACTIONS, type AuditAction };

export type { MailFailure, MailKind };

/**
 * A mail waiting in the send queue (mail/mail-queue.ts) until it is sent: every mail Suora
 * sends is one, so none is lost to a restart or a mail server that is down. It holds the
 * recipient's address and the text (personal data: see the inventory), and is removed once sent.
 */
/** What a mail says, block by block: written out as plain text and as HTML when it is sent (mail/mail-layout.ts). */
export type MailBlock =
  /** A paragraph; its line breaks are kept. */
  | string
  /** Someone's own words, quoted: `> ` lines in text, a blockquote in HTML. */
  | { quote: string }
  /** A link, shown as its address (a person sees where it goes; every client shows it). */
  | { link: string }
  /** One of several items (a digest's): its blocks close together, set apart from the next. */
  | { item: MailBlock[] };

export interface QueuedMail {
  id: string;
  kind: MailKind;
  to: string;
  /** The reader's language: the mail's, its layout's and its sender name's. */
  locale: Locale;
  subject: string;
  body: MailBlock[];
  /** Where a reply goes when that is a person (the official); null: Suora's own address. */
  replyTo: string | null;
  /** The feedback references whose text it carries: erasure and purge find it by them, and it is not sent once one is gone. */
  about: string[];
  /** The official it goes to; null for a giver. */
  officialId: string | null;
  createdAt: string;
  attempts: number;
  /** When it may be tried (again); null: its tries are used up, and it waits for an admin. */
  nextAttemptAt: string | null;
  /** A server trying it holds it until then, so that another does not send it too. */
  claimedUntil: string | null;
  /** The last failure, if any. */
  failure: { code: MailFailure; smtpCode: number | null; at: string } | null;
}

/**
 * An SMS survey in the send queue (sms/sms-queue.ts). The number and the text are personal
 * data (see the inventory): held while the message waits or is being sent, cleared once it
 * is given up; a sent message leaves the queue.
 */
export interface QueuedSms {
  id: string;
  /** The number in E.164; null once given up. */
  to: string | null;
  /** null once given up. */
  text: string | null;
  /** The official the survey is for: admins see it when a message cannot be sent. */
  officialId: string;
  createdAt: string;
  /** Tries begun (counted before each submit, so that one cut short by a crash counts). */
  attempts: number;
  /**
   * When it may be tried (again). null: being tried now (until `claimedUntil`; a try whose
   * server died is never repeated, since the gateway may have taken it) or given up.
   */
  nextAttemptAt: string | null;
  /** A server trying it holds it until then, so that another does not send it too. */
  claimedUntil: string | null;
  /** The last failure, if any: when, and why in words for an admin (never the number). */
  failure: { reason: string; at: string } | null;
}

/**
 * A staff change or read, kept for admins to read. It holds ids and enumerations only,
 * never contact data or free text.
 */
export interface AuditEntry {
  at: string;
  /** The official who acted; null for the command line and the server's own (retention purge). */
  actorId: string | null;
  action: AuditAction;
  feedbackId: string | null;
  /** The official, topic, service area or signature link acted on (absent in older entries). */
  targetId?: string | null;
  detail: string | null;
}
