import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { postFeedback } from '../helpers/test-server.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');
const FEEDBACK = { topic: 'roads', rating: 2, comment: 'Still here after the crash?' };

/** A pid namespace of its own (as a container has), with its own /proc; no privileges needed. */
const PID_NAMESPACE = ['--user', '--map-root-user', '--pid', '--fork', '--mount-proc', '--kill-child'];
const PID_NAMESPACES = spawnSync('unshare', [...PID_NAMESPACE, 'true']).status === 0;
const needsNamespaces = PID_NAMESPACES ? {} : { skip: 'this kernel does not allow user and pid namespaces (unshare)' };

type Where = 'host' | 'pid 1 of a new pid namespace' | 'a pid above 100 in a new pid namespace';

/** The command line `node bin/suora.js ARGS`, run where asked. */
function commandLine(where: Where, args: string[]): [string, string[]] {
  const node = [process.execPath, BIN, ...args];
  if (where === 'host') return [node[0]!, node.slice(1)];
  if (where === 'pid 1 of a new pid namespace') return ['unshare', [...PID_NAMESPACE, ...node]];
  // A shell is pid 1, and Suora its child after a hundred others: a pid above 100 there, one that no
  // process or thread has in another new namespace (where Suora's threads are pids 2, 3, …).
  return ['unshare', [...PID_NAMESPACE, 'sh', '-c', 'i=0; while [ $i -lt 100 ]; do /bin/true; i=$((i+1)); done; "$@" & wait', 'sh', ...node]];
}

function env(dataDir: string) {
  return { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0', SUORA_RATE_LIMIT: 'off' };
}

/**
 * Runs `suora ARGS` over `dataDir`; resolves with its exit code (null if it was still running
 * after half a minute, as a server that was let start is) and output, never throws.
 */
function suora(dataDir: string, where: Where, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [file, argv] = commandLine(where, args);
  return new Promise((resolve) => {
    execFile(file, argv, { env: env(dataDir), timeout: 30_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.killed ? null : Number(error.code)) : 0, stdout, stderr }),
    );
  });
}

interface RunningSuora {
  url: string;
  /** The server's node process, by its pid on this host. */
  nodePid: number;
  exited: Promise<unknown>;
  stop(): Promise<void>;
}

