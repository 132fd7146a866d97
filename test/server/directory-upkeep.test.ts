import assert from 'node:assert/strict';
import { readAuditDetail } from '../../contract/audit-detail.js';
import { after, before, describe, it } from 'node:test';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

async function auditOf(server: TestServer, admin: string, action: string): Promise<any[]> {
  const { json } = await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=100');
  return json.items.filter((e: any) => e.action === action).map((e: any) => ({ ...e, detail: readAuditDetail(e.detail) }));
}

for (const kind of STORES) describe(`retiring a topic (${kind})`, () => {
  let server: TestServer;
  let tiina: string;
  let jussi: string;
  before(async () => {
    server = await startTestServerOn(kind);
    [tiina, jussi] = await Promise.all([signInAs(server, 'tiina'), signInAs(server, 'jussi')]);
  });
  after(() => server.close());

  it('stops offering the topic, refuses new feedback on it, keeps its feedback; audited; and can bring it back', async () => {
    const given = await postFeedback(server.url, { topic: 'employment', rating: 3, comment: 'Ennen käytöstä poistoa' });
    assert.equal(given.status, 201);

    const retired = await asStaff(server, tiina, 'PATCH', '/api/admin/topics/employment', { retired: true });
    assert.equal(retired.status, 200);
    assert.equal(retired.json.retired, true);

    const offered = (await (await fetch(`${server.url}/api/topics?locale=fi`)).json()) as { topics: { id: string }[] };
    assert.ok(!offered.topics.some((t) => t.id === 'employment'), 'not offered');
    assert.ok(offered.topics.some((t) => t.id === 'streets'), 'the others still are');
    const late = await postFeedback(server.url, { topic: 'employment', rating: 3 });
    assert.equal(late.status, 400);

    const inbox = await asStaff(server, jussi, 'GET', '/api/me/feedback?pageSize=100');
    assert.ok(inbox.json.items.some((f: any) => f.id === given.json.id), 'its feedback stays with its official');
    const directory = await asStaff(server, tiina, 'GET', '/api/admin/directory');
    assert.equal(directory.json.topics.find((t: any) => t.id === 'employment').retired, true);
    const [entry] = await auditOf(server, tiina, 'topic-change');
    assert.equal(entry.targetId, 'employment');
    assert.deepEqual(entry.detail.fields, ['retired']);

    assert.equal((await asStaff(server, tiina, 'PATCH', '/api/admin/topics/employment', { retired: false })).status, 200);
    const again = (await (await fetch(`${server.url}/api/topics?locale=fi`)).json()) as { topics: { id: string }[] };
    assert.ok(again.topics.some((t) => t.id === 'employment'));
  });

  it('refuses a retired that is not true or false, and only admins retire', async () => {
    assert.equal((await asStaff(server, tiina, 'PATCH', '/api/admin/topics/streets', { retired: 'yes' })).status, 400);
    assert.equal((await asStaff(server, jussi, 'PATCH', '/api/admin/topics/streets', { retired: true })).status, 403);
  });
});

describe('PATCH /api/me/settings: the language of one’s own mail', () => {
  let server: TestServer;
  let aino: string;
  let kari: string;
  let tiina: string;
  before(async () => {
    server = await startTestServer();
    [aino, kari, tiina] = (await Promise.all(['aino', 'kari', 'tiina'].map((id) => signInAs(server, id)))) as [string, string, string];
  });
  after(() => server.close());

  it('sets it for the signed-in person only, shown by /api/me, audited as their own change', async () => {
    assert.equal((await asStaff(server, aino, 'GET', '/api/me')).json.locale, 'fi');
    const changed = await asStaff(server, aino, 'PATCH', '/api/me/settings', { locale: 'sv' });
    assert.equal(changed.status, 200);
    assert.equal(changed.json.locale, 'sv');
    assert.equal((await asStaff(server, aino, 'GET', '/api/me')).json.locale, 'sv');
    assert.equal((await server.store.getOfficial('aino'))?.locale, 'sv');
    assert.equal((await server.store.getOfficial('tiina'))?.locale, 'fi', 'no one else’s');
    const entries = (await auditOf(server, tiina, 'official-change')).filter((e) => e.targetId === 'aino');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].actorId, 'aino');
    assert.deepEqual(entries[0].detail.fields, ['locale']);
  });

  it('is for every signed-in staff member, a decision-maker too', async () => {
    assert.equal((await asStaff(server, kari, 'PATCH', '/api/me/settings', { locale: 'en' })).status, 200);
    assert.equal((await server.store.getOfficial('kari'))?.locale, 'en');
  });

  it('refuses a language the city does not have, other fields, and no sign-in', async () => {
    for (const body of [{ locale: 'de' }, {}, { locale: 'fi', role: 'admin' }, { locale: 'fi', email: 'x@example.fi' }]) {
      const { status, json } = await asStaff(server, aino, 'PATCH', '/api/me/settings', body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(typeof json.error.message, 'string', 'a human message');
    }
    assert.equal((await server.store.getOfficial('aino'))?.role, 'official');
    assert.equal((await asStaff(server, undefined, 'PATCH', '/api/me/settings', { locale: 'en' })).status, 401);
  });

  it('refuses a request from another site', async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, {}] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/api/me/settings`, {
        method: 'PATCH',
        headers: { Cookie: tiina, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ locale: 'en' }),
      });
      assert.equal(response.status, 403, JSON.stringify(headers));
    }
    assert.equal((await server.store.getOfficial('tiina'))?.locale, 'fi');
  });
});
