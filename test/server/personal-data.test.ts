import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { feedbackItem } from '../store-contract/contract.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');
const DAY = 86_400_000;

describe('retention', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('purges contact data and free text past the retention period, keeping what scores need', async () => {
    const old = feedbackItem({
      createdAt: new Date(Date.now() - 600 * DAY).toISOString(),
      rating: 2,
      comment: 'Vanha palaute',
      contact: { name: 'Old Giver', email: 'old@example.com' },
      pageUrl: 'https://www.lahti.fi/',
      public: true,
      published: true,
      reply: { text: 'Kiitos, Old Giver', authorId: 'aino', at: new Date(Date.now() - 599 * DAY).toISOString() },
      publishedReply: 'Kiitos',
    });
    const recent = feedbackItem({ createdAt: new Date(Date.now() - 10 * DAY).toISOString(), comment: 'Uusi', contact: { email: 'new@example.com' } });
    await server.store.addFeedback(old);
    await server.store.addFeedback(recent);

    assert.equal(await server.personalData.purge(548), 1);
    const purged = (await server.store.getFeedback(old.id))!;
    assert.deepEqual(
      [purged.contact, purged.comment, purged.pageUrl, purged.publishedReply, purged.published, purged.rating, purged.officialId, purged.createdAt],
      [null, null, null, null, false, 2, old.officialId, old.createdAt],
    );
    assert.ok(purged.purgedAt);
    assert.deepEqual((await server.store.getFeedback(recent.id))!.contact, { email: 'new@example.com' });
    assert.equal(await server.personalData.purge(548), 0, 'a purged item is not purged again');
    const { items } = await server.store.listAuditEntries({ limit: 1 });
    assert.deepEqual([items[0]!.action, items[0]!.actorId], ['purge', null]);
  });

  it('purges more than a page of old items, and leaves alone old items with nothing to purge', async () => {
    const old = () => new Date(Date.now() - 700 * DAY).toISOString();
    const withText = Array.from({ length: 1203 }, (_, i) => feedbackItem({ createdAt: old(), comment: `Vanha ${i}` }));
    const ratingOnly = Array.from({ length: 20 }, () => feedbackItem({ createdAt: old(), comment: null, rating: 5 }));
    await Promise.all([...withText, ...ratingOnly].map((item) => server.store.addFeedback(item)));
    assert.equal(await server.personalData.purge(548), withText.length);
    assert.equal((await server.store.queryFeedback({ personalData: true, before: old() })).total, 0);
    for (const item of ratingOnly) assert.equal((await server.store.getFeedback(item.id))!.purgedAt, null, 'nothing to purge: not rewritten');
  });

  it('stops between pages when the server shuts down, and the next purge goes on from there', async () => {
    const old = new Date(Date.now() - 700 * DAY).toISOString();
    const items = Array.from({ length: 700 }, (_, i) => feedbackItem({ createdAt: old, comment: `Vanha ${i}` }));
    await Promise.all(items.map((item) => server.store.addFeedback(item)));
    const shutdown = new AbortController();
    const stopped = server.personalData.purge(548, { signal: shutdown.signal });
    shutdown.abort(); // while the first page is being read: that page is finished, the next is not begun
    assert.equal(await stopped, 500);
    assert.equal((await server.store.queryFeedback({ personalData: true, before: new Date(Date.now() - 600 * DAY).toISOString() })).total, 200);
    assert.equal(await server.personalData.purge(548), 200);
  });
});

