import { readConfig } from '../../config.js';
import { issueLoginKey } from '../../domain/auth.js';
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
      await runServer(await openStore(readConfig()), { demo: false, json: values.json === true });
    },
  },
  demo: {
    usage: 'suora demo                  run the server with a demo city (data in ./demo-data)',
    options: {},
    async run(values) {
      const config = readConfig(process.env, { dataDir: './demo-data' });
      const store = await openStore(config);
      await seedDemo(store, new Date(), config.timeZone);
      await runServer(store, { demo: true, json: values.json === true, config });
    },
  },
};

/** The demo city's people who get sign-in links when the demo starts (demo/seed.json). */
const DEMO_OFFICIAL = 'aino-virtanen';
const DEMO_MANAGER = 'riitta-koskinen';
const DEMO_DECISION_MAKER = 'kari-salo';
const DEMO_ADMIN = 'tiina-hamalainen';

/** Serves `store` until SIGINT or SIGTERM; prints its addresses (one JSON line with `json`). */
async function runServer(
  store: Store,
  options: { demo: boolean; json: boolean; config?: ReturnType<typeof readConfig> },
): Promise<void> {
  const config = options.config ?? readConfig();
  let server: RunningServer;
  try {
    server = await serve(store, config, { demo: options.demo });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new Error(`PORT=${config.port} cannot be listened on (${(error as Error).message}): choose a free port, 1024 or above unless Suora may bind low ports.`, { cause: error });
    }
    throw error;
  }
  const signIn = async (officialId: string) => `${server.url}/login/${(await issueLoginKey(store, 'server', officialId)).key}`;
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

Email that Suora sends goes to ${config.dataDir}/outbox/ (set SMTP_URL to send it).
Press Ctrl+C to stop.`);
  } else console.log(`Suora is listening on ${server.url} (data: ${config.dataDir}).`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
