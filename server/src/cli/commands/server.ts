import { readConfig, type Config } from '../../config.js';
import { createLogger, type Logger } from '../../observability/logger.js';
import { issueLoginKey } from '../../domain/auth.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/api-keys.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../domain/store-port.js';
import type { Command } from '../command.js';
import { seedDemo } from '../demo-seed.js';
import { serve, type RunningServer } from '../serve.js';

/** Running the server: for a city, or with the demo city. */
export const serverCommands: Record<string, Command> = {
  start: {
    usage: 'suora start                 run the server (PORT, SUORA_DATA_DIR, …: see the README)',
    options: {},
    async run(values) {
      const config = readConfig();
      const log = createLogger(config.logLevel);
      await runServer(await openStore(config, { log }), { demo: false, json: values.json === true, config, log });
    },
  },
  demo: {
    usage: 'suora demo                  run the server with a demo city (data in ./demo-data)',
    options: {},
    async run(values) {
      // The demo is read at the terminal: its log says only what went wrong, unless SUORA_LOG_LEVEL says more.
      const config = readConfig({ ...DEMO_CITY, ...process.env }, { dataDir: './demo-data', logLevel: 'warn' });
      const log = createLogger(config.logLevel);
      const store = await openStore(config, { log });
      await seedDemo(store, new Date(), config.timeZone);
      await runServer(store, { demo: true, json: values.json === true, config, log });
    },
  },
};

/** The demo city's identity, each overridden by its variable: its name, and a logo and statements of the demo's own pages. */
const DEMO_CITY = {
  SUORA_CITY_NAME: JSON.stringify({ fi: 'Lahden kaupunki', sv: 'Lahtis stad', en: 'City of Lahti' }),
  SUORA_LOGO_URL: '/demo/logo.svg',
  SUORA_PRIVACY_URL: '/demo/tietosuoja.html',
  SUORA_ACCESSIBILITY_URL: '/demo/saavutettavuus.html',
};

/**
 * The demo's API key for SMS surveys: a new one at each start (a key is shown only when made),
 * the previous one revoked.
 */
async function demoApiKey(store: Store): Promise<string> {
  const demoKeys = (await listApiKeys(store)).filter((k) => k.name.startsWith('demo-line-'));
  for (const key of demoKeys) if (!key.revokedAt) await revokeApiKey(store, 'server', key.id);
  return (await createApiKey(store, 'server', { name: `demo-line-${demoKeys.length + 1}`, scope: 'sms-surveys' })).key;
}

/** The request the customer-service line's system makes after a call with Aino Virtanen. */
function smsSurveyCurl(url: string, key: string): string {
  const body = JSON.stringify({ phone: '040 123 4567', official: DEMO_OFFICIAL, ref: 'LP-2026-0142' });
  return `curl -i -X POST ${url}/api/sms-surveys -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '${body}'`;
}

/**
 * Where the demo's mail and SMS go, each by its own setting: a gateway's host only (its URL
 * holds a password).
 */
function whereMessagesGo(config: Pick<Config, 'dataDir' | 'smtpUrl' | 'smsUrl'>): string[] {
  const outbox = `${config.dataDir}/outbox/`;
  return [
    config.smtpUrl ? `Email goes out through the mail server in SMTP_URL (${new URL(config.smtpUrl).host}).` : `Email that Suora sends goes to ${outbox} (set SMTP_URL to send it).`,
    config.smsUrl
      ? `SMS go out through the SMS centre in SMS_URL (${new URL(config.smsUrl).host}).`
      : `SMS that Suora sends go to ${outbox} and show on the messages page (set SMS_URL to send them).`,
  ];
}

/** The demo city's people who get sign-in links when the demo starts (demo/seed.json). */
const DEMO_OFFICIAL = 'aino-virtanen';
const DEMO_MANAGER = 'riitta-koskinen';
const DEMO_DECISION_MAKER = 'kari-salo';
const DEMO_ADMIN = 'tiina-hamalainen';

/** Serves `store` until SIGINT or SIGTERM; prints its addresses (one JSON line with `json`). */
async function runServer(
  store: Store,
  options: { demo: boolean; json: boolean; config: Config; log: Logger },
): Promise<void> {
  const { config, log } = options;
  let server: RunningServer;
  try {
    server = await serve(store, config, { demo: options.demo, log });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new Error(`PORT=${config.port} cannot be listened on (${(error as Error).message}): choose a free port, 1024 or above unless Suora may bind low ports.`, { cause: error });
    }
    throw error;
  }
  const signIn = async (officialId: string) => `${server.url}/login/${(await issueLoginKey(store, 'server', officialId)).key}`;
  const smsKey = options.demo ? await demoApiKey(store) : undefined;
  const urls = {
    server: server.url,
    widget: `${server.url}/suora.js`,
    publicPage: `${server.url}/public`,
    ...(options.demo && {
      demoPage: `${server.url}/demo/`,
      demoMessages: `${server.url}/demo/messages`,
      signIn: {
        official: await signIn(DEMO_OFFICIAL),
        manager: await signIn(DEMO_MANAGER),
        decisionMaker: await signIn(DEMO_DECISION_MAKER),
        admin: await signIn(DEMO_ADMIN),
      },
      smsSurvey: smsSurveyCurl(server.url, smsKey!),
    }),
    dataDir: config.dataDir,
  };
  if (options.json) console.log(JSON.stringify(urls));
  else if (options.demo) {
    console.log(`Suora demo is running. Data: ${config.dataDir}

  Demo city page (widget inline and as a button): ${urls.demoPage}
  Sample email with a survey signature, and SMS:  ${urls.demoMessages}
  Public feedback page:                          ${urls.publicPage}
  Server home page:                              ${urls.server}/

Sign in to the dashboard (each link works once, for 15 minutes;
new ones: node bin/suora.js login-link --official ID, with the demo stopped):
  Aino Virtanen, official:           ${urls.signIn!.official}
  Riitta Koskinen, manager:          ${urls.signIn!.manager}
  Kari Salo, decision-maker:         ${urls.signIn!.decisionMaker}
  Tiina Hämäläinen, admin:           ${urls.signIn!.admin}

A customer-service line asking for the SMS survey after a call (a new key at each start;
${config.smsUrl ? 'SMS_URL is set: the SMS goes to a real phone, so put your own number in it' : 'the SMS then shows on the messages page above'}):
  ${urls.smsSurvey}

${whereMessagesGo(config).join('\n')}
Press Ctrl+C to stop.`);
  } else console.log(`Suora is listening on ${server.url} (data: ${config.dataDir}).`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
