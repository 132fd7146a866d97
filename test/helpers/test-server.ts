import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createApp, type AppOptions } from '../../server/src/app.js';
import { PersonalData } from '../../server/src/domain/personal-data-inventory.js';
import { createMailer, type Mailer } from '../../server/src/mail/mailer.js';
import { MailQueue } from '../../server/src/mail/mail-queue.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { Notifier } from '../../server/src/mail/notifications.js';
import { DueReminders } from '../../server/src/mail/due-reminders.js';
import { DEFAULT_TIME_ZONE } from '../../server/src/domain/city-time.js';
import type { SmsGateway } from '../../server/src/sms/smpp-gateway.js';
import { outboxGateway } from '../../server/src/sms/sms-outbox.js';
import { SmsQueue } from '../../server/src/sms/sms-queue.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { seedTestCity } from './test-city.js';
import { Metrics } from '../../server/src/observability/metrics.js';
import { mailerCounted, storeTimed } from '../../server/src/observability/observed.js';

export interface TestServer {
  url: string;
  store: Store;
  notifier: Notifier;
  /** The send queue every mail of the server goes through. */
  mailQueue: MailQueue;
  /** The SMS send queue. */
  smsQueue: SmsQueue;
  /** The daily due reminders the server's timer sends, for a test to send at a time of its choosing. */
  reminders: DueReminders;
  personalData: PersonalData;
  dataDir: string;
  /** The app it serves: its routes are listed by `routesOf` (test/helpers/routes.ts). */
  app: Express;
  close(): Promise<void>;
}

/**
 * A real Suora server on 127.0.0.1 and a free port, over a fresh lowdb data directory;
 * `prepare` may put files in that directory before the store opens it. Or over the empty
 * PostgreSQL database at `databaseUrl` (see startPostgres), seeded here. Or over `store`, a
 * store of the caller's own, which the caller seeds and closes.
 * Digests wait `digestDelayMs` (default 20 ms: tests wait for mail in milliseconds, not a minute);
 * a failed mail is tried again after each of `retryDelaysMs` (default 20 ms, twice). `mailer`:
 * the transport (default: the outbox of the data directory); the server's queue is in front of it.
 * SMS go through `sms.gateway` (default: the outbox), tried again after each of `sms.retryDelaysMs`
 * (default 20 ms, twice); the queue also looks for messages due every `sms.pollMs` (default a minute).
 */
export async function startTestServer(
  {
    digestDelayMs = 20,
    retryDelaysMs = [20, 20],
    store: ownStore,
    databaseUrl,
    mailer: transport,
    sms: smsOptions = {},
    ...options
  }: Partial<Omit<AppOptions, 'mailer' | 'sms'>> & {
    mailer?: Mailer;
    digestDelayMs?: number;
    retryDelaysMs?: number[];
    store?: Store;
    databaseUrl?: string;
    sms?: { gateway?: SmsGateway; retryDelaysMs?: number[]; pollMs?: number; quietDays?: number; rateLimit?: number | 'off'; outbox?: Outbox };
  } = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-test-'));
  await prepare?.(dataDir);
  const opened = ownStore ?? (databaseUrl === undefined ? await LowdbStore.open(dataDir, { timeZone: options.timeZone }) : await PostgresStore.open(databaseUrl, { timeZone: options.timeZone }));
  if (!ownStore) await seedTestCity(opened);
  // As `suora start` counts them: the store's commits and the mail too, with a metrics token.
  const metrics = options.metricsToken ? new Metrics() : undefined;
  const store = metrics ? storeTimed(opened, metrics) : opened;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const outbox = new Outbox(path.join(dataDir, 'outbox'));
  const given = transport ?? createMailer({ smtpUrl: undefined, outbox, from: 'suora@example.fi' });
  const mailer = new MailQueue(store, metrics ? mailerCounted(given, metrics) : given, { retryDelaysMs, log: options.log });
  mailer.start();
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const notifier = new Notifier(store, mailer, url, { digestDelayMs, timeZone, log: options.log });
  if (metrics) metrics.watchMailQueue(async () => notifier.waiting + (await store.listQueuedMail()).length);
  const reminders = new DueReminders(store, mailer, url, timeZone, options.log);
  // SMS surveys are offered as the server offers them, into the outbox, unless the test brings its own gateway.
  const smsOutbox = smsOptions.outbox ?? outbox;
  const smsQueue = new SmsQueue(store, smsOptions.gateway ?? outboxGateway(smsOutbox), { retryDelaysMs: smsOptions.retryDelaysMs ?? [20, 20], pollMs: smsOptions.pollMs, log: options.log });
  smsQueue.start();
  const sms = { queue: smsQueue, quietDays: smsOptions.quietDays ?? 30, rateLimit: smsOptions.rateLimit ?? 'off', outbox: smsOptions.gateway ? undefined : smsOutbox };
  if (metrics) metrics.watchSms(() => smsQueue.counts());
  const personalData = new PersonalData(store, { outbox, outboxRetentionDays: 30 });
  const app = createApp(store, { publicUrl: url, allowedOrigins: [], rateLimit: 'off', open311RateLimit: 'off', notifier, personalData, ...options, mailer, metrics, sms });
  server.on('request', app);
  return {
    url,
    store,
    notifier,
    mailQueue: mailer,
    smsQueue,
    reminders,
    personalData,
    dataDir,
    app,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await notifier.flush();
      await mailer.stop();
      await smsQueue.stop();
      if (!ownStore) await opened.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs `body` as JSON (or as given, when a string) and returns the status and parsed answer. */
export async function postFeedback(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${url}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Signs in as an official through a real one-time link; returns the Cookie header to send. */
export async function signInAs(server: TestServer, officialId: string): Promise<string> {
  const { issueLoginKey } = await import('../../server/src/domain/auth.js');
  const { key } = await issueLoginKey(server.store, 'server', officialId);
  const response = await fetch(`${server.url}/login/${key}`, {
    method: 'POST',
    headers: { Origin: server.url },
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A request as a signed-in browser on Suora's own pages would make it. */
export async function asStaff(
  server: TestServer,
  cookie: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(cookie && { Cookie: cookie }),
      Origin: server.url,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
