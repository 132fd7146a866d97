import { silentLogger, type Logger } from '../observability/logger.js';

/** How often a queue looks for work due that no timer of its own is waiting for (another server's, or from before a restart). */
const DEFAULT_POLL_MS = 60_000;
/** Entries claimed at a time. */
const BATCH = 20;

/** What a queue in the store does with the loop: claim the entries due, and try one. */
export interface ClaimedWork<T> {
  /** Holds up to `limit` entries due by `now` until `until` for this server, and returns them. */
  claim(now: string, until: string, limit: number): Promise<T[]>;
  /** Tries one claimed entry; records its own outcome (never throws for it). */
  attempt(entry: T): Promise<void>;
}

/**
 * The loop behind a queue kept in the store (the mail queue, the SMS queue): it claims what
 * is due, now and each time a retry falls due (one timer, for the earliest) and every
 * `pollMs` (entries another server failed, or left before a restart), and tries each claimed
 * entry. Any number of servers on one store run it: the store's claim gives each entry to one.
 */
export class ClaimLoop<T> {
  readonly #pollMs: number;
  readonly #log: Logger;
  /** What the queue holds, for its log: `mail`, `SMS`. */
  readonly #what: string;
  #wake: { timer: NodeJS.Timeout; at: number } | undefined;
  #wakes: number[] = [];
  #poll: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  readonly #trying = new Set<Promise<void>>();

  constructor(
    private readonly work: ClaimedWork<T>,
    /** How long a claim holds an entry: longer than any try takes, so that another server takes it over only from one that died. */
    private readonly holdMs: number,
    options: { pollMs?: number | undefined; log?: Logger | undefined; what: string },
  ) {
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.#log = options.log ?? silentLogger;
    this.#what = options.what;
  }

  /** When a claim made now holds an entry until. */
  holdFrom(now: number): string {
    return new Date(now + this.holdMs).toISOString();
  }

  /** Tries what is due now (left from before a restart), then keeps looking. */
  start(): void {
    this.#poll = setInterval(() => this.run(), this.#pollMs);
    this.#poll.unref();
    this.run();
  }

  /** Stops looking and waits for the tries under way; what is left waits in the store. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    clearTimeout(this.#wake?.timer);
    await this.#running;
    await Promise.all(this.#trying);
  }

  /** Looks for entries due now; a call while looking makes it look again after. */
  run(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#tryDue()
      .catch((error) => this.#log.error({ err: error }, `the ${this.#what} queue could not be read`))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.run();
        }
      });
  }

  /** Tries an entry this server holds already (one just queued), counted among the tries `stop` waits for. */
  async attempt(entry: T): Promise<void> {
    const trying = this.work.attempt(entry);
    this.#trying.add(trying);
    try {
      await trying;
    } finally {
      this.#trying.delete(trying);
    }
  }

  /** Resolves when this server is looking for nothing and trying nothing. */
  async idle(): Promise<void> {
    while (this.#running || this.#trying.size > 0) await Promise.all([this.#running, ...this.#trying]);
  }

  /** Looks again at `at`, and at every other time asked for: one timer, for the earliest. */
  wakeAt(at: number): void {
    if (this.#stopped) return;
    this.#wakes.push(at);
    const earliest = Math.min(...this.#wakes);
    if (this.#wake && this.#wake.at <= earliest) return;
    clearTimeout(this.#wake?.timer);
    const timer = setTimeout(() => {
      this.#wake = undefined;
      const now = Date.now();
      const later = this.#wakes.filter((t) => t > now);
      this.#wakes = [];
      this.run();
      for (const t of later) this.wakeAt(t);
    }, Math.max(0, earliest - Date.now()));
    timer.unref();
    this.#wake = { timer, at: earliest };
  }

  async #tryDue(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const claimed = await this.work.claim(new Date(now).toISOString(), this.holdFrom(now), BATCH);
      for (const entry of claimed) await this.attempt(entry);
      if (claimed.length < BATCH || this.#stopped) return;
    }
  }
}
