import type pg from 'pg';

const CHANNEL = 'suora_directory';
/** After a lost LISTEN connection, how long to query the database directly before listening again. */
const RETRY_MS = 5000;

/**
 * The directory (service areas, topics, officials, signature links) read once and kept,
 * since every submission reads it and it seldom changes. A change by any server process
 * is announced with `NOTIFY suora_directory`, and every process that LISTENs drops its copy.
 * Without a working LISTEN connection there is no copy: each read goes to the database.
 */
export class DirectoryCache<T> {
  readonly #pool: pg.Pool;
  readonly #load: () => Promise<T>;
  #copy: Promise<T> | undefined;
  #listener: pg.PoolClient | undefined;
  #listening: Promise<boolean> | undefined;
  #lastFailure = 0;
  #closed = false;

  constructor(pool: pg.Pool, load: () => Promise<T>) {
    this.#pool = pool;
    this.#load = load;
  }

  async get(): Promise<T> {
    if (!(await this.#listen())) return this.#load();
    if (!this.#copy) {
      const copy = this.#load();
      this.#copy = copy;
      copy.catch(() => {
        if (this.#copy === copy) this.#copy = undefined;
      });
    }
    return this.#copy;
  }

  /** After a change: this process drops its copy, and tells the others to. */
  async changed(): Promise<void> {
    this.#copy = undefined;
    await this.#pool.query(`NOTIFY ${CHANNEL}`);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#drop();
  }

  #listen(): Promise<boolean> {
    if (this.#closed || Date.now() - this.#lastFailure < RETRY_MS) return Promise.resolve(false);
    this.#listening ??= (async () => {
      let client: pg.PoolClient | undefined;
      try {
        client = await this.#pool.connect();
        client.on('notification', () => (this.#copy = undefined));
        client.on('error', () => this.#fail());
        await client.query(`LISTEN ${CHANNEL}`);
        this.#listener = client;
        return true;
      } catch {
        client?.release(true);
        this.#fail();
        return false;
      }
    })();
    return this.#listening;
  }

  #fail(): void {
    this.#lastFailure = Date.now();
    this.#drop();
  }

  #drop(): void {
    this.#copy = undefined;
    this.#listening = undefined;
    this.#listener?.release(true);
    this.#listener = undefined;
  }
}
