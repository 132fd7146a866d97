import { StoreUnavailableError } from '../../domain/store-port.js';

interface Waiting<T> {
  row: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Rows that arrive while earlier ones are being inserted go into one multi-row INSERT (one
 * statement, one commit), the PostgreSQL form of the lowdb store's group commit; each
 * caller's promise resolves once its own row is committed. If a group fails for anything
 * but an unavailable database, its rows are tried one by one, so that one bad row does not
 * fail the others.
 */
export class InsertBatcher<T> {
  readonly #insert: (rows: T[]) => Promise<void>;
  readonly #maxRows: number;
  readonly #concurrency: number;
  #waiting: Waiting<T>[] = [];
  #running = 0;

  constructor(insert: (rows: T[]) => Promise<void>, options: { maxRows: number; concurrency: number }) {
    this.#insert = insert;
    this.#maxRows = options.maxRows;
    this.#concurrency = options.concurrency;
  }

  add(row: T): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.#waiting.push({ row, resolve, reject }));
    this.#drain();
    return done;
  }

  #drain(): void {
    while (this.#running < this.#concurrency && this.#waiting.length > 0) {
      const group = this.#waiting.splice(0, this.#maxRows);
      this.#running++;
      void this.#write(group).finally(() => {
        this.#running--;
        this.#drain();
      });
    }
  }

  async #write(group: Waiting<T>[]): Promise<void> {
    try {
      await this.#insert(group.map((w) => w.row));
      for (const w of group) w.resolve();
    } catch (error) {
      if (group.length === 1 || error instanceof StoreUnavailableError) {
        for (const w of group) w.reject(error);
        return;
      }
      for (const w of group) await this.#insert([w.row]).then(w.resolve, w.reject);
    }
  }
}
