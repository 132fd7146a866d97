import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readConfig } from '../config.js';
import { addOfficial, addServiceArea, addTopic } from '../domain/directory.js';
import { RequestError } from '../domain/errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { seedDemo } from './demo-seed.js';
import { serve, type RunningServer } from './serve.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

/** What a command prints: `text` for people, `json` with `--json`. */
interface Output {
  text: string;
  json: unknown;
}

interface Command {
  usage: string;
  options: Options;
  run(values: Values): Promise<Output | void>;
}

const nameOptions: Options = {
  fi: { type: 'string' },
  sv: { type: 'string' },
  en: { type: 'string' },
};

const COMMANDS: Record<string, Command> = {
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
      await seedDemo(store);
      await runServer(store, { demo: true, json: values.json === true, config });
    },
  },
  'area add': {
    usage: 'suora area add --fi NAME --sv NAME --en NAME [--id ID] [--official ID]',
    options: { ...nameOptions, id: { type: 'string' }, official: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const area = await addServiceArea(store, {
          ...(v.id !== undefined && { id: String(v.id) }),
          name: names(v),
          ...(v.official !== undefined && { officialId: String(v.official) }),
        });
        return { text: `Added service area ${area.id}: ${area.name.fi}`, json: area };
      }),
  },
  'topic add': {
    usage: 'suora topic add --area ID --official ID --fi NAME --sv NAME --en NAME [--id ID] [--business]',
    options: {
      ...nameOptions,
      id: { type: 'string' },
      area: { type: 'string' },
      official: { type: 'string' },
      business: { type: 'boolean' },
    },
    run: (v) =>
      withStore(async (store) => {
        const topic = await addTopic(store, {
          ...(v.id !== undefined && { id: String(v.id) }),
          name: names(v),
          serviceAreaId: required(v, 'area'),
          officialId: required(v, 'official'),
          forBusinesses: v.business === true,
        });
        return { text: `Added topic ${topic.id}: ${topic.name.fi} → ${topic.officialId}`, json: topic };
      }),
  },
  'official add': {
    usage:
      'suora official add --name NAME --email EMAIL --area ID [--title TITLE] [--role official|decision-maker|admin] [--id ID]',
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      title: { type: 'string' },
      email: { type: 'string' },
      area: { type: 'string' },
      role: { type: 'string' },
    },
    run: (v) =>
      withStore(async (store) => {
        const official = await addOfficial(store, {
          ...(v.id !== undefined && { id: String(v.id) }),
          name: required(v, 'name'),
          email: required(v, 'email'),
          serviceAreaId: required(v, 'area'),
          ...(v.title !== undefined && { title: String(v.title) }),
          ...(v.role !== undefined && { role: String(v.role) as 'official' }),
        });
        return { text: `Added ${official.role} ${official.id}: ${official.name} <${official.email}>`, json: official };
      }),
  },
  export: {
    usage: 'suora export [--json]         all feedback with its attribution',
    options: {},
    async run() {
      // Read-only: safe while the server runs, since lowdb replaces files atomically.
      const store = await openStore(readConfig(), { readOnly: true });
      const feedback = (await store.listFeedback()).map(({ editKeyHash: _, editableUntil: __, ...item }) => item);
      await store.close();
      const text = feedback
        .map((f) => `${f.createdAt}  ${f.id}  ${f.channel}  ${f.topicId ?? '-'}  ${f.officialId}  ${f.rating ?? '-'}  ${f.comment ?? ''}`)
        .join('\n');
      return { text: text || 'No feedback yet.', json: feedback };
    },
  },
};

async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  const key = first && second && COMMANDS[`${first} ${second}`] ? `${first} ${second}` : first;
  const command = key ? COMMANDS[key] : undefined;
  if (!command) {
    if (first && first !== 'help' && first !== '--help') console.error(`Unknown command: ${argv.join(' ')}\n`);
    console.error(usage());
    return first && first !== 'help' && first !== '--help' ? 2 : 0;
  }

  let values: Values;
  try {
    const parsed = parseArgs({
      args: argv.slice(key!.split(' ').length),
      options: { ...command.options, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    values = parsed.values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }

  try {
    const output = await command.run(values);
    if (output) console.log(values.json ? JSON.stringify(output.json, null, 2) : output.text);
    return 0;
  } catch (error) {
    if (error instanceof RequestError || error instanceof UsageError) {
      console.error(error.message);
      if (error instanceof RequestError && error.fields && Object.keys(error.fields).length > 1) {
        for (const [field, message] of Object.entries(error.fields)) console.error(`  ${field}: ${message}`);
      }
      if (error instanceof UsageError) console.error(`\nUsage: ${command.usage}`);
      return 1;
    }
    console.error((error as Error).message ?? error);
    return 1;
  }
}

class UsageError extends Error {}

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing --${name}.`);
  return value;
}

function names(values: Values): { fi: string; sv: string; en: string } {
  return { fi: required(values, 'fi'), sv: required(values, 'sv'), en: required(values, 'en') };
}

async function withStore(work: (store: Store) => Promise<Output>): Promise<Output> {
  const store = await openStore(readConfig());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

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
    throw error;
  }
  const urls = {
    server: server.url,
    widget: `${server.url}/suora.js`,
    ...(options.demo && { demoPage: `${server.url}/demo/` }),
    dataDir: config.dataDir,
  };
  if (options.json) console.log(JSON.stringify(urls));
  else if (options.demo) {
    console.log(`Suora demo is running. Data: ${config.dataDir}

  Demo city page (widget inline and as a button): ${urls.demoPage}
  Server home page:                              ${urls.server}/
  Widget script:                                 ${urls.widget}

Press Ctrl+C to stop.`);
  } else console.log(`Suora is listening on ${server.url} (data: ${config.dataDir}).`);

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function usage(): string {
  return `Usage: suora <command> [options] [--json]

${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}`;
}

process.exitCode = await main(process.argv.slice(2));
