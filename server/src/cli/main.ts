import { once } from 'node:events';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { LocalizedText } from '../../../contract/api.js';
import { readConfig } from '../config.js';
import { issueLoginKey } from '../domain/auth.js';
import type { Actor } from '../domain/audit.js';
import { addOfficial, addServiceArea, addTopic, endSessions, updateOfficial, updateServiceArea } from '../domain/directory.js';
import { RequestError } from '../domain/errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createLink, listLinks, revokeLink, rotateLink, type LinkDetails } from '../domain/signature-links.js';
import { emailSnippetHtml, emailSnippetText, smsText, surveyUrl } from '../domain/signature-snippet.js';
import { PersonalData } from '../domain/personal-data-inventory.js';
import { Outbox } from '../mail/outbox.js';
import path from 'node:path';
import { backupDataDirectory } from '../store/lowdb/backup.js';
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
  /** How many positional arguments it takes (default none). */
  positionals?: number;
  run(values: Values, positionals: string[]): Promise<Output | void>;
}

/** The operator at the console: trusted, audited with no actor id, and the detail says "command line". */
const CLI: Actor = 'command line';

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
        const area = await addServiceArea(store, CLI, {
          ...(v.id !== undefined && { id: String(v.id) }),
          name: names(v),
          ...(v.official !== undefined && { officialId: String(v.official) }),
        });
        return { text: `Added service area ${area.id}: ${area.name.fi}`, json: area };
      }),
  },
  'area update': {
    usage: 'suora area update ID [--fi NAME --sv NAME --en NAME] [--official ID]   the contact gets the area’s feedback that has no topic',
    options: { ...nameOptions, official: { type: 'string' } },
    positionals: 1,
    run: (v, [areaId]) =>
      withStore(async (store) => {
        const named = v.fi !== undefined || v.sv !== undefined || v.en !== undefined;
        const area = await updateServiceArea(store, CLI, areaId!, {
          ...(named && { name: names(v) }),
          ...(v.official !== undefined && { officialId: String(v.official) }),
        });
        return { text: `Updated service area ${area.id}: ${area.name.fi}${area.officialId ? ` → ${area.officialId}` : ''}`, json: area };
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
        const topic = await addTopic(store, CLI, {
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
        const official = await addOfficial(store, CLI, {
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
  'official update': {
    usage:
      'suora official update ID [--name NAME] [--title TITLE] [--email EMAIL] [--area ID] [--role ROLE] [--active true|false] [--successor ID]',
    options: {
      name: { type: 'string' },
      title: { type: 'string' },
      email: { type: 'string' },
      area: { type: 'string' },
      role: { type: 'string' },
      active: { type: 'string' },
      successor: { type: 'string' },
    },
    positionals: 1,
    run: (v, [officialId]) =>
      withStore(async (store) => {
        if (v.active !== undefined && v.active !== 'true' && v.active !== 'false') throw new UsageError('--active is true or false.');
        const official = await updateOfficial(store, CLI, officialId!, {
          ...(v.name !== undefined && { name: String(v.name) }),
          ...(v.title !== undefined && { title: String(v.title) }),
          ...(v.email !== undefined && { email: String(v.email) }),
          ...(v.area !== undefined && { serviceAreaId: String(v.area) }),
          ...(v.role !== undefined && { role: String(v.role) }),
          ...(v.active !== undefined && { active: v.active === 'true' }),
          ...(v.successor !== undefined && { successor: String(v.successor) }),
        });
        const state = official.active ? official.role : `inactive ${official.role}`;
        return { text: `Updated ${state} ${official.id}: ${official.name} <${official.email}>`, json: official };
      }),
  },
  'official end-sessions': {
    usage: 'suora official end-sessions ID   signs the person out everywhere at once',
    options: {},
    positionals: 1,
    run: (_v, [officialId]) =>
      withStore(async (store) => {
        const ended = await endSessions(store, CLI, officialId!);
        return { text: `Ended ${ended} session(s) of ${officialId}.`, json: { officialId, ended } };
      }),
  },
  'link create': {
    usage: 'suora link create --official ID [--area ID] [--channel email|sms]   prints the URL and the signature snippets',
    options: { official: { type: 'string' }, area: { type: 'string' }, channel: { type: 'string' } },
    run: (v) =>
      withStore(async (store) =>
        describeLink(
          await createLink(store, CLI, {
            officialId: required(v, 'official'),
            serviceAreaId: v.area as string | undefined,
            channel: v.channel as string | undefined,
          }),
        ),
      ),
  },
  'link list': {
    usage: 'suora link list [--official ID]',
    options: { official: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const links = await listLinks(store, { officialId: v.official as string | undefined });
        const base = publicUrl();
        const text = links
          .map((l) => `${l.revokedAt ? 'revoked' : 'live   '}  ${l.channel.padEnd(5)}  ${l.officialId}  ${l.serviceAreaId}  ${surveyUrl(base, l.token)}`)
          .join('\n');
        return { text: text || 'No signature links yet.', json: links };
      }),
  },
  'link revoke': {
    usage: 'suora link revoke TOKEN',
    options: {},
    positionals: 1,
    run: (_v, [token]) =>
      withStore(async (store) => {
        const link = await revokeLink(store, CLI, token!);
        return { text: `Revoked: its survey page now says the link is no longer in use.`, json: link };
      }),
  },
  'link rotate': {
    usage: 'suora link rotate TOKEN   revokes it and prints a new link for the same official and area',
    options: {},
    positionals: 1,
    run: (_v, [token]) => withStore(async (store) => describeLink(await rotateLink(store, CLI, token!))),
  },
  'login-link': {
    usage: 'suora login-link --official ID   a one-time sign-in link, valid for 15 minutes',
    options: { official: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const { key, official } = await issueLoginKey(store, CLI, required(v, 'official'));
        const url = `${publicUrl()}/login/${key}`;
        return { text: `Sign-in link for ${official.name} (${official.role}), valid once for 15 minutes:\n  ${url}`, json: { url, officialId: official.id } };
      }),
  },
  purge: {
    usage: 'suora purge [--days N]              remove contact data and free text older than SUORA_RETENTION_DAYS',
    options: { days: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const days = v.days === undefined ? readConfig().retentionDays : Number(v.days);
        if (!Number.isInteger(days) || days < 1) throw new UsageError('--days is a whole number of days, 1 or more.');
        const purged = await personalData(store).purge(days, { actor: CLI });
        return { text: `Purged contact data and free text from ${purged} items older than ${days} days.`, json: { purged, days } };
      }),
  },
  access: {
    usage: 'suora access --email EMAIL | --id REF   a person’s own feedback, as JSON',
    options: { email: { type: 'string' }, id: { type: 'string' } },
    // Not read-only: the access is audited (with lowdb, stop the server first).
    run: (v) =>
      withStore(async (store) => {
        const copy = await personalData(store).access(CLI, { email: v.email as string | undefined, id: v.id as string | undefined });
        return { text: JSON.stringify(copy, null, 2), json: copy };
      }),
  },
  erase: {
    usage: 'suora erase --email EMAIL | --id REF   erase a person’s feedback for good',
    options: { email: { type: 'string' }, id: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const who = { email: v.email as string | undefined, id: v.id as string | undefined };
        const erased = await personalData(store).erase(CLI, who);
        return { text: erased.length ? `Erased ${erased.length}: ${erased.join(', ')}` : 'Nothing to erase.', json: { erased } };
      }),
  },
  backup: {
    usage: 'suora backup DIR                     a consistent copy of the lowdb data directory, also while the server runs',
    options: {},
    positionals: 1,
    async run(_v, [target]) {
      const config = readConfig();
      if (config.databaseUrl) throw new UsageError('With DATABASE_URL, back up PostgreSQL with pg_dump.');
      const files = await backupDataDirectory(config.dataDir, target!);
      return { text: `Copied ${files} files from ${config.dataDir} to ${target}.`, json: { files, from: config.dataDir, to: target } };
    },
  },
  export: {
    usage: 'suora export [--json]         all feedback with its attribution',
    options: {},
    async run(values) {
      // Read-only: safe while the server runs, since lowdb replaces files atomically.
      const store = await openStore(readConfig(), { readOnly: true });
      // Written a batch at a time: a million items would not fit in one string.
      const write = (text: string) => (process.stdout.write(text) ? Promise.resolve() : once(process.stdout, 'drain').then(() => {}));
      let count = 0;
      try {
        if (values.json) await write('[');
        for await (const batch of store.feedbackBatches()) {
          const items = batch.map(({ editKeyHash: _, editableUntil: __, ...item }) => item);
          const lines = values.json
            ? items.map((item) => `\n  ${JSON.stringify(item)}`).join(',')
            : items.map((f) => `${f.createdAt}  ${f.id}  ${f.channel}  ${f.topicId ?? '-'}  ${f.officialId}  ${f.rating ?? '-'}  ${f.comment ?? ''}\n`).join('');
          await write(count > 0 && values.json ? `,${lines}` : lines);
          count += items.length;
        }
        await write(values.json ? (count > 0 ? '\n]\n' : ']\n') : count > 0 ? '' : 'No feedback yet.\n');
      } finally {
        await store.close();
      }
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
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: argv.slice(key!.split(' ').length),
      options: { ...command.options, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    values = parsed.values;
    positionals = parsed.positionals;
    if (positionals.length !== (command.positionals ?? 0)) {
      throw new Error(`Expected ${command.positionals ?? 0} argument(s), got ${positionals.length}.`);
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }

  try {
    const output = await command.run(values, positionals);
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

/** The demo city's people who get sign-in links when the demo starts (demo/seed.json). */
const DEMO_OFFICIAL = 'aino-virtanen';
const DEMO_DECISION_MAKER = 'kari-salo';
const DEMO_ADMIN = 'tiina-hamalainen';

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing --${name}.`);
  return value;
}

/**
 * Access, erasure and purge over every place of the inventory. A server running beside the
 * command line (on PostgreSQL) needs no word of an erasure: its digests read their items
 * from the database when they are sent.
 */
function personalData(store: Store): PersonalData {
  const config = readConfig();
  return new PersonalData(store, { outbox: new Outbox(path.join(config.dataDir, 'outbox')), outboxRetentionDays: config.outboxRetentionDays });
}

function publicUrl(): string {
  const config = readConfig();
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

function describeLink(details: LinkDetails): Output {
  const base = publicUrl();
  const { link, official, serviceArea } = details;
  const url = surveyUrl(base, link.token);
  const heading = `Signature link for ${official.name}, ${serviceArea.name.fi} (${link.channel}):\n  ${url}\n\n`;
  if (link.channel === 'sms') {
    const sms = smsText(base, details);
    return { text: `${heading}SMS:\n  ${sms.fi}\n  ${sms.sv}\n  ${sms.en}`, json: { ...link, url, sms } };
  }
  const html = emailSnippetHtml(base, details);
  const text = emailSnippetText(base, details);
  return {
    text: `${heading}HTML signature (see the README for Outlook and Gmail):\n${html}\n\nPlain-text signature:\n  ${text}`,
    json: { ...link, url, html, text },
  };
}

function names(values: Values): LocalizedText {
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

function usage(): string {
  return `Usage: suora <command> [options] [--json]

${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}`;
}

process.exitCode = await main(process.argv.slice(2));
