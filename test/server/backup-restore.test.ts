import assert from 'node:assert/strict';
import { writeFile, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
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
