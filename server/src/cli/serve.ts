import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import { createMailer } from '../mail/mailer.js';
import { directoryProblems } from '../domain/directory.js';
import { PersonalData } from '../domain/personal-data-inventory.js';
import { DueReminders, nextReminderAt } from '../mail/due-reminders.js';
import { Notifier } from '../mail/notifications.js';
import { Outbox } from '../mail/outbox.js';
import { smppGateway } from '../sms/smpp-gateway.js';
import { outboxGateway } from '../sms/sms-outbox.js';
import { SmsQueue } from '../sms/sms-queue.js';
import type { Store } from '../domain/store-port.js';

export interface RunningServer {
  /** Where this server answers, e.g. http://localhost:8080 */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on `config.port` (0: any free port); `close()` stops accepting connections,
 * answers 503 to requests that still arrive on open ones, lets those in flight finish
 * (their writes included) and a retention purge to the end of its page, sends the email
 * still waiting and finishes the SMS being sent, then closes the store.
 */
export async function serve(store: Store, config: Config, options: { demo?: boolean } = {}): Promise<RunningServer> {
  await reportDirectoryProblems(store);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const outbox = new Outbox(path.join(config.dataDir, 'outbox'));
  const mailer = createMailer({ smtpUrl: config.smtpUrl, outbox, from: config.mailFrom });
  const notifier = new Notifier(store, mailer, url, { timeZone: config.timeZone });
  const reminders = new DueReminders(store, mailer, url, config.timeZone);
  const smsQueue = new SmsQueue(config.smsUrl ? smppGateway(config.smsUrl) : outboxGateway(outbox));
  const personalData = new PersonalData(store, { outbox, outboxRetentionDays: config.outboxRetentionDays, sms: smsQueue });
  const sms = { queue: smsQueue, quietDays: config.smsQuietDays, outbox: config.smsUrl ? undefined : outbox };
  const app = createApp(store, { ...config, publicUrl: url, demo: options.demo ?? false, mailer, notifier, personalData, sms });
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
        (error) => console.error('Retention purge failed:', (error as Error).message),
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
        .catch((error) => console.error('Due reminders failed:', (error as Error).message))
        .finally(() => (reminding = undefined));
      scheduleReminders();
    }, nextReminderAt(Date.now(), config.timeZone) - Date.now());
    reminderTimer.unref();
  };
  scheduleReminders();
  return {
    url,
    async close() {
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
      await smsQueue.close();
      await store.close();
    },
  };
}

/**
 * Directory data that breaks the rules (e.g. written before they existed) does not stop
 * the server: it is said here, by id only (logs hold no personal data), and listed for
 * admins in the dashboard until fixed.
 */
async function reportDirectoryProblems(store: Store): Promise<void> {
  const problems = await directoryProblems(store);
  if (problems.length === 0) return;
  console.warn(`Suora: the directory has ${problems.length} problem(s) for an admin to fix (also shown in the dashboard's administration):`);
  for (const problem of problems) console.warn(`  - ${problem.message}`);
}
