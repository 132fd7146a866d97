import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asStaff, postFeedback, signInAs, type TestServer } from '../helpers/test-server.js';

for (const kind of STORES) describe(`bulk status: one status for many items, each checked as one is (${kind})`, () => {
  let server: TestServer;
  let aino: string;
  let tiina: string;
  const ainos: string[] = [];
  let lauras: string;

  before(async () => {
    server = await startTestServerOn(kind);
    [aino, tiina] = (await Promise.all(['aino', 'tiina'].map((id) => signInAs(server, id)))) as [string, string];
    for (let i = 0; i < 3; i++) ainos.push((await postFeedback(server.url, { topic: 'business', rating: 3 })).json.id);
    lauras = (await postFeedback(server.url, { topic: 'streets', rating: 3 })).json.id;
  });
  after(() => server.close());

  it('changes the items the official may handle and refuses the others one by one, audited per item', async () => {
    const ids = [ainos[0], lauras, ainos[1], 'NOSUCHITEM', ainos[0]];
    const { status, json } = await asStaff(server, aino, 'POST', '/api/feedback/bulk-status', { ids, status: 'in-progress' });
    assert.equal(status, 200);
    assert.deepEqual(
      json.results.map((r: any) => [r.id, r.ok, r.ok ? r.status : r.code]),
      [
        [ainos[0], true, 'in-progress'],
        [lauras, false, 'not_found'],
        [ainos[1], true, 'in-progress'],
        ['NOSUCHITEM', false, 'not_found'],
      ],
    );
    assert.equal(json.changed, 2);
    assert.ok(json.results[1].message.length > 10);
    const statuses = async (cookie: string) =>
      Object.fromEntries((await asStaff(server, cookie, 'GET', '/api/me/feedback')).json.items.map((f: any) => [f.id, f.status]));
    const all = await statuses(tiina);
    assert.deepEqual([all[ainos[0]!], all[ainos[1]!], all[ainos[2]!], all[lauras]], ['in-progress', 'in-progress', 'new', 'new']);
    const audited = (await asStaff(server, tiina, 'GET', '/api/admin/audit')).json.items.filter((e: any) => e.action === 'status');
    assert.deepEqual(audited.map((e: any) => [e.actorId, e.feedbackId, e.detail]).sort(), [
      ['aino', ainos[0], 'status=in-progress'],
      ['aino', ainos[1], 'status=in-progress'],
    ].sort());
  });

  it('lets an admin change any item', async () => {
    const { json } = await asStaff(server, tiina, 'POST', '/api/feedback/bulk-status', { ids: [ainos[2], lauras], status: 'closed' });
    assert.deepEqual([json.changed, json.results.every((r: any) => r.ok)], [2, true]);
  });

  it('refuses a request that is not a list of ids with a known status, or is too long', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `ID${i}`);
    for (const body of [{ ids: [], status: 'closed' }, { ids: many, status: 'closed' }, { ids: ainos, status: 'lost' }, { ids: ainos }, { ids: 'x', status: 'new' }, { ids: [1], status: 'new' }]) {
      const { status, json } = await asStaff(server, aino, 'POST', '/api/feedback/bulk-status', body);
      assert.equal(status, 400, JSON.stringify(body).slice(0, 60));
      assert.equal(typeof json.error.message, 'string');
    }
    assert.equal((await asStaff(server, aino, 'POST', '/api/feedback/bulk-status', { ids: many.slice(0, 100), status: 'closed' })).status, 200);
    assert.equal((await asStaff(server, await signInAs(server, 'kari'), 'POST', '/api/feedback/bulk-status', { ids: ainos, status: 'closed' })).status, 403);
  });
});
