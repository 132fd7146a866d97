import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { StoreUnavailableError } from '../../domain/store-port.js';
import { checkShape, DamagedFileError } from './file-shapes.js';
import { writeAtomically } from './file-writer.js';

export interface GroupCommitOptions<T> {
  /** What the file must hold when it is read (see file-shapes.ts). */
  shape: z.ZodType;
  /** The file's text; default `JSON.stringify`. Must give what `JSON.stringify` would, and may add to it (a revision). */
  serialize?: (data: T) => string;
  /**
   * Called as a write is serialized, with its text. What it returns runs once that very
   * write is on disk, with the new file's stats and before the next write starts: for a
   * cache derived from exactly that version of the file. Its failure does not fail the write.
   */
  derive?: (data: T, text: string) => ((committed: Stats) => Promise<void>) | undefined;
  /**
   * Called before each write: removes what was derived from the file as it is (a cache),
   * so that nothing derived ever holds what the new version no longer does (an erased
   * item). Its failure fails the write.
   */
  invalidate?: () => Promise<void>;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * A lowdb adapter for a JSON file that many requests write at once. Writes are committed
 * in groups: all that arrive while a write is running go into the next single write, and
 * each caller's promise resolves only when a write holding its change is on disk (written
 * to a temporary file, fsynced, renamed over the old one: a crash leaves the old file or
 * the new, never half of one). The JSON is compact, one line, and still readable.
 */
export class GroupCommitFile<T> implements Adapter<T> {
  readonly #path: string;
  #data: T | undefined;
  #waiting: Waiter[] = [];
  #flushing = false;
  readonly #derive: GroupCommitOptions<T>['derive'];
  readonly #invalidate: GroupCommitOptions<T>['invalidate'];
  readonly #serialize: (data: T) => string;
  readonly #shape: z.ZodType;

  constructor(filePath: string, options: GroupCommitOptions<T>) {
    this.#path = filePath;
    this.#shape = options.shape;
    this.#derive = options.derive;
    this.#invalidate = options.invalidate;
    this.#serialize = options.serialize ?? ((data) => JSON.stringify(data));
  }

  /**
   * The file's data, checked against its shape; null when there is no file. Throws
   * DamagedFileError when it does not parse or is not of its shape (`null` included: lowdb
   * would take that for no file).
   */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`${this.#path} could not be read: ${(error as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new DamagedFileError(this.#path, text.trim() === '' ? 'it is empty' : `it is not whole JSON (${(error as Error).message})`);
    }
    return checkShape<T>(this.#path, this.#shape, data);
  }

  write(data: T): Promise<void> {
    this.#data = data;
    const done = new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    if (!this.#flushing) void this.#flush();
    return done;
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#waiting.length > 0) {
      const group = this.#waiting;
      this.#waiting = [];
      // Serialized now, synchronously: every change whose caller is in `group` is in it.
      const text = this.#serialize(this.#data!);
      const derived = this.#derive?.(this.#data!, text);
      try {
        await this.#invalidate?.();
        await writeAtomically(this.#path, text);
        for (const waiter of group) waiter.resolve();
        if (derived) await stat(this.#path).then(derived).catch(() => {});
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code ?? 'error';
        const error = new StoreUnavailableError(`${this.#path} cannot be written (${code}).`, { cause });
        for (const waiter of group) waiter.reject(error);
        // Let the callers undo their changes in memory before the next group is serialized.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.#flushing = false;
  }
}
