import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import type { QueuedSms } from '../../domain/model.js';
import { queuedSmsShape } from '../../domain/model-shapes.js';
import { GroupCommitFile } from './group-commit-file.js';

interface SmsQueueData {
  messages: QueuedSms[];
}

export const smsQueueFileShape = z.object({ messages: z.array(queuedSmsShape) });

/**
 * `sms-queue.json`: the SMS send queue of a lowdb data directory. Small (a message leaves
 * it once sent), so written whole; a change is undone in memory when its write fails.
 */
export class SmsQueueFile {
  private constructor(private readonly file: Low<SmsQueueData>) {}

  static async open(dataDir: string): Promise<SmsQueueFile> {
    const file = new Low<SmsQueueData>(new GroupCommitFile(path.join(dataDir, 'sms-queue.json'), { shape: smsQueueFileShape }), { messages: [] });
    await file.read();
    return new SmsQueueFile(file);
  }

  async add(sms: QueuedSms): Promise<void> {
    await this.#change((messages) => [...messages, structuredClone(sms)]);
  }

  async claim(now: string, until: string, limit: number): Promise<QueuedSms[]> {
    const due = this.file.data.messages
      .filter((m) => m.nextAttemptAt !== null && m.nextAttemptAt <= now && (m.claimedUntil === null || m.claimedUntil <= now))
      .slice(0, limit)
      .map((m) => m.id);
    if (due.length === 0) return [];
    await this.#change((messages) => messages.map((m) => (due.includes(m.id) ? { ...m, claimedUntil: until } : m)));
    return this.file.data.messages.filter((m) => due.includes(m.id)).map((m) => structuredClone(m));
  }

  async update(sms: QueuedSms): Promise<void> {
    if (!this.file.data.messages.some((m) => m.id === sms.id)) return;
    await this.#change((messages) => messages.map((m) => (m.id === sms.id ? structuredClone(sms) : m)));
  }

  list(): QueuedSms[] {
    return structuredClone(this.file.data.messages);
  }

  async delete(ids: readonly string[]): Promise<number> {
    const count = this.file.data.messages.filter((m) => ids.includes(m.id)).length;
    if (count > 0) await this.#change((messages) => messages.filter((m) => !ids.includes(m.id)));
    return count;
  }

  async #change(change: (messages: QueuedSms[]) => QueuedSms[]): Promise<void> {
    const before = this.file.data;
    this.file.data = { messages: change(before.messages) };
    try {
      await this.file.write();
    } catch (error) {
      this.file.data = before;
      throw error;
    }
  }
}
