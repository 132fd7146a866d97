import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readAuditDetail } from '../../contract/audit-detail.js';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { get311 } from '../helpers/open311-client.js';
import { asStaff, postFeedback, signInAs, type TestServer } from '../helpers/test-server.js';

for (const kind of STORES) describe(`retiring a service area (${kind})`, () => {
  let server: TestServer;
  let tiina: string;
  let aino: string;
  let laura: string;
  before(async () => {
    server = await startTestServerOn(kind);
    [tiina, aino, laura] = await Promise.all([signInAs(server, 'tiina'), signInAs(server, 'aino'), signInAs(server, 'laura')]);
  });
  after(() => server.close());

  const offered = async () => ((await (await fetch(`${server.url}/api/topics?locale=fi`)).json()) as { topics: { id: string }[] }).topics.map((t) => t.id).sort();
  const retire = (retired: boolean) => asStaff(server, tiina, 'PATCH', '/api/admin/service-areas/vitality', { retired });

  it('is refused while live signature links point at it, saying what to do', async () => {
    const link = await asStaff(server, tiina, 'POST', '/api/admin/links', { officialId: 'aino', serviceAreaId: 'vitality' });
    assert.equal(link.status, 201);
    const refused = await retire(true);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.error.code, 'area_has_live_links');
    assert.match(refused.json.error.message, /Revoke/);
    assert.deepEqual(await offered(), ['business', 'employment', 'streets']);
    assert.equal((await asStaff(server, tiina, 'POST', `/api/admin/links/${link.json.id}/revoke`)).status, 200);
  });

  it('stops offering the area and its topics, keeps its feedback and statistics, puts nothing new in it; audited; and can bring it back', async () => {
    const given = await postFeedback(server.url, { topic: 'business', rating: 4, comment: 'Ennen lakkautusta' });
    assert.equal(given.status, 201);
    const retired = await retire(true);
    assert.equal(retired.status, 200, retired.text);
    assert.equal(retired.json.retired, true);

    assert.deepEqual(await offered(), ['streets']);
    assert.equal((await postFeedback(server.url, { topic: 'business', rating: 3 })).status, 400);
    assert.equal((await postFeedback(server.url, { serviceArea: 'vitality', rating: 3 })).status, 400);
    // Its topics themselves are not retired: bringing the area back offers them again.
    const directory = (await asStaff(server, tiina, 'GET', '/api/admin/directory')).json;
    assert.equal(directory.serviceAreas.find((a: any) => a.id === 'vitality').retired, true);
    assert.equal(directory.topics.find((t: any) => t.id === 'business').retired, false);

    // Its feedback stays with its official, and in the statistics.
    const inbox = await asStaff(server, aino, 'GET', '/api/me/feedback?pageSize=100');
    assert.ok(inbox.json.items.some((f: any) => f.id === given.json.id));
    const stats = await asStaff(server, tiina, 'GET', '/api/stats');
    assert.equal(stats.status, 200);
    assert.match(stats.text, /vitality/);

    // Nothing new goes into a retired area.
    const topic = await asStaff(server, tiina, 'POST', '/api/admin/topics', { name: { fi: 'Uusi', sv: 'Ny', en: 'New' }, serviceAreaId: 'vitality', officialId: 'aino' });
    assert.equal(topic.status, 409);
    assert.equal(topic.json.error.code, 'area_retired');
    const link = await asStaff(server, tiina, 'POST', '/api/admin/links', { officialId: 'aino', serviceAreaId: 'vitality' });
    assert.equal(link.status, 409);

    const audit = (await asStaff(server, tiina, 'GET', '/api/admin/audit?pageSize=100')).json.items.filter((e: any) => e.action === 'area-change');
    assert.equal(audit[0].targetId, 'vitality');
    assert.deepEqual(readAuditDetail(audit[0].detail).fields, ['retired']);

    assert.equal((await retire(false)).status, 200);
    assert.deepEqual(await offered(), ['business', 'employment', 'streets']);
    assert.equal((await postFeedback(server.url, { topic: 'business', rating: 5 })).status, 201);
  });

  it('takes no new feedback by any path: not through its official, not by a forward from elsewhere; Open311 lists it only while it has published feedback', async () => {
    const services = async () => (await get311(server.url, 'services.json')).records.map((s: any) => s.service_code);
    const ainos = await postFeedback(server.url, { official: 'aino', rating: 4, comment: 'Alueelle', public: true });
    assert.equal(ainos.status, 201);
    const lauras = await postFeedback(server.url, { topic: 'streets', rating: 2 });
    const parks = await asStaff(server, tiina, 'POST', '/api/admin/topics', { name: { fi: 'Puistot', sv: 'Parker', en: 'Parks' }, serviceAreaId: 'urban', officialId: 'laura' });
    assert.equal((await asStaff(server, tiina, 'PATCH', `/api/admin/topics/${parks.json.id}`, { retired: true })).status, 200);
    assert.equal((await retire(true)).status, 200);

    // A page naming an official of the retired area: the official is ignored, the giver is asked for a topic.
    const named = await postFeedback(server.url, { official: 'aino', rating: 3, fillMs: 5000 });
    assert.deepEqual([named.status, named.json.error.code], [400, 'topic_required']);

    const forward = (cookie: string, id: string, to: object) => asStaff(server, cookie, 'POST', `/api/feedback/${id}/forward`, { ...to, note: 'Siirto' });
    for (const [to, code] of [[{ official: 'aino' }, 'area_retired'], [{ topic: 'business' }, 'area_retired'], [{ topic: parks.json.id }, 'topic_retired']] as const) {
      const refused = await forward(laura, lauras.json.id, to);
      assert.deepEqual([refused.status, refused.json.error.code], [409, code], JSON.stringify(to));
      assert.match(refused.json.error.message, /retired/);
    }
    // Within the retired area its people still pass its remaining work on.
    assert.equal((await forward(aino, ainos.json.id, { official: 'jussi' })).status, 200);

    assert.deepEqual(await services(), ['streets', 'area:urban']);
    const jussi = await signInAs(server, 'jussi');
    assert.equal((await asStaff(server, jussi, 'PUT', `/api/feedback/${ainos.json.id}/publication`, {})).status, 200);
    assert.deepEqual(await services(), ['streets', 'area:urban', 'area:vitality']);
    assert.equal((await retire(false)).status, 200);
  });

  it('only admins retire an area, and retired is true or false', async () => {
    assert.equal((await asStaff(server, aino, 'PATCH', '/api/admin/service-areas/urban', { retired: true })).status, 403);
    assert.equal((await asStaff(server, tiina, 'PATCH', '/api/admin/service-areas/urban', { retired: 'yes' })).status, 400);
  });
});
