import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The SMS queue's counts since start: `failed` given up, `failedAttempts` tries that failed. */
interface SmsCounts {
  waiting: number;
  sent: number;
  failed: number;
  failedAttempts: number;
}

/**
 * What `GET /metrics` tells Prometheus, in a registry of this server's own (never
 * prom-client's global one: a test process runs many servers). Labels are route patterns,
 * methods, statuses, channels and store operations: never a URL, id or token.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({
    name: 'suora_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: 'suora_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly #submissions = new Counter({
    name: 'suora_submissions_total',
    help: 'Feedback received and stored, by channel (widget, or a signature link sent by email or SMS).',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  readonly #commits = new Histogram({
    name: 'suora_store_commit_seconds',
    help: 'Time a change takes to be stored (on disk, or committed in PostgreSQL), by store operation.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly #mailSent = new Counter({ name: 'suora_mail_sent_total', help: 'Emails handed to the SMTP server or written to the outbox.', registers: [this.registry] });
  readonly #mailFailures = new Counter({
    name: 'suora_mail_failures_total',
    help: 'Attempts to send an email that failed (a retried message counts each failed try).',
    registers: [this.registry],
  });
  #mailQueue: () => number | Promise<number> = () => 0;
  #sms: () => SmsCounts | Promise<SmsCounts> = () => ({ waiting: 0, sent: 0, failed: 0, failedAttempts: 0 });

  constructor() {
    const queue = () => this.#mailQueue();
    new Gauge({
      name: 'suora_mail_queue_length',
      help: 'Emails waiting to be sent: new feedback gathered for a digest, and the mail queue (failed mail waiting for an admin included).',
      registers: [this.registry],
      async collect() {
        this.set(await queue());
      },
    });
    const sms = () => this.#sms();
    new Gauge({
      name: 'suora_sms_waiting',
      help: 'SMS surveys waiting to be sent or retried, by any server on the store.',
      registers: [this.registry],
      async collect() {
        this.set((await sms()).waiting);
      },
    });
    // Counts kept by the SMS queue since start: read as gauges that only grow, as a counter would.
    new Gauge({
      name: 'suora_sms_sent_total',
      help: 'SMS surveys handed to the SMS gateway (or written to the outbox) since start.',
      registers: [this.registry],
      async collect() {
        this.set((await sms()).sent);
      },
    });
    new Gauge({
      name: 'suora_sms_failures_total',
      help: 'Tries to send an SMS survey that failed since start, whether tried again or given up after (as suora_mail_failures_total).',
      registers: [this.registry],
      async collect() {
        this.set((await sms()).failedAttempts);
      },
    });
    new Gauge({
      name: 'suora_sms_given_up_total',
      help: 'SMS surveys given up after their last try since start (admins see them at GET /api/admin/sms).',
      registers: [this.registry],
      async collect() {
        this.set((await sms()).failed);
      },
    });
    // The process's own: CPU, memory, open files, event loop delay, garbage collection.
    collectDefaultMetrics({ register: this.registry });
  }

  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.#requests.inc({ method, route, status: String(status) });
    this.#latency.observe({ method, route }, seconds);
  }

  submitted(channel: string): void {
    this.#submissions.inc({ channel });
  }

  committed(operation: string, seconds: number): void {
    this.#commits.observe({ operation }, seconds);
  }

  mailSent(): void {
    this.#mailSent.inc();
  }

  mailFailed(): void {
    this.#mailFailures.inc();
  }

  /** Where the mail queue's length is read, each time Prometheus asks. */
  watchMailQueue(length: () => number | Promise<number>): void {
    this.#mailQueue = length;
  }

  /** Where the SMS queue's counts are read, each time Prometheus asks. */
  watchSms(counts: () => SmsCounts | Promise<SmsCounts>): void {
    this.#sms = counts;
  }

  /** The Prometheus text format. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
