import type { FeedbackSort } from '../../../contract/api.js';
import type { ApiKey, Channel, AuditEntry, Deputyship, Feedback, FeedbackEvent, LoginKey, Official, QueuedMail, QueuedSms, ReplyTemplate, ServiceArea, Session, SignatureLink, Status, Topic } from './model.js';
import type { FeedbackFacts } from './feedback-facts.js';
import type { Period } from './city-time.js';
import type { FeedbackStats } from './stats.js';
import type { DayRange, ScoreCell, ScoreGrain, ScoreScope } from './aggregates.js';

/**
 * The storage port: where Suora keeps its data, as the domain asks for it. The domain owns
 * this interface; server/src/store/ implements it (lowdb files, PostgreSQL), and one
 * contract test suite (test/store-contract/) runs against each. Every method is async so that either can serve it.
 * What a store returns is the caller's to read, never to change: changes go through its methods.
 */
export interface Store {
  listServiceAreas(): Promise<ServiceArea[]>;
  getServiceArea(id: string): Promise<ServiceArea | undefined>;
  /** Inserts, or replaces the area with the same id. */
  saveServiceArea(area: ServiceArea): Promise<void>;

  listTopics(): Promise<Topic[]>;
  getTopic(id: string): Promise<Topic | undefined>;
  saveTopic(topic: Topic): Promise<void>;

  listOfficials(): Promise<Official[]>;
  getOfficial(id: string): Promise<Official | undefined>;
  saveOfficial(official: Official): Promise<void>;

  listLinks(): Promise<SignatureLink[]>;
  getLinkByToken(token: string): Promise<SignatureLink | undefined>;
  saveLink(link: SignatureLink): Promise<void>;

  /** Every period away, in no set order (few: routing reads them on every submission). */
  listDeputyships(): Promise<Deputyship[]>;
  /** Inserts, or replaces the one with the same id. */
  saveDeputyship(deputyship: Deputyship): Promise<void>;
  /** False if there was none. */
  deleteDeputyship(id: string): Promise<boolean>;

  listReplyTemplates(): Promise<ReplyTemplate[]>;
  saveReplyTemplate(template: ReplyTemplate): Promise<void>;
  deleteReplyTemplate(id: string): Promise<boolean>;

  /** Resolves only once the feedback is durably stored. */
  addFeedback(feedback: Feedback): Promise<void>;
  getFeedback(id: string): Promise<Feedback | undefined>;
  /** Feedback that matches, in the page's `sort` (default newest first), a page of it (default: all). */
  queryFeedback(filter: FeedbackFilter, page?: PageRequest): Promise<FeedbackPage>;
  /** The facts (no text) of the feedback that matches, oldest first (what the aggregates are counted and checked from). */
  feedbackFacts(filter: FeedbackFilter): Promise<FeedbackFacts[]>;
  /**
   * Decision-makers' statistics of the feedback that arrived on the city's days in `days`
   * (all without), by week or month in `timeZone` (an IANA name: the city's zone). Read from
   * the store's aggregates (domain/aggregates.ts), kept by the day in the zone the store was
   * opened with; another zone is counted from the items.
   */
  feedbackStats(period: Period, timeZone: string, days?: DayRange): Promise<FeedbackStats>;
  /** The aggregates' score cells of an official or a manager's reach, by the city's day in `timeZone`, of `days` (all without). */
  scoreCells(scope: ScoreScope, timeZone: string, days?: DayRange, grain?: ScoreGrain): Promise<ScoreCell[]>;
  /** Counts the aggregates anew from the items (`suora stats rebuild`); returns how many items they count. */
  rebuildAggregates(): Promise<number>;
  /** All feedback, oldest first, a batch at a time (the exports): never all of it in memory at once. */
  feedbackBatches(): AsyncIterable<Feedback[]>;
  /** Replaces a stored item with the same id; resolves once it is durably stored. */
  updateFeedback(feedback: Feedback): Promise<void>;
  /**
   * Removes an item for good (erasure); false if there was none. Like `updateFeedback`, it
   * leaves no copy of what it removes anywhere in the store: caches, indexes, leftovers.
   * `addFeedback` refuses an item whose arrival time cannot be read (`checkFeedbackTime`):
   * one stored before that rule is still found by email and purged as expired.
   */
  deleteFeedback(id: string): Promise<boolean>;

  /** Adds a step to a stored item's history (`false`: there is no such item); resolves once durably stored. */
  addFeedbackEvent(feedbackId: string, event: FeedbackEvent): Promise<boolean>;
  /** An item's history, oldest first (in the order added); none for an unknown item. `deleteFeedback` removes it with the item. */
  listFeedbackEvents(feedbackId: string): Promise<FeedbackEvent[]>;
  /** The retention purge: the text of an item's events (notes, forward notes) becomes null; who, what and when stay. */
  purgeFeedbackEvents(feedbackId: string): Promise<void>;

