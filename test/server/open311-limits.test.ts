import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { seedDemo } from '../../server/src/cli/demo-seed.js';
import { DEMO_DIR } from '../../server/src/paths.js';
import { open311Routes } from '../../server/src/routes/open311.js';
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

describe('one function decides which Open311 requests go past the limit', () => {
  let server: TestServer;
  let http: Server;
  let url: string;
  before(async () => {
    server = await startTestServer();
    // The routes as app.ts mounts them, with a decision of the test's own: a header it names.
    const app = express().use(open311Routes(server.store, { timeZone: 'Europe/Helsinki', rateLimit: 1, exemptFromLimit: (req) => req.get('Authorization') === 'Bearer exempt' }));
    http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await server.close();
  });

  it('lets an exempt request through after the limit, and still refuses the others', async () => {
    assert.equal((await get311(url, 'services.json')).status, 200);
    assert.equal((await get311(url, 'services.json')).status, 429);
    for (let i = 0; i < 3; i++) assert.equal((await get311(url, 'services.json', { Authorization: 'Bearer exempt' })).status, 200);
    assert.equal((await get311(url, 'services.json', { Authorization: 'Bearer other' })).status, 429);
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