describe('access, erasure and the audit log', () => {
  let server: TestServer;
  let admin: string;
  let aino: string;
  before(async () => {
    server = await startTestServer();
    admin = await signInAs(server, 'tiina');
    aino = await signInAs(server, 'aino');
  });
  after(() => server.close());

  it('gives an admin a person’s data by email, and erases it for good', async () => {
    const first = (await postFeedback(server.url, { topic: 'business', comment: 'Yksi', contact: { email: 'Mari@Example.com' } })).json.id;
    const second = (await postFeedback(server.url, { topic: 'streets', rating: 2, contact: { email: 'mari@example.com' } })).json.id;
    const other = (await postFeedback(server.url, { topic: 'streets', rating: 5, contact: { email: 'other@example.com' } })).json.id;

    assert.equal((await asStaff(server, aino, 'GET', '/api/admin/personal-data?email=mari@example.com')).status, 403);
    const access = await asStaff(server, admin, 'GET', '/api/admin/personal-data?email=MARI@example.com');
    assert.deepEqual(access.json.items.map((f: any) => f.id).sort(), [first, second].sort());
    assert.doesNotMatch(access.text, /editKeyHash/);

    const erase = await asStaff(server, admin, 'POST', '/api/admin/erase', { email: 'mari@example.com' });
    assert.deepEqual(erase.json.erased.sort(), [first, second].sort());
    assert.equal(await server.store.getFeedback(first), undefined);
    assert.equal(await server.store.getFeedback(second), undefined);
    assert.ok(await server.store.getFeedback(other));
    assert.equal((await asStaff(server, admin, 'POST', '/api/admin/erase', { email: 'not an email' })).status, 400);
  });

  it('logs staff actions for admins to read: reading private feedback, status, reply, publication, export', async () => {
    const id = (await postFeedback(server.url, { topic: 'business', rating: 3, public: true })).json.id;
    const privateId = (await postFeedback(server.url, { topic: 'business', rating: 1 })).json.id;
    await asStaff(server, aino, 'GET', `/api/feedback/${privateId}`);
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { status: 'in-progress' });
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos' });
    await asStaff(server, aino, 'PUT', `/api/feedback/${id}/publication`, {});
    await asStaff(server, admin, 'GET', '/api/export.csv');

    assert.equal((await asStaff(server, aino, 'GET', '/api/admin/audit')).status, 403);
    const log = await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=5');
    assert.deepEqual(
      log.json.items.map((e: any) => [e.action, e.actorId, e.feedbackId]),
      [
        ['export', 'tiina', null],
        ['publish', 'aino', id],
        ['reply', 'aino', id],
        ['status', 'aino', id],
        ['read-private', 'aino', privateId],
      ],
    );
  });
});

describe('personal data from the command line', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'suora-pd-'));
    const store = await LowdbStore.open(dataDir);
    await store.addFeedback(feedbackItem({ createdAt: new Date(Date.now() - DAY).toISOString(), contact: { email: 'cli@example.com' }, comment: 'CLI' }));
    await store.addFeedback(feedbackItem({ createdAt: new Date(Date.now() - 30 * DAY).toISOString(), comment: 'Kuukauden vanha', contact: { name: 'X' } }));
    await store.addAuditEntry({ at: new Date().toISOString(), actorId: 'tiina', action: 'export', feedbackId: null, detail: null });
    await store.close();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));
  const suora = async (...args: string[]) =>
    (await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, SUORA_DATA_DIR: dataDir } })).stdout;

  it('copies the data directory while the server runs', async () => {
    const server = spawn(process.execPath, [BIN, 'start', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    await printedUrls(server.stdout);
    const target = await mkdtemp(path.join(tmpdir(), 'suora-backup-'));
    try {
      const { files } = JSON.parse(await suora('backup', target, '--json')) as { files: number };
      assert.ok(files >= 1);
      const copy = await LowdbStore.open(target, { readOnly: true });
      assert.equal((await copy.queryFeedback({})).total, 2);
      assert.deepEqual((await copy.listAuditEntries()).items.map((e) => e.action), ['export']);
    } finally {
      const stopped = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await stopped;
      await rm(target, { recursive: true, force: true });
    }
  });

  it('gives access, purges by age, and erases', async () => {
    const { items } = JSON.parse(await suora('access', '--email', 'CLI@example.com', '--json')) as { items: { comment: string }[] };
    assert.deepEqual(items.map((f) => f.comment), ['CLI']);
    assert.deepEqual(JSON.parse(await suora('purge', '--days', '7', '--json')), { purged: 1, days: 7 });
    const { erased } = JSON.parse(await suora('erase', '--email', 'cli@example.com', '--json')) as { erased: string[] };
    assert.equal(erased.length, 1);
    assert.deepEqual(JSON.parse(await suora('access', '--email', 'cli@example.com', '--json')).items, []);
  });
});
