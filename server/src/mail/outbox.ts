import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailOutbox, OutboxMessage } from '../domain/personal-data-inventory.js';

/** The header naming the feedback references a message carries text of (ids only, never contact data). */
export const ABOUT_HEADER = 'X-Suora-Feedback';

/**
 * The data directory's outbox (`outbox/*.eml`): where mail goes when no SMTP server is set,
 * for a person or the demo to read. It holds the text of feedback and replies and the
 * givers' addresses, so it is one of the places of the personal-data inventory: a message
 * is removed when the person or an item it carries is erased or purged, and when it is
 * older than the outbox's own retention. Writes and removals take turns, so that a removal
 * never misses a message being written.
 */
export class Outbox implements MailOutbox {
  #turn: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  /**
   * Writes a message (its raw bytes) as a new .eml file. `current`, asked once it is
   * written, says whether what it carries may still be kept: if not (its item was erased
   * meanwhile), it is removed again. Written first and asked after, so that an erasure
   * (items first, then the outbox), here or in another process, always meets either the
   * file or the answer no.
   */
  write(raw: Buffer, current?: () => Promise<boolean>): Promise<void> {
    return this.#inTurn(async () => {
      await mkdir(this.dir, { recursive: true });
      const file = path.join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`);
      await writeFile(file, raw);
      if (current && !(await current())) await rm(file, { force: true });
    });
  }

  /** Every message (none when there is no outbox). */
  async messages(): Promise<OutboxMessage[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
    const messages: OutboxMessage[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const [bytes, stats] = await Promise.all([readFile(file).catch(() => undefined), stat(file).catch(() => undefined)]);
      // Gone meanwhile (removed by another process): nothing to read.
      if (bytes && stats) messages.push(parseMessage(name, bytes.toString('latin1'), stats.mtimeMs));
    }
    return messages;
  }

  /** Removes the messages `doomed` picks; returns how many. */
  remove(doomed: (message: OutboxMessage) => boolean): Promise<number> {
    return this.#inTurn(async () => {
      let removed = 0;
      for (const message of await this.messages()) {
        if (!doomed(message)) continue;
        await rm(path.join(this.dir, message.name), { force: true });
        removed++;
      }
      return removed;
    });
  }

  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const done = this.#turn.then(work);
    this.#turn = done.catch(() => {});
    return done;
  }
}

/** Feedback references as `newFeedbackId` makes them, where a message names them. */
const REFERENCE = /\b[2-9A-HJKMNP-Z]{10}\b/g;

/** `raw`: the file's bytes as latin1, one character a byte. */
function parseMessage(name: string, raw: string, writtenMs: number): OutboxMessage {
  const text = decodeQuotedPrintable(raw);
  const headerEnd = raw.search(/\r?\n\r?\n/);
  // Headers continue on lines that start with white space.
  const headers = (headerEnd < 0 ? raw : raw.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const header = (field: string) =>
    headers.filter((h) => h.toLowerCase().startsWith(`${field.toLowerCase()}:`)).map((h) => h.slice(field.length + 1));
  const to = header('To')
    .flatMap((value) => value.split(','))
    .map((address) => (/<([^>]*)>/.exec(address)?.[1] ?? address).trim().toLowerCase())
    .filter(Boolean);
  const about = new Set([...header(ABOUT_HEADER).flatMap((value) => value.trim().split(/\s+/)), ...(text.match(REFERENCE) ?? [])]);
  return { name, text, to, about: [...about].filter(Boolean), writtenMs };
}

/** Soft line breaks joined and =XX bytes decoded, then read as UTF-8: the text as written, to search in. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
