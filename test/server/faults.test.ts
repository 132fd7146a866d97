import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createApp } from '../../server/src/app.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { MailQueue } from '../../server/src/mail/mail-queue.js';
import { Notifier } from '../../server/src/mail/notifications.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { PersonalData } from '../../server/src/domain/personal-data-inventory.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { seedTestCity } from '../helpers/test-city.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');
const FEEDBACK = { topic: 'business', rating: 4, comment: 'Under load' };

describe('when the data directory cannot be written', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('answers 503 with a clear message, acknowledges nothing unsaved, and recovers', async () => {
    const segments = path.join(server.dataDir, 'feedback');
    await rename(segments, `${segments}.away`);
    await writeFile(segments, 'in the way'); // writes under feedback/ now fail, even as root
    const refused = await postFeedback(server.url, FEEDBACK);
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error.code, 'storage_unavailable');
    assert.match(refused.json.error.message, /Nothing was saved/);
    assert.equal(refused.headers.get('retry-after'), '30');

    await rm(segments);
    await rename(`${segments}.away`, segments);
    const accepted = await postFeedback(server.url, FEEDBACK);
    assert.equal(accepted.status, 201);
    const all = (await server.store.queryFeedback({})).items.map((f) => f.id);
    assert.deepEqual(all, [accepted.json.id], 'the refused submission is not there');
  });
});

