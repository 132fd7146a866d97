import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../server/src/cli/demo-seed.js';
import { DEMO_DIR } from '../../server/src/paths.js';
import { createApiKey, revokeApiKey } from '../../server/src/domain/api-keys.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { assertRequestShape, get311 } from '../helpers/open311-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('Open311 is open to anyone under a rate limit of its own', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ open311RateLimit: 3, trustProxy: 1 })));
  after(() => server.close());

  const from = (address: string, format = 'json') => get311(server.url, `requests.${format}`, { 'X-Forwarded-For': address });

  it('answers an address a few times a minute, then 429 in the spec’s shape with Retry-After, in either format', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await from('203.0.113.1')).status, 200);
    for (const format of ['json', 'xml']) {
      const refused = await from('203.0.113.1', format);
      assert.equal(refused.status, 429);
      assert.deepEqual(Object.keys(refused.records[0]!), ['code', 'description']);
      assert.equal(String(refused.records[0]!.code), '429');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
    assert.equal((await from('203.0.113.2')).status, 200, 'another address has its own allowance');
    const feed = await fetch(`${server.url}/api/public/feedback`, { headers: { 'X-Forwarded-For': '203.0.113.1' } });
    assert.equal(feed.status, 200, 'the rest of Suora is not limited by it');
  });
});

describe('a key of scope open311 lifts the limit; a wrong key is refused, not limited', () => {
  let server: TestServer;
  const keys: Record<string, string> = {};
  before(async () => {
    server = await startTestServer({ open311RateLimit: 1 });
    keys.open311 = (await createApiKey(server.store, 'server', { name: 'helsinki-bridge', scope: 'open311' })).key;
    keys.sms = (await createApiKey(server.store, 'server', { name: 'phone-line', scope: 'sms-surveys' })).key;
    const revoked = await createApiKey(server.store, 'server', { name: 'old-bridge', scope: 'open311' });
    await revokeApiKey(server.store, 'server', revoked.apiKey.id);
    keys.revoked = revoked.key;
  });
  after(() => server.close());

  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  it('limits requests without a key, and lets a key of scope open311 past the limit', async () => {
    assert.equal((await get311(server.url, 'services.json')).status, 200);
    assert.equal((await get311(server.url, 'services.json')).status, 429);
    for (let i = 0; i < 3; i++) assert.equal((await get311(server.url, 'requests.json', bearer(keys.open311!))).status, 200);
  });

  it('refuses a key of another scope (403), a revoked or unknown key (401), in the spec’s shape', async () => {
    const wrongScope = await get311(server.url, 'services.xml', bearer(keys.sms!));
    assert.equal(wrongScope.status, 403);
    assert.deepEqual(Object.keys(wrongScope.records[0]!), ['code', 'description']);
    assert.equal((await get311(server.url, 'services.json', bearer(keys.revoked!))).status, 401);
    assert.equal((await get311(server.url, 'services.json', bearer('not-a-key-of-this-city'))).status, 401);
  });
});

describe('Open311 in the demo city', () => {
  let dataDir: string;
  let store: LowdbStore;
  let server: TestServer;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'suora-open311-demo-'));
    store = await LowdbStore.open(dataDir);
    await seedDemo(store);
    server = await startTestServer({ store });
  });
  after(async () => {
    await server.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('requests.json lists the published demo feedback with the city’s replies, newest first', async () => {
    const seed = JSON.parse(await readFile(path.join(DEMO_DIR, 'seed.json'), 'utf8')) as {
      feedback: { daysAgo: number; topicId?: string; comment?: string; public?: boolean; published?: boolean; reply?: { text: string }; contact?: Record<string, string> }[];
    };
    const published = seed.feedback.filter((f) => f.public && f.published).sort((a, b) => a.daysAgo - b.daysAgo);
    assert.ok(published.length >= 2, 'the demo has published feedback');
    const answer = await get311(server.url, 'requests.json');
    assert.equal(answer.status, 200);
    answer.records.forEach(assertRequestShape);
    assert.deepEqual(
      answer.records.map((r) => [r.service_code, r.description, r.status_notes]),
      published.map((f) => [f.topicId, f.comment, f.reply?.text ?? null]),
    );
    for (const f of published) for (const value of Object.values(f.contact ?? {})) assert.ok(!answer.text.includes(value), `${value} is not in it`);
    const xml = await get311(server.url, 'requests.xml');
    assert.deepEqual(
      xml.records.map((r) => r.status_notes),
      published.map((f) => f.reply?.text ?? null),
    );
  });
});
