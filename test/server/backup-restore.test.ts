import assert from 'node:assert/strict';
import { writeFile, cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/segment.js';
import { feedbackItem } from '../store-contract/contract.js';
import { createDatabase, pgDump, psql, startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { request, signInWithLink, startSuora, suoraCommand } from '../helpers/suora-process.js';

/** A small city made with the command line, as an operator sets one up. */
async function setUpCity(env: Record<string, string>): Promise<void> {
  await suoraCommand(env, 'area', 'add', '--id', 'streets', '--fi', 'Kadut', '--sv', 'Gator', '--en', 'Streets');
  await suoraCommand(env, 'official', 'add', '--id', 'olli', '--name', 'Olli Oja', '--email', 'olli@example.fi', '--area', 'streets', '--role', 'admin');
  await suoraCommand(env, 'topic', 'add', '--id', 'parks', '--area', 'streets', '--official', 'olli', '--fi', 'Puistot', '--sv', 'Parker', '--en', 'Parks');
  await suoraCommand(env, 'link', 'create', '--official', 'olli');
}

const loginLink = async (env: Record<string, string>) => JSON.parse(await suoraCommand(env, 'login-link', '--official', 'olli', '--json')).url as string;
const exported = async (env: Record<string, string>) => JSON.parse(await suoraCommand(env, 'export', '--json')) as any[];

/**
 * Runs a server on `env`, fills it through HTTP (a published item with a reply, a private
 * one with contact details, a note), and returns what `suora export` then says it holds.
 */
async function fillThroughHttp(env: Record<string, string>, link: string): Promise<{ items: any[]; publishedId: string; cookie: string; stop: () => Promise<void> }> {
  const server = await startSuora(env);
  const cookie = await signInWithLink(server.url, link);
  const send = async (body: object) => (await request(server.url, 'POST', '/api/feedback', { body: { topic: 'parks', fillMs: 5000, locale: 'fi', ...body } })).json.id as string;
  const publishedId = await send({ rating: 2, comment: 'Penkit puuttuvat.', public: true });
  const privateId = await send({ rating: 4, comment: 'Yksityinen.', contact: { email: 'antaja@example.fi', name: 'Antaja' } });
  const staff = (method: string, route: string, body?: unknown) => request(server.url, method, route, { cookie, body });
  assert.ok((await staff('PATCH', `/api/feedback/${publishedId}`, { status: 'answered', reply: 'Penkit tulevat keväällä.' })).status < 300);
  assert.equal((await staff('PUT', `/api/feedback/${publishedId}/publication`, {})).status < 300, true);
  assert.equal((await staff('POST', `/api/feedback/${privateId}/notes`, { text: 'Soitettu.' })).status, 201);
  return { items: await exported(env), publishedId, cookie, stop: () => server.stop() };
}

/** A server on the restored data answers with the same items, the published one on the public page, and takes new feedback. */
async function checkRestored(env: Record<string, string>, before: any[], publishedId: string): Promise<void> {
  assert.deepEqual(await exported(env), before);
  const link = await loginLink(env);
  const server = await startSuora(env);
  try {
    const cookie = await signInWithLink(server.url, link);
    const inbox = await request(server.url, 'GET', '/api/me/feedback', { cookie });
    assert.deepEqual(inbox.json.items.map((i: any) => i.id).sort(), before.map((i) => i.id).sort());
    const item = await request(server.url, 'GET', `/api/feedback/${publishedId}`, { cookie });
    assert.equal(item.json.reply.text, 'Penkit tulevat keväällä.');
    const shown = await request(server.url, 'GET', '/api/public/feedback?locale=fi');
    assert.deepEqual(shown.json.items.map((i: any) => i.comment), ['Penkit puuttuvat.']);
    const sent = await request(server.url, 'POST', '/api/feedback', { body: { topic: 'parks', rating: 5, fillMs: 5000 } });
    assert.equal(sent.status, 201);
  } finally {
    await server.stop();
  }
}

describe('a lowdb data directory backed up with `suora backup` while the server runs restores into a working server', () => {
  let root: string;
  before(async () => (root = await mkdtemp(path.join(tmpdir(), 'suora-backup-'))));
  after(() => rm(root, { recursive: true, force: true }));

  it('copies a running server’s data; a server started on the copy in an empty directory has all of it, sessions included', async () => {
    const live = { SUORA_DATA_DIR: path.join(root, 'live') };
    await setUpCity(live);
    await suoraCommand(live, 'api-key', 'create', '--name', 'line-2', '--scope', 'sms-surveys');
    const { items, publishedId, cookie, stop } = await fillThroughHttp(live, await loginLink(live));
    try {
      // The backup is taken beside the running server, as a nightly job would.
      const backup = path.join(root, 'backup');
      const { files } = JSON.parse(await suoraCommand(live, 'backup', backup, '--json')) as { files: number };
      assert.ok(files >= 4);
      assert.ok(!(await readdir(backup)).includes('suora.sock'), 'the lock is the live server’s, not the copy’s');
      // Restoring is copying the backup into an empty data directory.
      const restored = { SUORA_DATA_DIR: path.join(root, 'restored') };
      await cp(backup, restored.SUORA_DATA_DIR, { recursive: true });
      await checkRestored(restored, items, publishedId);
      // The API keys (and the SMS quiet periods and the server's keys beside them) came along.
      const copy = await LowdbStore.open(restored.SUORA_DATA_DIR, { readOnly: true });
      assert.deepEqual((await copy.listApiKeys()).map((k) => k.name), ['line-2']);
      await copy.close();
      // A person signed in before the backup is still signed in on the restored server.
      const server = await startSuora(restored);
      try {
        assert.equal((await request(server.url, 'GET', '/api/me', { cookie })).status, 200);
      } finally {
        await server.stop();
      }
    } finally {
      await stop();
    }
  });

  it('copies the facts caches: a restored copy (new inodes and times) starts from them, and a damaged one is made anew from its segment', async () => {
    const live = { SUORA_DATA_DIR: path.join(root, 'live-caches') };
    await setUpCity(live);
    // Three closed segments, each with its facts cache, and an open one.
    const store = await LowdbStore.open(live.SUORA_DATA_DIR);
    for (let segment = 0; segment < 3; segment++) {
      await Promise.all(Array.from({ length: SEGMENT_SIZE }, () => store.addFeedback(feedbackItem({ officialId: 'olli', serviceAreaId: 'streets', topicId: 'parks' }))));
    }
    await store.addFeedback(feedbackItem({ officialId: 'olli', serviceAreaId: 'streets', topicId: 'parks' }));
    await store.close();
    const caches = ['000001.facts.json', '000002.facts.json', '000003.facts.json'];
    const feedbackDir = (env: { SUORA_DATA_DIR: string }) => path.join(env.SUORA_DATA_DIR, 'feedback');
    const items = await exported(live);

    const server = await startSuora(live);
    const backup = path.join(root, 'backup-caches');
    try {
      await writeFile(path.join(feedbackDir(live), caches[1]!), '{"v":'); // cut short: damaged
      await suoraCommand(live, 'backup', backup);
    } finally {
      await server.stop();
    }
    const restored = { SUORA_DATA_DIR: path.join(root, 'restored-caches') };
    await cp(backup, restored.SUORA_DATA_DIR, { recursive: true });
    const copied = await readdir(feedbackDir(restored));
    for (const name of caches) assert.ok(copied.includes(name), `${name} is in the backup`);
    const stamp = (name: string) => stat(path.join(feedbackDir(restored), name));
    const before = await Promise.all(caches.map(stamp));

    const restarted = await startSuora(restored);
    await restarted.stop();
    const after = await Promise.all(caches.map(stamp));
    for (const i of [0, 2]) assert.deepEqual([after[i]!.ino, after[i]!.mtimeMs], [before[i]!.ino, before[i]!.mtimeMs], `${caches[i]} was read, not made anew`);
    assert.notEqual(after[1]!.ino, before[1]!.ino, 'the damaged cache was made anew from its segment');
    assert.ok(after[1]!.size > before[1]!.size);
    assert.deepEqual(await exported(restored), items);
  });

  it('refuses a target that is not empty, and copies nothing into it', async () => {
    const live = { SUORA_DATA_DIR: path.join(root, 'live-target') };
    await setUpCity(live);
    const target = path.join(root, 'used-target');
    await mkdir(path.join(target, 'feedback'), { recursive: true });
    await writeFile(path.join(target, 'feedback', '000009.json'), '{}'); // left from an older backup
    const failed = await suoraCommand(live, 'backup', target).catch((error) => error);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /is not empty: back up into a new or empty directory/);
    assert.deepEqual(await readdir(target), ['feedback']);
    assert.deepEqual(await readdir(path.join(target, 'feedback')), ['000009.json']);
  });

  it('refuses, in one line, a data directory that is missing or holds no store, and copies nothing', async () => {
    const empty = path.join(root, 'empty');
    await mkdir(empty, { recursive: true });
    for (const dataDir of [path.join(root, 'no-such-dir'), empty]) {
      const target = path.join(root, `backup-of-${path.basename(dataDir)}`);
      const failed = await suoraCommand({ SUORA_DATA_DIR: dataDir }, 'backup', target).catch((error) => error);
      assert.equal(failed.code, 1, `${dataDir}: exit status 1`);
      assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
      assert.match(failed.stderr, /nothing was backed up/);
      assert.equal(await readdir(target).catch(() => 'none'), 'none', 'no empty backup is left behind');
    }
  });

  it('refuses to back up PostgreSQL, and says to use pg_dump', async () => {
    const failed = await suoraCommand({ DATABASE_URL: 'postgres://suora@127.0.0.1:1/suora' }, 'backup', path.join(root, 'x')).catch((error) => error);
    assert.match(failed.stderr, /pg_dump/);
  });
});

describe('a PostgreSQL database dumped with pg_dump restores with psql into a working server', () => {
  let database: ThrowawayPostgres;
  let root: string;
  before(async () => {
    database = await startPostgres();
    root = await mkdtemp(path.join(tmpdir(), 'suora-pg-dump-'));
  });
  after(async () => {
    await database.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('a fresh database filled from the dump of a running server’s database serves everything it held', async () => {
    const live = { DATABASE_URL: await createDatabase(database.url, 'suora'), SUORA_DATA_DIR: path.join(root, 'live') };
    await setUpCity(live);
    const { items, publishedId, stop } = await fillThroughHttp(live, await loginLink(live));
    try {
      const dump = path.join(root, 'suora.sql');
      await writeFile(dump, await pgDump(live.DATABASE_URL)); // while the server runs
      const restored = { DATABASE_URL: await createDatabase(database.url, 'restored'), SUORA_DATA_DIR: path.join(root, 'restored') };
      await psql(restored.DATABASE_URL, '-f', dump);
      await checkRestored(restored, items, publishedId);
    } finally {
      await stop();
    }
  });
});
