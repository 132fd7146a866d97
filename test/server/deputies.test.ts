import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { coverFor } from '../../server/src/domain/deputies.js';
import { addOfficial, updateOfficial } from '../../server/src/domain/directory.js';
import { localDay } from '../../server/src/domain/city-time.js';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asStaff, postFeedback, signInAs, type TestServer } from '../helpers/test-server.js';

/** The city's day `offset` days from today, as the server reckons it. */
function day(offset = 0): string {
  return localDay(Date.now() + offset * 86_400_000, 'Europe/Helsinki');
}

for (const kind of STORES) describe(`deputies: new feedback for an official who is away goes to their deputy (${kind})`, () => {
  let server: TestServer;
  let aino: string;
  let jussi: string;
  let laura: string;
  let tiina: string;
  let kari: string;

  before(async () => {
    server = await startTestServerOn(kind);
    await addOfficial(server.store, 'server', { id: 'leaver', name: 'Lea Lähtijä', email: 'lea@example.fi', serviceAreaId: 'vitality' });
    await updateOfficial(server.store, 'server', 'leaver', { active: false, successor: 'jussi' });
    [aino, jussi, laura, tiina, kari] = (await Promise.all(['aino', 'jussi', 'laura', 'tiina', 'kari'].map((id) => signInAs(server, id)))) as [string, string, string, string, string];
  });
  after(() => server.close());

  beforeEach(async () => {
    for (const id of ['aino', 'jussi', 'laura']) {
      const { json } = await asStaff(server, tiina, 'GET', `/api/admin/officials/${id}/deputies`);
      for (const p of json.absences) assert.equal((await asStaff(server, tiina, 'DELETE', `/api/admin/officials/${id}/deputies/${p.id}`)).status, 204);
    }
  });

  async function inboxOf(cookie: string): Promise<any[]> {
    return (await asStaff(server, cookie, 'GET', '/api/me/feedback?pageSize=200')).json.items;
  }

  it('routes to the deputy on the first and last day of the period, and the item says for whom', async () => {
    const set = await asStaff(server, aino, 'POST', '/api/me/deputies', { deputy: 'jussi', from: day(0), to: day(0) });
    assert.equal(set.status, 201, set.text);
    assert.deepEqual([set.json.official.id, set.json.deputy, set.json.from, set.json.to], ['aino', { id: 'jussi', name: 'Jussi Korhonen' }, day(0), day(0)]);

    const { json } = await postFeedback(server.url, { topic: 'business', rating: 2, comment: 'Aino is away' });
    const item = (await inboxOf(jussi)).find((f) => f.id === json.id);
    assert.ok(item, 'in the deputy’s inbox');
    assert.deepEqual(item.official, { id: 'jussi', name: 'Jussi Korhonen' });
    assert.deepEqual(item.routedVia, { deputyFor: { id: 'aino', name: 'Aino Virtanen' } });
    assert.ok(!(await inboxOf(aino)).some((f) => f.id === json.id), 'not in the inbox of the one away');
    const detail = await asStaff(server, jussi, 'GET', `/api/feedback/${json.id}`);
    assert.deepEqual(detail.json.routedVia, { deputyFor: { id: 'aino', name: 'Aino Virtanen' } });
  });

  it('routes as usual before a period starts and after it ends, and once it is removed', async () => {
    await asStaff(server, laura, 'POST', '/api/me/deputies', { deputy: 'jussi', from: day(-5), to: day(-1) });
    await asStaff(server, laura, 'POST', '/api/me/deputies', { deputy: 'jussi', from: day(1), to: day(3) });
    const { json } = await postFeedback(server.url, { topic: 'streets', rating: 4 });
    const item = (await inboxOf(laura)).find((f) => f.id === json.id);
    assert.ok(item);
    assert.equal(item.routedVia, null);

    const today = await asStaff(server, laura, 'POST', '/api/me/deputies', { deputy: 'aino', from: day(0), to: day(0) });
    await asStaff(server, laura, 'DELETE', `/api/me/deputies/${today.json.id}`);
    const after = await postFeedback(server.url, { topic: 'streets', rating: 4 });
    assert.ok((await inboxOf(laura)).some((f) => f.id === after.json.id));
  });

  it('passes on to the deputy’s own deputy when both are away, one hop further and never back', async () => {
    await asStaff(server, aino, 'POST', '/api/me/deputies', { deputy: 'jussi', from: day(-1), to: day(1) });
    await asStaff(server, jussi, 'POST', '/api/me/deputies', { deputy: 'laura', from: day(0), to: day(2) });
    await asStaff(server, laura, 'POST', '/api/me/deputies', { deputy: 'aino', from: day(0), to: day(0) });
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 3 });
    const item = (await inboxOf(laura)).find((f) => f.id === json.id);
    assert.ok(item, 'with the second deputy');
    assert.deepEqual(item.routedVia.deputyFor.id, 'aino');
  });

  it('reckons the days in the city’s time zone, both ends included', async () => {
    await asStaff(server, aino, 'POST', '/api/me/deputies', { deputy: 'jussi', from: '2030-12-21', to: '2030-12-24' });
    const at = async (iso: string) => (await coverFor(server.store, 'aino', new Date(iso), 'Europe/Helsinki')).officialId;
    assert.equal(await at('2030-12-20T21:59:59Z'), 'aino'); // 23:59:59 on the 20th in Helsinki
    assert.equal(await at('2030-12-20T22:00:00Z'), 'jussi'); // 00:00 on the 21st
    assert.equal(await at('2030-12-24T21:59:59Z'), 'jussi'); // 23:59:59 on the 24th
    assert.equal(await at('2030-12-24T22:00:00Z'), 'aino'); // the 25th
  });

  it('refuses what cannot be a period away, with a message a person understands', async () => {
    const cases: [unknown, number, string][] = [
      [{ deputy: 'jussi', from: day(3), to: day(1) }, 400, 'period_reversed'],
      [{ deputy: 'aino', from: day(0), to: day(1) }, 400, 'deputy_self'],
      [{ deputy: 'kari', from: day(0), to: day(1) }, 400, 'not_a_handler'],
      [{ deputy: 'leaver', from: day(0), to: day(1) }, 400, 'not_a_handler'],
      [{ deputy: 'nobody', from: day(0), to: day(1) }, 400, 'unknown_official'],
      [{ deputy: 'jussi', from: '2030-02-30', to: '2030-03-01' }, 400, 'invalid_input'],
      [{ deputy: 'jussi', from: day(0) }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const { status: got, json } = await asStaff(server, aino, 'POST', '/api/me/deputies', body);
      assert.equal(got, status, JSON.stringify(body));
      assert.equal(json.error.code, code, JSON.stringify(body));
      assert.ok(json.error.message.length > 10);
    }
    const first = await asStaff(server, aino, 'POST', '/api/me/deputies', { deputy: 'jussi', from: day(2), to: day(5) });
    assert.equal(first.status, 201);
    for (const [from, to] of [[day(5), day(6)], [day(0), day(2)], [day(3), day(4)], [day(0), day(9)]]) {
      const overlap = await asStaff(server, aino, 'POST', '/api/me/deputies', { deputy: 'laura', from, to });
      assert.equal(overlap.status, 409, `${from}–${to}`);
      assert.equal(overlap.json.error.code, 'deputy_overlap');
      assert.match(overlap.json.error.message, /Jussi Korhonen/);
    }
    assert.equal((await asStaff(server, aino, 'POST', '/api/me/deputies', { deputy: 'laura', from: day(6), to: day(7) })).status, 201);
  });

  it('lets the official and admins manage a person’s deputies, and nobody else; audited', async () => {
    assert.equal((await asStaff(server, aino, 'POST', '/api/admin/officials/jussi/deputies', { deputy: 'aino', from: day(0), to: day(1) })).status, 403);
    assert.equal((await asStaff(server, kari, 'GET', '/api/me/deputies')).status, 403);
    const byAdmin = await asStaff(server, tiina, 'POST', '/api/admin/officials/jussi/deputies', { deputy: 'aino', from: day(0), to: day(1) });
    assert.equal(byAdmin.status, 201);
    const jussis = await asStaff(server, jussi, 'GET', '/api/me/deputies');
    assert.deepEqual(jussis.json.absences.map((p: any) => p.id), [byAdmin.json.id]);
    const ainos = await asStaff(server, aino, 'GET', '/api/me/deputies');
    assert.deepEqual(ainos.json.covering.map((p: any) => p.official.id), ['jussi']);
    assert.deepEqual(ainos.json.candidates.map((o: any) => o.id), ['jussi', 'laura', 'tiina'], 'active officials and admins but herself');
    assert.equal((await asStaff(server, aino, 'DELETE', `/api/me/deputies/${byAdmin.json.id}`)).status, 404, 'only one’s own');
    assert.equal((await asStaff(server, jussi, 'DELETE', `/api/me/deputies/${byAdmin.json.id}`)).status, 204);
    const audit = (await asStaff(server, tiina, 'GET', '/api/admin/audit')).json.items;
    const set = audit.find((e: any) => e.action === 'deputy-set' && e.actorId === 'tiina' && e.targetId === 'jussi');
    assert.equal(set?.detail, 'deputy=aino');
    assert.ok(audit.some((e: any) => e.action === 'deputy-clear' && e.actorId === 'jussi' && e.targetId === 'jussi'));
  });
});
