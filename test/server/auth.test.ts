import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issueLoginKey, LOGIN_KEY_TTL_MS } from '../../server/src/domain/auth.js';
import { asStaff, startTestServer, type TestServer } from '../helpers/test-server.js';
import { capturedLog } from '../helpers/captured-log.js';

describe('sign-in with one-time links', () => {
  let server: TestServer;
  const captured = capturedLog('warn');
  before(async () => (server = await startTestServer({ log: captured.log })));
  after(() => server.close());

  const exchange = (key: string, origin = server.url) =>
    fetch(`${server.url}/login/${key}`, { method: 'POST', headers: { Origin: origin }, redirect: 'manual' });

  it('a GET only shows the button (mail scanners open links); the POST signs in once, with an HttpOnly cookie', async () => {
    const { key } = await issueLoginKey(server.store, 'server', 'aino');
    const page = await fetch(`${server.url}/login/${key}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);

    const first = await exchange(key);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/dashboard');
    const cookie = first.headers.get('set-cookie')!;
    assert.match(cookie, /^suora_session=[A-Za-z0-9_-]{42};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http here; Secure behind https');

    const me = await asStaff(server, cookie.split(';')[0], 'GET', '/api/me');
    assert.equal(me.json.name, 'Aino Virtanen');

    const second = await exchange(key);
    assert.equal(second.status, 410, 'a login link works once');
  });

  it('stores only hashes of login keys and sessions', async () => {
    const { key } = await issueLoginKey(server.store, 'server', 'jussi');
    const cookie = (await exchange(key)).headers.get('set-cookie')!;
    const secret = cookie.split(';')[0]!.split('=')[1]!;
    const file = await readFile(path.join(server.dataDir, 'sessions.json'), 'utf8');
    assert.ok(!file.includes(key));
    assert.ok(!file.includes(secret));
  });

  it('refuses an expired link', async () => {
    const past = new Date(Date.now() - LOGIN_KEY_TTL_MS - 1000);
    const { key } = await issueLoginKey(server.store, 'server', 'aino', past);
    assert.equal((await exchange(key)).status, 410);
  });

  it('refuses a sign-in posted from another site', async () => {
    const { key } = await issueLoginKey(server.store, 'server', 'aino');
    assert.equal((await exchange(key, 'https://evil.example')).status, 403);
    assert.equal((await exchange(key)).status, 303, 'the refused attempt did not use the key up');
  });

  it('signs out: the session no longer works', async () => {
    const { key } = await issueLoginKey(server.store, 'server', 'aino');
    const cookie = (await exchange(key)).headers.get('set-cookie')!.split(';')[0]!;
    assert.equal((await asStaff(server, cookie, 'POST', '/api/logout')).status, 204);
    assert.equal((await asStaff(server, cookie, 'GET', '/api/me')).status, 401);
  });

  it('takes a malformed session cookie for no session: a 4xx, never a 500, and nothing in the log', async () => {
    const { key } = await issueLoginKey(server.store, 'server', 'aino');
    const valid = (await exchange(key)).headers.get('set-cookie')!.split(';')[0]!;
    const before = captured.lines().length;
    for (const cookie of ['suora_session=%', 'suora_session=%E0%A4%A', 'suora_session="x"', `suora_session=%; ${valid}`]) {
      const me = await asStaff(server, cookie, 'GET', '/api/me');
      assert.equal(me.status, cookie.includes(valid) ? 200 : 401, cookie);
      assert.equal((await asStaff(server, cookie, 'GET', '/api/topics')).status, 200, cookie);
      assert.equal((await asStaff(server, cookie, 'POST', '/api/logout')).status, 204, cookie);
    }
    assert.deepEqual(captured.lines().slice(before), [], 'no warning or error');
  });
});
