import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addOfficial } from '../../server/src/domain/directory.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

type Who = 'anonymous' | 'officialA' | 'officialB' | 'managerA' | 'managerB' | 'decisionMaker' | 'admin';
// Official A and manager A are of Vitality, where the feedback goes; official B of Vitality too, manager B of Urban Environment.
const WHO: Who[] = ['anonymous', 'officialA', 'officialB', 'managerA', 'managerB', 'decisionMaker', 'admin'];

describe('who may read and change what', () => {
  let server: TestServer;
  const cookies: Partial<Record<Who, string>> = {};
  let privateId: string;
  let publicId: string;

  before(async () => {
    server = await startTestServer();
    await addOfficial(server.store, 'server', { id: 'helena', name: 'Helena Heikkilä', email: 'helena@example.fi', serviceAreaId: 'vitality', role: 'manager' });
    await addOfficial(server.store, 'server', { id: 'urho', name: 'Urho Ulla', email: 'urho@example.fi', serviceAreaId: 'urban', role: 'manager' });
    cookies.managerA = await signInAs(server, 'helena');
    cookies.managerB = await signInAs(server, 'urho');
    cookies.officialA = await signInAs(server, 'aino');
    cookies.officialB = await signInAs(server, 'jussi');
    cookies.decisionMaker = await signInAs(server, 'kari');
    cookies.admin = await signInAs(server, 'tiina');
    privateId = (
      await postFeedback(server.url, {
        topic: 'business',
        rating: 2,
        comment: 'PRIVATE: our tender was lost',
        contact: { name: 'Mari Koskinen', email: 'mari@example.com', phone: '+358 40 123 4567' },
      })
    ).json.id;
    publicId = (
      await postFeedback(server.url, {
        topic: 'business',
        rating: 5,
        comment: 'PUBLIC: great business advice',
        public: true,
        contact: { name: 'Pekka Public', email: 'pekka@example.com' },
      })
    ).json.id;
  });
  after(() => server.close());

  // Each endpoint and the status each kind of reader gets, in the order of WHO.
  const MATRIX: [string, string, () => unknown, number[]][] = [
    ['GET', '/api/me', () => undefined, [401, 200, 200, 200, 200, 200, 200]],
    ['GET', '/api/me/feedback', () => undefined, [401, 200, 200, 200, 200, 403, 200]],
    ['GET', '/api/me/scores', () => undefined, [401, 200, 200, 200, 200, 403, 200]],
    ['GET', '/api/me/links', () => undefined, [401, 200, 200, 200, 200, 403, 200]],
    ['GET', '/api/feedback/:private', () => undefined, [401, 200, 404, 200, 404, 403, 200]],
    ['PATCH', '/api/feedback/:private', () => ({ status: 'in-progress' }), [401, 200, 404, 200, 404, 403, 200]],
    ['PUT', '/api/feedback/:public/publication', () => ({}), [401, 200, 404, 200, 404, 403, 200]],
    ['DELETE', '/api/feedback/:public/publication', () => undefined, [401, 200, 404, 200, 404, 403, 200]],
    ['GET', '/api/council/feedback', () => undefined, [401, 403, 403, 403, 403, 200, 200]],
    ['GET', '/api/stats', () => undefined, [401, 403, 403, 403, 403, 200, 200]],
    ['GET', '/api/admin/directory', () => undefined, [401, 403, 403, 403, 403, 403, 200]],
    ['POST', '/api/admin/officials', () => ({ name: 'Uusi Virkailija', email: 'uusi@example.fi', serviceAreaId: 'urban' }), [401, 403, 403, 403, 403, 403, 201]],
    ['PATCH', '/api/admin/topics/streets', () => ({ officialId: 'laura' }), [401, 403, 403, 403, 403, 403, 200]],
    ['PATCH', '/api/admin/service-areas/urban', () => ({ officialId: 'laura' }), [401, 403, 403, 403, 403, 403, 200]],
    ['PATCH', '/api/admin/officials/laura', () => ({ title: 'Katupäällikkö' }), [401, 403, 403, 403, 403, 403, 200]],
    ['DELETE', '/api/admin/officials/laura/sessions', () => undefined, [401, 403, 403, 403, 403, 403, 204]],
    ['GET', '/api/admin/audit', () => undefined, [401, 403, 403, 403, 403, 403, 200]],
    ['GET', '/api/admin/personal-data?email=nobody@example.com', () => undefined, [401, 403, 403, 403, 403, 403, 200]],
    ['GET', '/api/admin/links', () => undefined, [401, 403, 403, 403, 403, 403, 200]],
    ['POST', '/api/admin/links', () => ({ officialId: 'laura' }), [401, 403, 403, 403, 403, 403, 201]],
    ['POST', '/api/admin/login-links', () => ({ officialId: 'laura' }), [401, 403, 403, 403, 403, 403, 201]],
    ['GET', '/api/export.csv', () => undefined, [401, 403, 403, 403, 403, 403, 200]],
    ['GET', '/api/public/feedback', () => undefined, [200, 200, 200, 200, 200, 200, 200]],
    ['GET', '/api/team/scores', () => undefined, [401, 403, 403, 200, 200, 403, 403]],
    ['GET', '/api/team/officials/jussi/deputies', () => undefined, [401, 403, 403, 200, 403, 403, 403]],
    ['POST', '/api/team/officials/laura/deputies', () => ({ deputy: 'tiina', from: '2026-12-21', to: '2026-12-22' }), [401, 403, 403, 403, 201, 403, 403]],
    ['GET', '/api/admin/officials/jussi/deputies', () => undefined, [401, 403, 403, 403, 403, 403, 200]],
  ];

  for (const [method, template, body, expected] of MATRIX) {
    it(`${method} ${template}: ${expected.join(' ')}`, async () => {
      const path = template.replace(':private', privateId).replace(':public', publicId);
      for (const [i, who] of WHO.entries()) {
        const { status, json } = await asStaff(server, cookies[who], method, path, body());
        assert.equal(status, expected[i], `${who}: ${JSON.stringify(json)}`);
        if (status >= 400) assert.equal(typeof json.error.message, 'string');
      }
    });
  }

  it('gives each official only their own inbox, a manager their area’s, and admins all of it', async () => {
    const a = await asStaff(server, cookies.officialA, 'GET', '/api/me/feedback');
    assert.deepEqual(a.json.items.map((f: any) => f.id).sort(), [privateId, publicId].sort());
    assert.equal(a.json.items.find((f: any) => f.id === privateId).contact.email, 'mari@example.com');
    const b = await asStaff(server, cookies.officialB, 'GET', '/api/me/feedback');
    assert.deepEqual(b.json.items, []);
    const managerA = await asStaff(server, cookies.managerA, 'GET', '/api/me/feedback');
    assert.deepEqual(managerA.json.items.map((f: any) => f.id).sort(), [privateId, publicId].sort(), 'the manager of the area sees its items');
    assert.equal(managerA.json.items.find((f: any) => f.id === privateId).contact.email, 'mari@example.com');
    const managerB = await asStaff(server, cookies.managerB, 'GET', '/api/me/feedback');
    assert.deepEqual(managerB.json.items, [], 'the manager of another area sees none of them');
    const admin = await asStaff(server, cookies.admin, 'GET', '/api/me/feedback');
    assert.ok(admin.json.items.some((f: any) => f.id === privateId));
  });

  it('never shows private feedback or contact data to decision-makers or the public', async () => {
    await asStaff(server, cookies.officialA, 'PUT', `/api/feedback/${publicId}/publication`, {});
    const council = await asStaff(server, cookies.decisionMaker, 'GET', '/api/council/feedback');
    const stats = await asStaff(server, cookies.decisionMaker, 'GET', '/api/stats');
    const publicPage = await asStaff(server, undefined, 'GET', '/api/public/feedback');
    for (const { text } of [council, stats, publicPage]) {
      assert.doesNotMatch(text, /PRIVATE|Mari|mari@example.com|\+358|Pekka Public|pekka@example\.com|contact/);
    }
    assert.deepEqual(council.json.items.map((f: any) => f.id), [publicId]);
    assert.deepEqual(publicPage.json.items.map((f: any) => f.id), [publicId]);
  });

  it('keeps an item the giver did not allow off the public page, whoever asks', async () => {
    const { status, json } = await asStaff(server, cookies.admin, 'PUT', `/api/feedback/${privateId}/publication`, {});
    assert.equal(status, 409);
    assert.equal(json.error.code, 'not_public');
  });

  it('refuses a signed-in change that comes from another site', async () => {
    const response = await fetch(`${server.url}/api/feedback/${privateId}`, {
      method: 'PATCH',
      headers: { Cookie: cookies.officialA!, Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'closed' }),
    });
    assert.equal(response.status, 403);
    assert.notEqual((await server.store.getFeedback(privateId))!.status, 'closed');
  });
});
