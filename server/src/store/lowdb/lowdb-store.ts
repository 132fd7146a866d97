import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { checkFeedbackTime } from '../../domain/feedback-record.js';
import type { Period } from '../../domain/city-time.js';
import type { FeedbackStats } from '../../domain/stats.js';
import { aggregatesOf, type DayAggregates, type DayRange, type ScoreCell, type ScoreGrain, type ScoreScope } from '../../domain/aggregates.js';
import { statsOfCells } from '../../domain/aggregate-reading.js';
import { DEFAULT_TIME_ZONE } from '../../domain/city-time.js';
import type { ApiKey, AuditEntry, Deputyship, Feedback, FeedbackEvent, LoginKey, Official, QueuedMail, QueuedSms, ReplyTemplate, ServiceArea, Session, SignatureLink, Topic } from '../../domain/model.js';
import type { FeedbackFilter, FeedbackPage, PageRequest, Store } from '../../domain/store-port.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import { AuditSegments } from './audit-segments.js';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';
import { FeedbackSegments } from './feedback-segments.js';
import { changeEvents, eventsOf } from './item-events.js';
import { ERASURES_COUNTED } from './segment.js';
import { directoryFileShape, sessionsFileShape } from './file-shapes.js';
import { GroupCommitFile } from './group-commit-file.js';
import { checkWritable } from './writable.js';
import { MailQueueFile } from './mail-queue-file.js';
import { SmsQueueFile } from './sms-queue-file.js';
import { IntegrationsFile } from './integrations-file.js';

interface DirectoryFile {
  serviceAreas: ServiceArea[];
  topics: Topic[];
  officials: Official[];
  signatureLinks: SignatureLink[];
  deputyships: Deputyship[];
  replyTemplates: ReplyTemplate[];
  /**
   * `ERASURES_COUNTED` once every feedback segment records how many items were erased from
   * it; absent in data directories written before that (see FeedbackSegments.open).
   */
  feedbackFormat?: number;
}

interface SessionsFile {
  loginKeys: LoginKey[];
  sessions: Session[];
}

export interface LowdbStoreOptions {
  /** Read what is there without locking the directory (for exports while the server runs). */
  readOnly?: boolean;
  /** The city's zone (`SUORA_TIME_ZONE`): the aggregates count its days. */
  timeZone?: string;
}

/**
 * The default store: JSON files in one data directory, owned by one process (a lock file
 * refuses a second writer): `directory.json`, `sessions.json`, feedback in segments under
 * `feedback/`, the audit log in files under `audit/`, `mail-queue.json` and `sms-queue.json`. All but older feedback and older
 * audit entries is held in memory and read from there (see FeedbackSegments, AuditSegments);
 * every change is written through a group-committing adapter, and acknowledged once it is
 * on disk.
 */
export class LowdbStore implements Store {
  private constructor(
    private readonly directory: Low<DirectoryFile>,
    private readonly feedback: FeedbackSegments,
    private readonly sessions: Low<SessionsFile>,
    private readonly audit: AuditSegments,
    private readonly mailQueue: MailQueueFile,
    private readonly smsQueue: SmsQueueFile,
    private readonly integrations: IntegrationsFile,
    private readonly lock: DirectoryLock | undefined,
    private readonly dataDir: string,
  ) {}

