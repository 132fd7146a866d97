import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { QueuedMail } from '../../domain/model.js';
import { queuedMailShape } from '../../domain/model-shapes.js';
import { GroupCommitFile } from './group-commit-file.js';

/** How long a `once` key is remembered: longer than any mail it guards (a daily reminder) could be queued again. */
const ONCE_KEPT_MS = 7 * 86_400_000;

interface MailQueueData {
  mails: QueuedMail[];
  /** Keys mails were queued under once (`Store.addQueuedMail`), with when. */
  once: { key: string; at: string }[];
}

export const mailQueueFileShape = z.object({ mails: z.array(queuedMailShape), once: z.array(z.object({ key: z.string(), at: z.string() })) });

/**
 * `mail-queue.json`: the mail send queue of a lowdb data directory. Small (mail leaves it
 * once sent), so written whole; a change is undone in memory when its write fails.
 */
export class MailQueueFile {
  private constructor(private readonly file: Low<MailQueueData>) {}

  static async open(dataDir: string): Promise<MailQueueFile> {
    const file = new Low<MailQueueData>(new GroupCommitFile(path.join(dataDir, 'mail-queue.json'), { shape: mailQueueFileShape }), { mails: [], once: [] });
    await file.read();
    return new MailQueueFile(file);
  }

  async add(mail: QueuedMail, once: string | undefined): Promise<boolean> {
    const data = this.file.data;
    if (once !== undefined) {
      const keptSince = new Date(Date.now() - ONCE_KEPT_MS).toISOString();
      if (data.once.some((o) => o.key === once)) return false;
      return this.#change((d) => ({ mails: [...d.mails, structuredClone(mail)], once: [...d.once.filter((o) => o.at >= keptSince), { key: once, at: mail.createdAt }] }));
    }
    return this.#change((d) => ({ ...d, mails: [...d.mails, structuredClone(mail)] }));
  }

  async claim(now: string, until: string, limit: number): Promise<QueuedMail[]> {
    const due = this.file.data.mails
      .filter((m) => m.nextAttemptAt !== null && m.nextAttemptAt <= now && (m.claimedUntil === null || m.claimedUntil <= now))
      .slice(0, limit)
      .map((m) => m.id);
    if (due.length === 0) return [];
    await this.#change((d) => ({ ...d, mails: d.mails.map((m) => (due.includes(m.id) ? { ...m, claimedUntil: until } : m)) }));
    return this.file.data.mails.filter((m) => due.includes(m.id)).map((m) => structuredClone(m));
  }

  async update(mail: QueuedMail): Promise<void> {
    if (!this.file.data.mails.some((m) => m.id === mail.id)) return;
    await this.#change((d) => ({ ...d, mails: d.mails.map((m) => (m.id === mail.id ? structuredClone(mail) : m)) }));
  }

  list(): QueuedMail[] {
    return structuredClone(this.file.data.mails);
  }

  async delete(ids: readonly string[]): Promise<number> {
    const count = this.file.data.mails.filter((m) => ids.includes(m.id)).length;
    if (count > 0) await this.#change((d) => ({ ...d, mails: d.mails.filter((m) => !ids.includes(m.id)) }));
    return count;
  }

  async #change(change: (data: MailQueueData) => MailQueueData): Promise<true> {
    const before = this.file.data;
    this.file.data = change(before);
    try {
      await this.file.write();
    } catch (error) {
      this.file.data = before;
      throw error;
    }
    return true;
  }
}
