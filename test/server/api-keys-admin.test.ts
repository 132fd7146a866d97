import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashSecret } from '../../server/src/domain/secrets.js';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { get311 } from '../helpers/open311-client.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** POST /api/sms-surveys as the customer-service line's system would. */
async function askSurvey(server: TestServer, key: string): Promise<{ status: number; code: string | undefined }> {
  const response = await fetch(`${server.url}/api/sms-surveys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...bearer(key) },
    body: JSON.stringify({ phone: '040 123 4567', official: 'aino' }),
  });
  return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
}

/** The audit entries of one action, oldest first. */
async function audited(server: TestServer, action: string) {
  const { items } = await server.store.listAuditEntries({ limit: 1000, offset: 0 });
  return items.filter((e) => e.action === action).reverse();
}

for (const kind of STORES) {
  describe(`API keys managed by admins over HTTP while the server runs (${kind})`, () => {
    let server: TestServer;
    let admin: string;
    before(async () => {
      server = await startTestServerOn(kind);
      admin = await signInAs(server, 'tiina');
    });
    after(() => server.close());

    it('creates a key answered once, lists it without any secret, and audits by its name', async () => {
      const created = await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: ' lahti-piste ', scope: 'sms-surveys' });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.get('cache-control'), 'no-store');
      assert.match(created.json.key, /^[A-Za-z0-9][A-Za-z0-9_-]{20}$/);
      assert.deepEqual(
        { ...created.json.apiKey, id: undefined, createdAt: undefined },
        { id: undefined, name: 'lahti-piste', scope: 'sms-surveys', createdAt: undefined, createdBy: { id: 'tiina', name: 'Tiina Hämäläinen' }, lastUsedAt: null, revokedAt: null },
      );

      const listed = await asStaff(server, admin, 'GET', '/api/admin/api-keys');
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.apiKeys, [created.json.apiKey]);
      assert.doesNotMatch(listed.text, new RegExp(`${created.json.key}|keyHash|"hash"`));
      const stored = (await server.store.listApiKeys())[0]!;
      assert.notEqual(stored.keyHash, created.json.key, 'stored hashed');
      assert.ok(!listed.text.includes(stored.keyHash));

      const [entry] = await audited(server, 'api-key-create');
      assert.deepEqual({ actorId: entry!.actorId, targetId: entry!.targetId, detail: entry!.detail }, { actorId: 'tiina', targetId: stored.id, detail: 'key=lahti-piste' });
      assert.ok(!JSON.stringify(await server.store.listAuditEntries({ limit: 1000, offset: 0 })).includes(created.json.key), 'never the key in the log');
    });

    it('refuses a taken name (any case), an unknown scope, a bad name and unknown fields, saying why', async () => {
      const taken = await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: 'LAHTI-PISTE', scope: 'open311' });
      assert.deepEqual([taken.status, taken.json.error.code], [409, 'key_name_taken']);
      assert.match(taken.json.error.message, /already an API key named LAHTI-PISTE/);
      const scope = await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: 'open-data', scope: 'everything' });
      assert.deepEqual([scope.status, scope.json.error.code], [400, 'invalid_scope']);
      assert.match(scope.json.error.message, /sms-surveys or open311, not "everything"/);
      const name = await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: 'two words', scope: 'open311' });
      assert.deepEqual([name.status, name.json.error.code], [400, 'invalid_key_name']);
      assert.match(name.json.error.message, /letters, digits/);
      assert.equal((await asStaff(server, admin, 'POST', '/api/admin/api-keys', { scope: 'open311' })).json.error.code, 'invalid_key_name');
      assert.equal((await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: 'x', scope: 'open311', keyHash: 'mine' })).status, 400);
      assert.equal((await server.store.listApiKeys()).length, 1, 'nothing made');
    });

    it('revokes a key so that its very next request is refused, on the SMS surveys and on Open311', async () => {
      const sms = await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: 'phone-line', scope: 'sms-surveys' });
      const open = await asStaff(server, admin, 'POST', '/api/admin/api-keys', { name: 'open-data', scope: 'open311' });
      assert.equal((await askSurvey(server, sms.json.key)).status, 202);
      assert.equal((await get311(server.url, 'services.json', bearer(open.json.key))).status, 200);

      for (const created of [sms, open]) {
        const revoked = await asStaff(server, admin, 'POST', `/api/admin/api-keys/${created.json.apiKey.id}/revoke`);
        assert.equal(revoked.status, 200, revoked.text);
        assert.equal(revoked.json.name, created.json.apiKey.name);
        assert.ok(revoked.json.revokedAt);
      }
      assert.deepEqual(await askSurvey(server, sms.json.key), { status: 401, code: 'api_key_revoked' });
      const read = await get311(server.url, 'services.json', bearer(open.json.key));
      assert.equal(read.status, 401);

      // Twice is fine: 200, the first time stays, one audit entry.
      const first = (await server.store.listApiKeys()).find((k) => k.name === 'phone-line')!.revokedAt;
      const again = await asStaff(server, admin, 'POST', `/api/admin/api-keys/${sms.json.apiKey.id}/revoke`);
      assert.deepEqual([again.status, again.json.revokedAt], [200, first]);
      assert.deepEqual((await audited(server, 'api-key-revoke')).map((e) => [e.actorId, e.detail]), [['tiina', 'key=phone-line'], ['tiina', 'key=open-data']]);

      const listed = (await asStaff(server, admin, 'GET', '/api/admin/api-keys')).json.apiKeys;
      assert.deepEqual(listed.map((k: { name: string; revokedAt: string | null; lastUsedAt: string | null }) => [k.name, !!k.revokedAt, !!k.lastUsedAt]), [
        ['lahti-piste', false, false],
        ['phone-line', true, true],
        ['open-data', true, true],
      ]);
      const unknown = await asStaff(server, admin, 'POST', '/api/admin/api-keys/nosuchkey/revoke');
      assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'unknown_api_key']);
    });

    it('is for admins only, and changes only from Suora’s own pages', async () => {
      const id = (await server.store.listApiKeys())[0]!.id;
      for (const who of ['aino', 'kari']) {
        const cookie = await signInAs(server, who);
        assert.equal((await asStaff(server, cookie, 'GET', '/api/admin/api-keys')).status, 403);
        assert.equal((await asStaff(server, cookie, 'POST', '/api/admin/api-keys', { name: `by-${who}`, scope: 'open311' })).status, 403);
        assert.equal((await asStaff(server, cookie, 'POST', `/api/admin/api-keys/${id}/revoke`)).status, 403);
      }
      assert.equal((await asStaff(server, undefined, 'GET', '/api/admin/api-keys')).status, 401);
      // A form on another site, with the admin's cookie.
      const crossSite = await fetch(`${server.url}/api/admin/api-keys/${id}/revoke`, { method: 'POST', headers: { Cookie: admin, 'Sec-Fetch-Site': 'cross-site' } });
      assert.equal(crossSite.status, 403);
      assert.equal((await server.store.listApiKeys())[0]!.revokedAt, null);
      assert.equal((await server.store.listApiKeys()).some((k) => k.name.startsWith('by-')), false);
    });

    it('refuses all but one of keys named alike at the same moment as taken, not as a failure', async () => {
      const names = Array.from({ length: 12 }, (_, i) => (i % 2 ? 'twin-key' : 'TWIN-KEY'));
      const answers = await Promise.all(names.map((name) => asStaff(server, admin, 'POST', '/api/admin/api-keys', { name, scope: 'open311' })));
      assert.deepEqual(answers.map((r) => r.status).sort(), [201, ...Array(11).fill(409)]);
      assert.equal(answers.find((r) => r.status === 409)!.json.error.code, 'key_name_taken');
      assert.equal((await server.store.listApiKeys()).filter((k) => k.name.toLowerCase() === 'twin-key').length, 1);
    });
  });
}

describe('Open311 reads with a key are in the audit log by the key’s name, once per city day', () => {
  let server: TestServer;
  const key = 'HelsinkiBridgeKey0001';
  const id = 'bridge0001';
  before(async () => {
    // A key made at the command line before keys had a maker.
    const stored = { id, name: 'helsinki-bridge', scope: 'open311', keyHash: hashSecret(key), createdAt: '2026-11-01T08:00:00.000Z', lastUsedAt: null, revokedAt: null };
    server = await startTestServer({}, (dir) => writeFile(path.join(dir, 'integrations.json'), JSON.stringify({ apiKeys: [stored], smsQuiet: {}, serverKeys: {} })));
  });
  after(() => server.close());

  it('lists a key stored before keys had a maker as made at the command line', async () => {
    const listed = await asStaff(server, await signInAs(server, 'tiina'), 'GET', '/api/admin/api-keys');
    assert.deepEqual(listed.json.apiKeys.map((k: { name: string; createdBy: unknown }) => [k.name, k.createdBy]), [['helsinki-bridge', null]]);
  });

  it('writes one entry for a day’s reads, and another on the next day’s first read', async () => {
    for (const path of ['services.json', 'requests.json', 'requests.xml']) assert.equal((await get311(server.url, path, bearer(key))).status, 200);
    const uses = await audited(server, 'api-key-use');
    assert.deepEqual(uses.map((e) => [e.actorId, e.targetId, e.detail]), [[null, id, 'key=helsinki-bridge']]);
    assert.equal((await get311(server.url, 'services.json')).status, 200, 'without a key: nothing to attribute');
    assert.equal((await audited(server, 'api-key-use')).length, 1);

    // Last used a day ago (the city's yesterday): the next read is the first of a new day.
    const stored = (await server.store.listApiKeys()).find((k) => k.id === id)!;
    await server.store.saveApiKey({ ...stored, lastUsedAt: new Date(Date.now() - 86_400_000).toISOString() });
    assert.equal((await get311(server.url, 'requests.json', bearer(key))).status, 200);
    assert.equal((await audited(server, 'api-key-use')).length, 2);
  });
});
