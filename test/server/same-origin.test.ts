import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLink } from '../../server/src/domain/signature-links.js';
import { routesOf, type Route } from '../helpers/routes.js';
import { postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Requests a browser makes with the session cookie that do not come from Suora's own
 * pages, by what the browser sends with them.
 */
const NOT_OWN_PAGES: [string, Record<string, string>][] = [
  ['a link or page on another site', { 'Sec-Fetch-Site': 'cross-site' }],
  ['a fetch from another site', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }],
  ['a link on another subdomain of the city', { 'Sec-Fetch-Site': 'same-site' }],
  ['a fetch from another subdomain of the city', { 'Sec-Fetch-Site': 'same-site', Origin: 'https://www.lahti.fi' }],
  ['a link opened from a mail client or another program', { 'Sec-Fetch-Site': 'none' }],
  ['a link followed in an older browser', {}],
  ['a page on another site, in an older browser', { Origin: 'https://evil.example' }],
  ['a form under no-referrer, in an older browser', { Origin: 'null' }],
];

describe('a signed-in person’s cookie counts only on Suora’s own pages', () => {
  let server: TestServer;
  let admin: string;
  let official: string;
  let privateId: string;
  let staffRoutes: Route[];
  let link: { id: string; token: string };

  /** `route` with its parameters filled in, and a query where the route needs one to do anything. */
  const pathOf = ({ path }: Route) => {
    const id = path.startsWith('/api/admin/topics') ? 'streets' : path.startsWith('/api/admin/officials') ? 'aino' : path.startsWith('/api/admin/links') ? link.id : privateId;
    const query = path === '/api/admin/personal-data' ? '?email=mari@example.com' : '';
    return path.replace(':id', id).replace(':token', link.token).replace(':key', 'x') + query;
  };

  const send = (route: Route, headers: Record<string, string>) =>
    fetch(`${server.url}${pathOf(route)}`, {
      method: route.method,
      headers: { ...headers, ...(route.method !== 'GET' && { 'Content-Type': 'application/json' }) },
      ...(route.method !== 'GET' && { body: '{}' }),
      redirect: 'manual',
    });

  const auditTotal = async () => (await server.store.listAuditEntries()).total;

  before(async () => {
    server = await startTestServer({ allowedOrigins: ['https://www.lahti.fi'] });
    admin = await signInAs(server, 'tiina');
    official = await signInAs(server, 'aino');
    privateId = (await postFeedback(server.url, { topic: 'business', rating: 2, comment: 'PRIVATE', contact: { email: 'mari@example.com' } })).json.id;
    link = (await createLink(server.store, 'server', { officialId: 'aino' })).link;
    // A staff route is one that answers 401 to a request from our own pages without a session.
    staffRoutes = [];
    for (const route of routesOf(server.app)) {
      const response = await send(route, { 'Sec-Fetch-Site': 'same-origin' });
      if (response.status === 401) staffRoutes.push(route);
    }
  });
  after(() => server.close());

  it('finds the staff routes', () => {
    const names = staffRoutes.map((r) => `${r.method} ${r.path}`);
    for (const name of ['GET /api/admin/personal-data', 'GET /api/feedback/:id', 'GET /api/export.csv', 'GET /api/me/feedback', 'POST /api/admin/erase']) {
      assert.ok(names.includes(name), name);
    }
  });

  for (const [what, headers] of NOT_OWN_PAGES) {
    it(`refuses every staff route from ${what}, and writes no audit entry`, async () => {
      const audited = await auditTotal();
      for (const cookie of [admin, official]) {
        for (const route of staffRoutes) {
          const response = await send(route, { ...headers, Cookie: cookie });
          assert.ok(response.status === 401 || response.status === 403, `${route.method} ${route.path}: ${response.status}`);
          const body = (await response.json()) as { error: { message: string } };
          assert.equal(typeof body.error.message, 'string');
        }
      }
      assert.equal(await auditTotal(), audited);
      assert.equal((await server.store.getFeedback(privateId))!.status, 'new', 'nothing changed');
    });
  }

  it('lets no other page send the dashboard’s header: the CORS preflight is refused, even for an allowed origin', async () => {
    for (const origin of ['https://evil.example', 'https://www.lahti.fi']) {
      for (const route of staffRoutes) {
        const preflight = await fetch(`${server.url}${pathOf(route)}`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': route.method, 'Access-Control-Request-Headers': 'x-suora-dashboard' },
        });
        const allowed = preflight.headers.get('access-control-allow-origin') === origin && /x-suora-dashboard/i.test(preflight.headers.get('access-control-allow-headers') ?? '');
        assert.ok(!allowed, `${origin} → ${route.method} ${route.path}`);
      }
    }
  });

  it('answers a link from another site with words that say why', async () => {
    const response = await fetch(`${server.url}/api/export.csv`, { headers: { Cookie: admin, 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(response.status, 403);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /Suora dashboard/);
  });

  it('serves the dashboard’s own requests: Sec-Fetch-Site same-origin, or its header in an older browser', async () => {
    const audited = await auditTotal();
    const own: Record<string, string>[] = [{ 'Sec-Fetch-Site': 'same-origin' }, { 'X-Suora-Dashboard': '1' }, { Origin: server.url }];
    for (const headers of own) {
      for (const route of staffRoutes.filter((r) => r.method === 'GET')) {
        const response = await send(route, { ...headers, Cookie: admin });
        assert.equal(response.status, 200, `${route.method} ${route.path} with ${JSON.stringify(headers)}`);
      }
    }
    // Each pass reads a private item, a person’s data and both exports (CSV and Excel): each is audited.
    assert.equal(await auditTotal(), audited + 12);
  });
});