/** `suora start` where asked; rejects with what it printed if it does not start. */
async function startServer(dataDir: string, where: Where): Promise<RunningSuora> {
  const [file, argv] = commandLine(where, ['start', '--json']);
  const child: ChildProcess = spawn(file, argv, { env: env(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const printed = await printedUrls(child.stdout!).catch(() => undefined);
  if (printed === undefined) throw new Error(`suora start (${where}) did not start: ${stderr}`);
  let nodePid = child.pid!;
  // Down the tree (unshare → [sh →] node) to the server itself.
  while (!(await readFile(`/proc/${nodePid}/cmdline`, 'utf8')).startsWith(`${process.execPath}\0${BIN}\0`)) {
    nodePid = Number((await readFile(`/proc/${nodePid}/task/${nodePid}/children`, 'utf8')).trim().split(/\s+/)[0]);
  }
  return {
    url: printed.server,
    nodePid,
    exited,
    async stop() {
      process.kill(nodePid, 'SIGTERM'); // unshare ignores it; the server stops, and so does its namespace
      await exited;
    },
  };
}

/** A data directory with a service area, an official and the topic `roads`, made with the command line. */
async function cityDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-lock-'));
  for (const args of [
    ['area', 'add', '--id', 'streets', '--fi', 'Kadut', '--sv', 'Gator', '--en', 'Streets'],
    ['official', 'add', '--id', 'aino', '--name', 'Aino Virtanen', '--email', 'aino@example.fi', '--area', 'streets'],
    ['topic', 'add', '--id', 'roads', '--area', 'streets', '--official', 'aino', '--fi', 'Tiet', '--sv', 'Vägar', '--en', 'Roads'],
  ]) {
    const done = await suora(dataDir, 'host', ...args);
    assert.equal(done.code, 0, done.stderr);
  }
  return dataDir;
}

async function exportedComments(dataDir: string): Promise<string[]> {
  const exported = await suora(dataDir, 'host', 'export', '--json');
  assert.equal(exported.code, 0, exported.stderr);
  return (JSON.parse(exported.stdout) as { comment: string }[]).map((f) => f.comment);
}

describe('the data-directory lock', needsNamespaces, () => {
  let dataDir: string;
  before(async () => (dataDir = await cityDataDir()));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('lets a server killed in a container start again there, as pid 1 again, with its data', async () => {
    const first = await startServer(dataDir, 'pid 1 of a new pid namespace');
    const sent = await postFeedback(first.url, FEEDBACK);
    assert.equal(sent.status, 201);
    process.kill(first.nodePid, 'SIGKILL');
    await first.exited;

    const second = await startServer(dataDir, 'pid 1 of a new pid namespace');
    try {
      assert.equal((await fetch(`${second.url}/api/topics`)).status, 200);
      assert.deepEqual(await exportedComments(dataDir), [FEEDBACK.comment]);
    } finally {
      await second.stop();
    }
  });

  it('starts over an older version’s suora.lock naming a live process that is no Suora, or itself (pid 1 in a container)', async () => {
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(path.join(dataDir, 'suora.lock'), String(sleeper.pid));
      const server = await startServer(dataDir, 'host');
      await server.stop();
      assert.equal(existsSync(path.join(dataDir, 'suora.lock')), false, 'the stale file is removed');
    } finally {
      sleeper.kill();
    }
    await writeFile(path.join(dataDir, 'suora.lock'), '1');
    const inContainer = await startServer(dataDir, 'pid 1 of a new pid namespace');
    await inContainer.stop();
  });

  it('refuses a second server over an older version’s suora.lock naming a live Node process, and says what to do', async () => {
    await writeFile(path.join(dataDir, 'suora.lock'), String(process.pid));
    try {
      const refused = await suora(dataDir, 'host', 'start');
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`in use by another Suora process \\(pid ${process.pid}, an older version.*suora\\.lock.*delete that file`));
    } finally {
      await rm(path.join(dataDir, 'suora.lock'));
    }
  });

  it('refuses a second server and every writing command while a server runs, from any pid namespace; exports beside it', async () => {
    const server = await startServer(dataDir, 'a pid above 100 in a new pid namespace');
    try {
      const writers = [
        ['start'],
        ['area', 'add', '--id', 'parks', '--fi', 'Puistot', '--sv', 'Parker', '--en', 'Parks'],
        ['login-link', '--official', 'aino'],
        ['erase', '--email', 'someone@example.fi'],
        ['purge'],
      ];
      for (const where of ['host', 'pid 1 of a new pid namespace'] as const) {
        for (const args of where === 'host' ? writers.slice(0, 2) : writers) {
          const refused = await suora(dataDir, where, ...args);
          assert.equal(refused.code, 1, `suora ${args.join(' ')} (${where}) ran beside the server: ${refused.stdout}`);
          assert.match(refused.stderr, /The data directory .* is in use by another Suora process \(pid \d+\)\. Stop that process first/);
        }
      }
      assert.equal((await postFeedback(server.url, FEEDBACK)).status, 201);
      assert.equal((await exportedComments(dataDir)).length, 2);
    } finally {
      await server.stop();
    }
    const afterStop = await suora(dataDir, 'host', 'area', 'add', '--id', 'parks', '--fi', 'Puistot', '--sv', 'Parker', '--en', 'Parks');
    assert.equal(afterStop.code, 0, afterStop.stderr);
  });
});

describe('the data-directory lock on a long path', () => {
  it('holds a directory whose socket path would be too long (through /proc/self/fd), and leaves nothing elsewhere', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'suora-long-'));
    const dataDir = path.join(parent, 'a-data-directory-with-a-long-name'.repeat(3));
    await mkdir(dataDir);
    try {
      const store = await LowdbStore.open(dataDir);
      await assert.rejects(LowdbStore.open(dataDir), /in use by another Suora process/);
      await store.close();
      await (await LowdbStore.open(dataDir)).close();
      assert.deepEqual(await readdir(parent), [path.basename(dataDir)], 'no socket at a path cut short');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
