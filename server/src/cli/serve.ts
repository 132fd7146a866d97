import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { directoryProblems } from '../domain/directory.js';
import { PersonalData } from '../domain/personal-data-inventory.js';
import { DueReminders, nextReminderAt } from '../mail/due-reminders.js';
import { MailQueue } from '../mail/mail-queue.js';
import { Notifier } from '../mail/notifications.js';
import { Outbox } from '../mail/outbox.js';
import { smppGateway } from '../sms/smpp-gateway.js';
import { outboxGateway } from '../sms/sms-outbox.js';
import { SmsQueue } from '../sms/sms-queue.js';
import type { Store } from '../domain/store-port.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { mailerCounted, storeTimed } from '../observability/observed.js';

export interface RunningServer {
  /** Where this server answers, e.g. http://localhost:8080 */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on `config.port` (0: any free port); `close()` stops accepting connections,
 * answers 503 to requests that still arrive on open ones, lets those in flight finish
 * (their writes included) and a retention purge to the end of its page, queues the digests
 * still gathering, lets the mail and SMS being tried finish (the rest waits in the store for the
 * next start), then closes the store. Its log (`log`, default JSON
 * lines on stdout at `config.logLevel`) says when it starts and stops, each request, and
 * what failed.
 */
export async function serve(opened: Store, config: Config, options: { demo?: boolean; log?: Logger } = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  // Counted only when someone may read them (SUORA_METRICS_TOKEN).
  const metrics = config.metricsToken ? new Metrics() : undefined;
  const store = metrics ? storeTimed(opened, metrics) : opened;
  await reportDirectoryProblems(store, log);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const outbox = new Outbox(path.join(config.dataDir, 'outbox'));
  // Every mail goes through the queue in the store: retried, kept over a restart, shown to admins when it fails.
  const transport = createMailer({ smtpUrl: config.smtpUrl, outbox, from: config.mailFrom, city: { identity: config.identity, publicUrl: url } });
  const mailer = new MailQueue(store, metrics ? mailerCounted(transport, metrics) : transport, { log });
  if (metrics) metrics.watchMailQueue(async () => notifier.waiting + (await store.listQueuedMail()).length);
  mailer.start();
  const notifier = new Notifier(store, mailer, url, { timeZone: config.timeZone, log });
  const reminders = new DueReminders(store, mailer, url, config.timeZone, log);
  // Every SMS goes through the queue in the store too: retried by any server, kept over a restart, never sent twice.
  const smsQueue = new SmsQueue(store, config.smsUrl ? smppGateway(config.smsUrl) : outboxGateway(outbox), { log });
  if (metrics) metrics.watchSms(() => smsQueue.counts());
  smsQueue.start();
  const personalData = new PersonalData(store, { outbox, outboxRetentionDays: config.outboxRetentionDays });
  const sms = { queue: smsQueue, quietDays: config.smsQuietDays, rateLimit: config.smsRateLimit, outbox: config.smsUrl ? undefined : outbox };
  const app = createApp(store, { ...config, publicUrl: url, demo: options.demo ?? false, mailer, notifier, personalData, sms, log, metrics });
  let draining = false;
  server.on('request', (req, res) => {
    if (!draining) return app(req, res);
    // Shutting down: requests already running finish; a new one is told to come back.
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5', Connection: 'close' });
    res.end(JSON.stringify({ error: { code: 'shutting_down', message: 'The server is restarting. Please send again in a moment.' } }));
  });
  // The retention rule runs soon after start and then daily; shutting down stops it between pages.
  const stopPurging = new AbortController();
  let purging: Promise<void> | undefined;
  const purge = () => {
    purging ??= personalData
      .purge(config.retentionDays, { signal: stopPurging.signal })
      .then(
        () => {},
        (error) => log.error({ err: error }, 'the retention purge failed'),
      )
      .finally(() => (purging = undefined));
  };
  const firstPurge = setTimeout(purge, 60_000);
  const dailyPurge = setInterval(purge, 86_400_000);
  firstPurge.unref();
  dailyPurge.unref();
  // The response-target reminders: daily at the city's REMINDER_HOUR.
  let reminding: Promise<unknown> | undefined;
  let reminderTimer: NodeJS.Timeout | undefined;
  const scheduleReminders = () => {
    reminderTimer = setTimeout(() => {
      reminding = reminders
        .send()
        .catch((error) => log.error({ err: error }, 'the due reminders failed'))
        .finally(() => (reminding = undefined));
      scheduleReminders();
    }, nextReminderAt(Date.now(), config.timeZone) - Date.now());
    reminderTimer.unref();
  };
  scheduleReminders();
  log.info({ url, port, store: config.databaseUrl ? 'postgresql' : 'lowdb', metrics: metrics !== undefined, demo: options.demo ?? false }, 'Suora started');
  return {
    url,
    async close() {
      log.info('Suora stopping: finishing the requests and email under way');
      clearTimeout(firstPurge);
      clearInterval(dailyPurge);
      clearTimeout(reminderTimer);
      stopPurging.abort();
      draining = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await purging;
      await reminding;
      await notifier.flush();
      await mailer.stop();
      await smsQueue.stop();
      await opened.close();
      log.info('Suora stopped');
    },
  };
}

/**
 * Directory data that breaks the rules (e.g. written before they existed) does not stop
 * the server: it is said here, by id only (logs hold no personal data), and listed for
 * admins in the dashboard until fixed.
 */
async function reportDirectoryProblems(store: Store, log: Logger): Promise<void> {
  for (const problem of await directoryProblems(store)) {
    log.warn({ problem: problem.code }, `the directory has a problem for an admin to fix (also shown in the dashboard's administration): ${problem.message}`);
  }
}