/** A data directory with the demo city in it, made by `suora demo` and stopped. */
async function seededDataDir(prefix: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const seed = spawn(process.execPath, [BIN, 'demo', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => seed.stdout.once('data', resolve));
  const seeded = new Promise((resolve) => seed.once('exit', resolve));
  seed.kill('SIGTERM');
  await seeded;
  return dataDir;
}

/**
 * The server in a mount namespace of its own (`unshare`, no privileges needed), where its
 * data directory is a real mount: a bind mount that `setMount('ro' | 'rw')` remounts, or a
 * tmpfs of `fullAt` bytes. The test process sees the server's files under /proc/PID/root.
 */
async function startInMountNamespace(dataDir: string, mount: { fullAt?: number }) {
  const prepare = mount.fullAt
    ? `cp -a "$D" "$D.seed" && mount -t tmpfs -o size=${mount.fullAt} tmpfs "$D" && cp -a "$D.seed/." "$D"`
    : 'mount --bind "$D" "$D"';
  const script = `${prepare} && { node "$BIN" start --json & } && while read mode; do mount -o "remount,bind,$mode" "$D" && echo "$mode"; done; kill -TERM $! && wait`;
  const child = spawn('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], {
    env: { ...process.env, D: dataDir, BIN, SUORA_DATA_DIR: dataDir, PORT: '0', SUORA_RATE_LIMIT: 'off', PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = (async function* () {
    let buffered = '';
    for await (const chunk of child.stdout) {
      buffered += String(chunk);
      let end;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (!line.startsWith('{"level"')) yield line; // the server's log shares the output
      }
    }
  })();
  const first = await lines.next();
  if (first.done) throw new Error('the server did not start in its mount namespace');
  const url = (JSON.parse(first.value) as { server: string }).server;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    /** The data directory as the server sees it. */
    async files(): Promise<string> {
      const pid = (await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')).trim().split(/\s+/)[0];
      return `/proc/${pid}/root${dataDir}`;
    },
    async setMount(mode: 'ro' | 'rw'): Promise<void> {
      child.stdin.write(`${mode}\n`);
      assert.equal((await lines.next()).value, mode);
    },
    async stop(): Promise<void> {
      child.stdin.end();
      await exited;
    },
  };
}

async function storedIds(feedbackDir: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const name of (await readdir(feedbackDir)).filter((n) => /^\d{6}\.json$/.test(n))) {
    for (const item of (JSON.parse(await readFile(path.join(feedbackDir, name), 'utf8')) as { feedback: { id: string }[] }).feedback) ids.add(item.id);
  }
  return ids;
}

/** Whether this kernel lets an unprivileged process make a user and mount namespace. */
const MOUNT_NAMESPACES = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;
const needsNamespaces = MOUNT_NAMESPACES ? {} : { skip: 'this kernel does not allow user namespaces (unshare): only the ENOTDIR test above runs' };

const DEMO_FEEDBACK = { topic: 'yritykset', rating: 3, comment: 'Tallennetaanko tämä?' };

describe('a data directory that becomes read-only (a real read-only mount)', needsNamespaces, () => {
  it('answers 503 with a clear message while it is read-only, acknowledges nothing unsaved, and recovers', async () => {
    const dataDir = await seededDataDir('suora-ro-');
    const server = await startInMountNamespace(dataDir, {});
    try {
      const before = await postFeedback(server.url, DEMO_FEEDBACK);
      assert.equal(before.status, 201);
      await server.setMount('ro');
      const refused = await postFeedback(server.url, DEMO_FEEDBACK);
      assert.equal(refused.status, 503);
      assert.equal(refused.json.error.code, 'storage_unavailable');
      assert.match(refused.json.error.message, /Nothing was saved/);
      assert.equal((await fetch(`${server.url}/api/topics`)).status, 200, 'reading still works');
      const unready = await fetch(`${server.url}/readyz`);
      assert.equal(unready.status, 503);
      assert.deepEqual(await unready.json(), { status: 'unavailable', reason: 'The data directory is on a read-only file system (EROFS).' });
      await server.setMount('rw');
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'ready again');
      const after = await postFeedback(server.url, DEMO_FEEDBACK);
      assert.equal(after.status, 201);
      const stored = await storedIds(path.join(await server.files(), 'feedback'));
      assert.ok(stored.has(before.json.id) && stored.has(after.json.id));
      assert.equal((await postFeedback(server.url, { ...DEMO_FEEDBACK, comment: 'x' })).status, 201);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.seed`, { recursive: true, force: true });
    }
  });
});

describe('a data directory that fills up (a real full tmpfs)', needsNamespaces, () => {
  it('answers 503 once the disk is full, and every acknowledged submission is on disk', async () => {
    const dataDir = await seededDataDir('suora-full-');
    const seeded = await storedIds(path.join(dataDir, 'feedback'));
    const used = (await readdir(dataDir, { recursive: true, withFileTypes: true })).length;
    // Room for the demo's files and some tens of submissions more.
    const server = await startInMountNamespace(dataDir, { fullAt: 512 * 1024 + used * 4096 });
    try {
      const acknowledged: string[] = [];
      const large = (i: number) => ({ ...DEMO_FEEDBACK, comment: `Täynnä? ${i} ${'x'.repeat(2000)}` });
      let refused: Awaited<ReturnType<typeof postFeedback>> | undefined;
      for (let i = 0; i < 5000 && !refused; i++) {
        const answer = await postFeedback(server.url, large(i));
        if (answer.status === 201) acknowledged.push(answer.json.id);
        else refused = answer;
      }
      assert.ok(refused, 'the disk never filled');
      assert.equal(refused.status, 503);
      assert.equal(refused.json.error.code, 'storage_unavailable');
      assert.match(refused.json.error.message, /Nothing was saved/);
      assert.equal((await postFeedback(server.url, large(-1))).status, 503, 'still full: refused again, not acknowledged');
      assert.ok(acknowledged.length > 10, `only ${acknowledged.length} submissions fitted`);

      const stored = await storedIds(path.join(await server.files(), 'feedback'));
      const added = [...stored].filter((id) => !seeded.has(id));
      assert.deepEqual(added.sort(), [...acknowledged].sort(), 'on disk: exactly what was acknowledged');
      console.log(`full disk: ${acknowledged.length} submissions acknowledged before ENOSPC, all on disk; then 503`);
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.seed`, { recursive: true, force: true });
    }
  });
});

