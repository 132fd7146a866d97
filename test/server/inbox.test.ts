import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('the inbox and the decision-makers’ list, a page at a time', () => {
  let server: TestServer;
  let aino: string;
  const ids: string[] = [];
  before(async () => {
    server = await startTestServer();
    aino = await signInAs(server, 'aino');
    for (let i = 1; i <= 5; i++) {
      ids.push((await postFeedback(server.url, { topic: 'business', rating: i, public: i % 2 === 1 })).json.id);
    }
    await postFeedback(server.url, { topic: 'streets', rating: 3, public: true });
  });
  after(() => server.close());

  it('pages newest first, with the total', async () => {
    const { json } = await asStaff(server, aino, 'GET', '/api/me/feedback?pageSize=2&page=2');
    assert.deepEqual(json.items.map((f: any) => f.id), [ids[2], ids[1]]);
    assert.deepEqual([json.total, json.page, json.pageSize], [5, 2, 2]);
  });

  it('filters the publication queue on the server', async () => {
    await asStaff(server, aino, 'PUT', `/api/feedback/${ids[0]}/publication`, {});
    const { json } = await asStaff(server, aino, 'GET', '/api/me/feedback?public=true&published=false');
    assert.deepEqual(json.items.map((f: any) => f.id), [ids[4], ids[2]]);
  });

  it('sorts newest or oldest first, newest by default', async () => {
    const order = async (query: string) => (await asStaff(server, aino, 'GET', `/api/me/feedback?${query}`)).json.items.map((f: any) => f.id);
    assert.deepEqual(await order(''), [...ids].reverse());
    assert.deepEqual(await order('sort=newest'), [...ids].reverse());
    assert.deepEqual(await order('sort=oldest'), ids);
    assert.deepEqual(await order('sort=oldest&pageSize=2&page=2'), ids.slice(2, 4));
  });

  it('refuses a bad page or filter with a 400', async () => {
    for (const query of ['page=0', 'pageSize=500', 'page=x', 'status=lost', 'from=yesterday', 'to=2026-02-30', 'topic=../x', 'sort=random', 'sort=']) {
      const { status, json } = await asStaff(server, aino, 'GET', `/api/me/feedback?${query}`);
      assert.equal(status, 400, query);
      assert.equal(typeof json.error.message, 'string');
    }
  });

  it('lets decision-makers filter public feedback by topic', async () => {
    const kari = await signInAs(server, 'kari');
    const all = await asStaff(server, kari, 'GET', '/api/council/feedback');
    assert.equal(all.json.total, 4);
    const business = await asStaff(server, kari, 'GET', '/api/council/feedback?topic=business&pageSize=1');
    assert.deepEqual([business.json.total, business.json.items.length], [3, 1]);
  });
});