  addAuditEntry(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAuditEntries(page?: PageRequest): Promise<{ items: AuditEntry[]; total: number }>;

  saveLoginKey(key: LoginKey): Promise<void>;
  /** Marks the key used and returns it, if it exists and was unused: a key works once. */
  useLoginKey(keyHash: string, at: string): Promise<LoginKey | undefined>;
  saveSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of one official (deactivation, role change, or an admin's order); returns how many. */
  deleteSessionsOf(officialId: string): Promise<number>;
  /** Voids every sign-in key of one official not yet used (a link mailed before a change no longer signs in); returns how many. */
  deleteLoginKeysOf(officialId: string): Promise<number>;

  /**
   * Readiness: resolves if the store can take a change now; otherwise throws
   * StoreUnavailableError saying why, in words for the person running the server. Cheap
   * (a load balancer asks every few seconds): it writes nothing.
   */
  checkReady(): Promise<void>;
  /**
   * The mail send queue. `once`: a key this mail may be queued under only once (e.g. one
   * reminder per official per city day): false, and nothing queued, when a mail was queued
   * under it before, by this process or another on the same store. Keys are kept a week.
   */
  addQueuedMail(mail: QueuedMail, once?: string): Promise<boolean>;
  /**
   * Holds up to `limit` mails due by `now` (`nextAttemptAt` reached, not held by anyone past
   * `now`) until `until`, and returns them: of servers asking at once, each mail goes to one.
   */
  claimQueuedMail(now: string, until: string, limit: number): Promise<QueuedMail[]>;
  /** Replaces the queued mail with the same id; nothing if it is gone (sent, erased). */
  updateQueuedMail(mail: QueuedMail): Promise<void>;
  /** Every queued mail, oldest first (few: mail leaves the queue once sent). */
  listQueuedMail(): Promise<QueuedMail[]>;
  /** Removes them; returns how many there were. */
  deleteQueuedMail(ids: readonly string[]): Promise<number>;

  /** The SMS send queue: adds one (its id new). */
  addQueuedSms(sms: QueuedSms): Promise<void>;
  /** As `claimQueuedMail`, for SMS: of servers asking at once, each message goes to one. */
  claimQueuedSms(now: string, until: string, limit: number): Promise<QueuedSms[]>;
  /** Replaces the queued SMS with the same id; nothing if it is gone (sent, erased). */
  updateQueuedSms(sms: QueuedSms): Promise<void>;
  /** Every queued SMS, given-up ones too, oldest first (few: a message leaves once sent). */
  listQueuedSms(): Promise<QueuedSms[]>;
  /** Removes them; returns how many there were. */
  deleteQueuedSms(ids: readonly string[]): Promise<number>;

  /** Every API key, revoked ones too, in no set order (few: one per machine client). */
  listApiKeys(): Promise<ApiKey[]>;
  getApiKeyByHash(keyHash: string): Promise<ApiKey | undefined>;
  /** Inserts, or replaces the key with the same id. */
  saveApiKey(key: ApiKey): Promise<void>;

  /**
   * The SMS quiet period, by a keyed hash of the number (never the number): records `at`
   * for `numberHash` and returns true, unless it already has a time at or after `since`
   * (false: recorded nothing). Atomic, so two requests at once cannot both get true; drops
   * hashes whose time is before `since`, which no rule needs any more.
   */
  claimSmsQuietPeriod(numberHash: string, at: string, since: string): Promise<boolean>;
  /** Whether a number's hash is held (access): the quiet period, or its leftover not yet dropped. */
  hasSmsQuietPeriod(numberHash: string): Promise<boolean>;
  /** Forgets a number's hash (erasure): false if there was none. */
  deleteSmsQuietPeriod(numberHash: string): Promise<boolean>;
  /**
   * A random secret the store keeps for the server's keyed hashes, made on first ask and
   * the same for every process on this store ever after (base64url, 256 bits).
   */
  serverKey(name: string): Promise<string>;

  close(): Promise<void>;
}

/** Which feedback a query wants; every field narrows, none given means all. */
export interface FeedbackFilter {
  officialId?: string;
  serviceAreaId?: string;
  /** A manager's reach: items of this area, or routed to one of these officials (either suffices). */
  reach?: { serviceAreaId: string; officialIds: readonly string[] };
  topicId?: string;
  linkId?: string;
  status?: Status;
  /** Any of these statuses (Open311's `open` is two of ours, `closed` the other two). */
  statuses?: readonly Status[];
  /** Items of any of these topics, or given to any of these service areas without a topic (Open311's service codes). */
  services?: { topicIds: readonly string[]; areaIdsWithoutTopic: readonly string[] };
  channel?: Channel;
  public?: boolean;
  published?: boolean;
  /** ISO time: created at or after. */
  from?: string;
  /** ISO time: created before. */
  before?: string;
  /** The giver's email, any case, trimmed (a person's access and erasure requests). */
  contactEmail?: string;
  /**
   * Inbox search: the reference (id), comment, contact name or organisation contains it, in
   * any case (`queryFeedback` only; `feedbackFacts` ignores it, facts hold no text).
   */
  q?: string;
  /** Whether it holds personal data the retention purge would remove (see `holdsPersonalData`). */
  personalData?: boolean;
  /** ISO time: still open (`OPEN_STATUSES`) and due before it (overdue: before now). */
  dueBefore?: string;
  /** The SHA-256 of a status page key (`Feedback.statusKeyHash`). */
  statusKeyHash?: string;
}

export interface FeedbackPage {
  /** In the order asked for (`PageRequest.sort`). */
  items: Feedback[];
  /** How many match in all. */
  total: number;
}

export interface PageRequest {
  limit?: number;
  offset?: number;
  /**
   * `queryFeedback`'s order, default newest; ties (one arrival time) in the order stored, or
   * its reverse. `due`: soonest due first, items without a due date last, ties newest first.
   */
  sort?: FeedbackSort;
}

/**
 * The port's one error kind: the store cannot keep data right now: its files cannot be written (read-only, full,
 * gone) or its database cannot be reached. Nothing of the request was saved; the server
 * answers 503 (`storage_unavailable`), and the same request can be sent again later.
 */
export class StoreUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'StoreUnavailableError';
  }
}