describe('kill -9 in the middle of submissions', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(path.join(tmpdir(), 'suora-kill-'))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function startServer() {
    const child = spawn(process.execPath, [BIN, 'start', '--json'], {
      env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0', SUORA_RATE_LIMIT: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return { child, url: (await printedUrls(child.stdout)).server };
  }

  it('loses no acknowledged submission and leaves every file readable, round after round', async () => {
    // The demo city gives the server something to route to.
    const seed = spawn(process.execPath, [BIN, 'demo', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => seed.stdout.once('data', resolve));
    const seeded = new Promise((resolve) => seed.once('exit', resolve));
    seed.kill('SIGTERM');
    await seeded;

    const acknowledged: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { child, url } = await startServer();
      let stop = false;
      const worker = async () => {
        while (!stop) {
          try {
            const response = await fetch(`${url}/api/feedback`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ topic: 'yritykset', rating: 3, comment: `round ${round}` }),
            });
            if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
          } catch {
            return; // the server is gone
          }
        }
      };
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const before = acknowledged.length;
      const workers = Array.from({ length: 20 }, worker);
      // Killed once the round is well under way, whatever the machine's speed: a loaded
      // machine acknowledges fewer in a fixed time, and the test is about the kill, not the pace.
      const deadline = Date.now() + 30_000;
      while (acknowledged.length < before + 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 30));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      await exited;
    }
    // A last start and a clean stop, as after the crash the city's service manager would restart it.
    const last = await startServer();
    const stopped = new Promise((resolve) => last.child.once('exit', resolve));
    last.child.kill('SIGTERM');
    await stopped;

    const files = await readdir(path.join(dataDir, 'feedback'));
    assert.deepEqual(files.filter((n) => n.endsWith('.tmp')), [], 'a restart clears the temporary files of a write cut short');
    // Segments and the aggregates file are JSON; a facts cache is binary, checked by its own reader (a bad one is made anew).
    for (const name of files.filter((n) => !n.endsWith('.facts.json'))) {
      JSON.parse(await readFile(path.join(dataDir, 'feedback', name), 'utf8')); // throws if half-written
    }
    const exported = JSON.parse((await promisify(execFile)(process.execPath, [BIN, 'export', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir } })).stdout) as { id: string }[];
    const stored = new Set(exported.map((f) => f.id));
    const lost = acknowledged.filter((id) => !stored.has(id));
    assert.ok(acknowledged.length > 50, `only ${acknowledged.length} submissions were acknowledged`);
    assert.deepEqual(lost, []);
    console.log(`kill -9: 4 rounds, ${acknowledged.length} submissions acknowledged, ${lost.length} lost`);
  });
});

describe('SIGTERM', () => {
  it('finishes the writes in flight before the process exits', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-term-'));
    const seed = spawn(process.execPath, [BIN, 'demo', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0', SUORA_RATE_LIMIT: 'off' }, stdio: ['ignore', 'pipe', 'ignore'] });
    const { server: url } = await printedUrls(seed.stdout);
    const sent = Array.from({ length: 40 }, () =>
      fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ topic: 'yritykset', rating: 5 }) })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; error?: { code: string } } }))
        .catch(() => ({ status: 0, body: {} as { id?: string; error?: { code: string } } })),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const exited = new Promise((resolve) => seed.once('exit', resolve));
    seed.kill('SIGTERM');
    const answers = await Promise.all(sent);
    await exited;
    for (const a of answers) assert.ok([0, 201, 503].includes(a.status), `status ${a.status}`);
    for (const a of answers.filter((x) => x.status === 503)) assert.equal(a.body.error?.code, 'shutting_down');
    const exported = JSON.parse((await promisify(execFile)(process.execPath, [BIN, 'export', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir } })).stdout) as { id: string }[];
    const stored = new Set(exported.map((f) => f.id));
    for (const a of answers.filter((x) => x.status === 201)) assert.ok(stored.has(a.body.id!), `${a.body.id} was acknowledged but not stored`);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('when PostgreSQL goes away', () => {
  let database: ThrowawayPostgres;
  let store: PostgresStore;
  let url: string;
  let close: () => Promise<void>;

  before(async () => {
    database = await startPostgres();
    store = await PostgresStore.open(database.url);
    await seedTestCity(store);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const outbox = new Outbox(path.join(tmpdir(), 'suora-pg-outbox'));
    const mailer = new MailQueue(store, createMailer({ smtpUrl: undefined, outbox, from: 'x@example.fi' }));
    const personalData = new PersonalData(store, { outbox, outboxRetentionDays: 30 });
    server.on('request', createApp(store, { publicUrl: url, allowedOrigins: [], rateLimit: 'off', mailer, notifier: new Notifier(store, mailer, url, { digestDelayMs: 10 }), personalData }));
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    };
  });
  after(async () => {
    await close();
    await store.close();
    await database.stop();
  });

  it('answers 503 while the database is down, and works again when it is back', async () => {
    assert.equal((await postFeedback(url, FEEDBACK)).status, 201);
    await database.pause();
    const down = await postFeedback(url, FEEDBACK);
    assert.equal(down.status, 503);
    assert.equal(down.json.error.code, 'storage_unavailable');
    const topics = await fetch(`${url}/api/topics`);
    assert.equal(topics.status, 503);
    await database.resume();
    assert.equal((await postFeedback(url, FEEDBACK)).status, 201);
    assert.equal((await store.queryFeedback({})).total, 2);
  });
});