  static async open(dataDir: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    await mkdir(dataDir, { recursive: true });
    const lock = options.readOnly ? undefined : await acquireDirectoryLock(dataDir);
    try {
      const directory = new Low<DirectoryFile>(new GroupCommitFile(path.join(dataDir, 'directory.json'), { shape: directoryFileShape }), {
        serviceAreas: [],
        topics: [],
        officials: [],
        signatureLinks: [],
        deputyships: [],
        replyTemplates: [],
      });
      const sessions = new Low<SessionsFile>(new GroupCommitFile(path.join(dataDir, 'sessions.json'), { shape: sessionsFileShape }), {
        loginKeys: [],
        sessions: [],
      });
      // The directory first: it says whether the segments count their erasures yet.
      await directory.read();
      const erasuresCounted = directory.data.feedbackFormat === ERASURES_COUNTED;
      // All settled before a failure is thrown: nothing goes on reading or writing after open fails.
      const [feedback, audit, , mailQueue, smsQueue, integrations] = settled(
        await Promise.allSettled([
          FeedbackSegments.open(dataDir, { ...options, erasuresCounted, timeZone: options.timeZone ?? DEFAULT_TIME_ZONE }),
          AuditSegments.open(dataDir, options),
          sessions.read(),
          MailQueueFile.open(dataDir),
          SmsQueueFile.open(dataDir),
          IntegrationsFile.open(dataDir),
        ]),
      );
      directory.data.signatureLinks ??= []; // files written before signature links existed
      directory.data.deputyships ??= []; // … and before deputies and reply templates
      directory.data.replyTemplates ??= [];
      // Officials written before `active` existed are active; before `locale`, they read the city's first language.
      directory.data.officials = directory.data.officials.map((o) => ({ ...o, active: o.active ?? true, locale: o.locale ?? 'fi' }));
      // Topics written before they could be retired are in use.
      directory.data.topics = directory.data.topics.map((t) => ({ ...t, retired: t.retired ?? false }));
      directory.data.serviceAreas = directory.data.serviceAreas.map((a) => ({ ...a, retired: a.retired ?? false }));
      // Only now that every file was read and found whole: a damaged one stops start-up before anything is converted.
      await Promise.all([feedback.takeOlderFile(), audit.takeOlderFile()]);
      if (!erasuresCounted && !options.readOnly) {
        // Every segment now records its erasures (FeedbackSegments.open wrote the older ones'):
        // from here on a segment short of its count is lost data, not an older version's erasure.
        directory.data.feedbackFormat = ERASURES_COUNTED;
        await directory.write();
      }
      return new LowdbStore(directory, feedback, sessions, audit, mailQueue, smsQueue, integrations, lock, dataDir);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  async listServiceAreas(): Promise<ServiceArea[]> {
    return [...this.directory.data.serviceAreas];
  }

  async getServiceArea(id: string): Promise<ServiceArea | undefined> {
    return this.directory.data.serviceAreas.find((a) => a.id === id);
  }

  async saveServiceArea(area: ServiceArea): Promise<void> {
    await this.upsert(this.directory, this.directory.data.serviceAreas, area);
  }

  async listTopics(): Promise<Topic[]> {
    return [...this.directory.data.topics];
  }

  async getTopic(id: string): Promise<Topic | undefined> {
    return this.directory.data.topics.find((t) => t.id === id);
  }

  async saveTopic(topic: Topic): Promise<void> {
    await this.upsert(this.directory, this.directory.data.topics, topic);
  }

  async listOfficials(): Promise<Official[]> {
    return [...this.directory.data.officials];
  }

  async getOfficial(id: string): Promise<Official | undefined> {
    return this.directory.data.officials.find((o) => o.id === id);
  }

  async saveOfficial(official: Official): Promise<void> {
    await this.upsert(this.directory, this.directory.data.officials, official);
  }

  async listLinks(): Promise<SignatureLink[]> {
    return [...this.directory.data.signatureLinks];
  }

  async getLinkByToken(token: string): Promise<SignatureLink | undefined> {
    return this.directory.data.signatureLinks.find((l) => l.token === token);
  }

  async saveLink(link: SignatureLink): Promise<void> {
    await this.upsert(this.directory, this.directory.data.signatureLinks, link);
  }

  async listDeputyships(): Promise<Deputyship[]> {
    return [...this.directory.data.deputyships];
  }

  async saveDeputyship(deputyship: Deputyship): Promise<void> {
    await this.upsert(this.directory, this.directory.data.deputyships, deputyship);
  }

  async deleteDeputyship(id: string): Promise<boolean> {
    return this.remove(this.directory, this.directory.data.deputyships, id);
  }

  async listReplyTemplates(): Promise<ReplyTemplate[]> {
    return [...this.directory.data.replyTemplates];
  }

  async saveReplyTemplate(template: ReplyTemplate): Promise<void> {
    await this.upsert(this.directory, this.directory.data.replyTemplates, template);
  }

  async deleteReplyTemplate(id: string): Promise<boolean> {
    return this.remove(this.directory, this.directory.data.replyTemplates, id);
  }

  async addFeedback(item: Feedback): Promise<void> {
    this.assertWritable();
    checkFeedbackTime(item);
    await this.feedback.add(item);
  }

  async updateFeedback(item: Feedback): Promise<void> {
    this.assertWritable();
    await this.feedback.replace(item);
  }

  async deleteFeedback(id: string): Promise<boolean> {
    this.assertWritable();
    return this.feedback.delete(id);
  }

  async addFeedbackEvent(feedbackId: string, event: FeedbackEvent): Promise<boolean> {
    this.assertWritable();
    return changeEvents(this.feedback, feedbackId, (events) => [...events, event]);
  }

  async listFeedbackEvents(feedbackId: string): Promise<FeedbackEvent[]> {
    return eventsOf(this.feedback, feedbackId);
  }

  async purgeFeedbackEvents(feedbackId: string): Promise<void> {
    this.assertWritable();
    await changeEvents(this.feedback, feedbackId, (events) => events.map((e) => ('text' in e ? { ...e, text: null } : e)));
  }

  async addAuditEntry(entry: AuditEntry): Promise<void> {
    this.assertWritable();
    await this.audit.add(entry);
  }

  async listAuditEntries(page: PageRequest = {}): Promise<{ items: AuditEntry[]; total: number }> {
    return { items: await this.audit.page(page), total: this.audit.total };
  }

  async getFeedback(id: string): Promise<Feedback | undefined> {
    return this.feedback.get(id);
  }

  async queryFeedback(filter: FeedbackFilter, page?: PageRequest): Promise<FeedbackPage> {
    return this.feedback.query(filter, page);
  }

  async feedbackFacts(filter: FeedbackFilter): Promise<FeedbackFacts[]> {
    return this.feedback.facts(filter);
  }

  async feedbackStats(period: Period, timeZone: string, days?: DayRange): Promise<FeedbackStats> {
    return statsOfCells(this.#aggregatesIn(timeZone).statsCells(days), period);
  }

  async scoreCells(scope: ScoreScope, timeZone: string, days?: DayRange, grain?: ScoreGrain): Promise<ScoreCell[]> {
    return this.#aggregatesIn(timeZone).scoreCells(scope, days, grain);
  }

  async rebuildAggregates(): Promise<number> {
    return this.feedback.rebuildAggregates();
  }

  /** The aggregates kept, or for another zone than the store's, counted now from the facts. */
  #aggregatesIn(timeZone: string): DayAggregates {
    const kept = this.feedback.aggregates;
    return kept.timeZone === timeZone ? kept : aggregatesOf(this.feedback.facts({}), timeZone);
  }

  feedbackBatches(): AsyncIterable<Feedback[]> {
    return this.feedback.batches();
  }

  async saveLoginKey(key: LoginKey): Promise<void> {
    this.assertWritable();
    const now = Date.now();
    const data = this.sessions.data;
    // Expired keys and sessions are dropped as new ones arrive, so the file stays small.
    data.loginKeys = data.loginKeys.filter((k) => Date.parse(k.expiresAt) > now);
    data.loginKeys.push(structuredClone(key));
    await this.sessions.write();
  }

  async useLoginKey(keyHash: string, at: string): Promise<LoginKey | undefined> {
    this.assertWritable();
    const key = this.sessions.data.loginKeys.find((k) => k.keyHash === keyHash);
    if (!key || key.usedAt) return undefined;
    key.usedAt = at;
    await this.sessions.write();
    return structuredClone(key);
  }

  async saveSession(session: Session): Promise<void> {
    this.assertWritable();
    const now = Date.now();
    const data = this.sessions.data;
    data.sessions = data.sessions.filter((s) => Date.parse(s.expiresAt) > now);
    data.sessions.push(structuredClone(session));
    await this.sessions.write();
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    return this.sessions.data.sessions.find((s) => s.idHash === idHash);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.assertWritable();
    this.sessions.data.sessions = this.sessions.data.sessions.filter((s) => s.idHash !== idHash);
    await this.sessions.write();
  }

  async deleteSessionsOf(officialId: string): Promise<number> {
    this.assertWritable();
    const before = this.sessions.data.sessions;
    this.sessions.data.sessions = before.filter((s) => s.officialId !== officialId);
    const ended = before.length - this.sessions.data.sessions.length;
    if (ended > 0) await this.sessions.write();
    return ended;
  }

  async deleteLoginKeysOf(officialId: string): Promise<number> {
    this.assertWritable();
    const before = this.sessions.data.loginKeys;
    this.sessions.data.loginKeys = before.filter((k) => k.officialId !== officialId || k.usedAt !== null);
    const voided = before.length - this.sessions.data.loginKeys.length;
    if (voided > 0) await this.sessions.write();
    return voided;
  }

  async addQueuedMail(mail: QueuedMail, once?: string): Promise<boolean> {
    this.assertWritable();
    return this.mailQueue.add(mail, once);
  }

  async claimQueuedMail(now: string, until: string, limit: number): Promise<QueuedMail[]> {
    this.assertWritable();
    return this.mailQueue.claim(now, until, limit);
  }

  async updateQueuedMail(mail: QueuedMail): Promise<void> {
    this.assertWritable();
    await this.mailQueue.update(mail);
  }

  async listQueuedMail(): Promise<QueuedMail[]> {
    return this.mailQueue.list();
  }

  async deleteQueuedMail(ids: readonly string[]): Promise<number> {
    this.assertWritable();
    return this.mailQueue.delete(ids);
  }

  async addQueuedSms(sms: QueuedSms): Promise<void> {
    this.assertWritable();
    await this.smsQueue.add(sms);
  }

  async claimQueuedSms(now: string, until: string, limit: number): Promise<QueuedSms[]> {
    this.assertWritable();
    return this.smsQueue.claim(now, until, limit);
  }

  async updateQueuedSms(sms: QueuedSms): Promise<void> {
    this.assertWritable();
    await this.smsQueue.update(sms);
  }

  async listQueuedSms(): Promise<QueuedSms[]> {
    return this.smsQueue.list();
  }

  async deleteQueuedSms(ids: readonly string[]): Promise<number> {
    this.assertWritable();
    return this.smsQueue.delete(ids);
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return this.integrations.listApiKeys();
  }

  async getApiKeyByHash(keyHash: string): Promise<ApiKey | undefined> {
    return this.integrations.apiKeyByHash(keyHash);
  }

  async saveApiKey(key: ApiKey): Promise<void> {
    this.assertWritable();
    await this.integrations.saveApiKey(key);
  }

  async claimSmsQuietPeriod(numberHash: string, at: string, since: string): Promise<boolean> {
    this.assertWritable();
    return this.integrations.claimSmsQuietPeriod(numberHash, at, since);
  }

  async hasSmsQuietPeriod(numberHash: string): Promise<boolean> {
    return this.integrations.hasSmsQuietPeriod(numberHash);
  }

  async deleteSmsQuietPeriod(numberHash: string): Promise<boolean> {
    this.assertWritable();
    return this.integrations.deleteSmsQuietPeriod(numberHash);
  }

  async serverKey(name: string): Promise<string> {
    this.assertWritable();
    return this.integrations.serverKey(name);
  }

  async close(): Promise<void> {
    await this.feedback.close();
    await this.lock?.release();
  }

  /** Replaces the item with the same id, or appends it; undone in memory if the write fails. */
  private async upsert<T extends { id: string }>(file: { write(): Promise<void> }, list: T[], item: T): Promise<void> {
    this.assertWritable();
    const index = list.findIndex((x) => x.id === item.id);
    const previous = list[index];
    // Stored objects are frozen and handed out as they are: a change replaces them.
    const stored = Object.freeze(structuredClone(item));
    if (index >= 0) list[index] = stored;
    else list.push(stored);
    try {
      await file.write();
    } catch (error) {
      const now = list.findIndex((x) => x.id === item.id);
      if (previous) list[now] = previous;
      else if (now >= 0) list.splice(now, 1);
      throw error;
    }
  }

  /** Removes the item with this id, if any; put back in memory if the write fails. */
  private async remove<T extends { id: string }>(file: { write(): Promise<void> }, list: T[], id: string): Promise<boolean> {
    this.assertWritable();
    const index = list.findIndex((x) => x.id === id);
    if (index < 0) return false;
    const [removed] = list.splice(index, 1);
    try {
      await file.write();
    } catch (error) {
      list.splice(index, 0, removed!);
      throw error;
    }
    return true;
  }

  async checkReady(): Promise<void> {
    this.assertWritable();
    await checkWritable(this.dataDir, ['.', 'feedback', 'audit']);
  }

  private assertWritable(): void {
    if (!this.lock) throw new Error('This store was opened read-only.');
  }
}

/** The values, or the first failure thrown. */
function settled<T extends readonly unknown[]>(results: { [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
