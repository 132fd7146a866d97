import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addOfficial } from '../../server/src/domain/directory.js';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asStaff, signInAs, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';

/**
 * The manager's reach: Helena heads Vitality (Aino and Jussi). Her area's items are those of
 * the area and those routed to its people from elsewhere; Urban Environment's are not hers.
 */
for (const kind of STORES) describe(`a manager heads one service area (${kind})`, () => {
  let server: TestServer;
  let helena: string;
  let jussi: string;
  let tiina: string;
  // Vitality's: Aino's private item with contact data (by her signature link, ref CASE-1), another
  // of Aino's with CASE-1, Jussi's, Urban's item routed to Aino, Vitality's item with Laura (a deputy outside).
  const mine = {
    ainoPrivate: feedbackItem({ rating: 5, linkId: 'L1', channel: 'email', ref: 'CASE-1', contact: { name: 'Mari Koskinen', email: 'mari@example.com' } }),
    ainoRef: feedbackItem({ rating: 4, ref: 'CASE-1' }),
    jussi: feedbackItem({ rating: 2, topicId: 'employment', officialId: 'jussi' }),
    toAino: feedbackItem({ rating: 3, serviceAreaId: 'urban', topicId: 'streets', officialId: 'aino' }),
    withLaura: feedbackItem({ rating: 1, officialId: 'laura' }),
  };
  // Urban Environment's own: not Helena's, but the city's.
  const others = {
    streets: feedbackItem({ rating: 5, serviceAreaId: 'urban', topicId: 'streets', officialId: 'laura', contact: { name: 'Olli Urban', email: 'olli@example.com' } }),
    unrated: feedbackItem({ rating: null, serviceAreaId: 'urban', topicId: 'streets', officialId: 'laura' }),
  };

  before(async () => {
    server = await startTestServerOn(kind);
    await addOfficial(server.store, 'server', { id: 'helena', name: 'Helena Heikkilä', email: 'helena@example.fi', serviceAreaId: 'vitality', role: 'manager' });
    await server.store.saveLink({ id: 'L1', token: 'tokenL1', officialId: 'aino', serviceAreaId: 'vitality', channel: 'email', createdAt: '2026-10-01T00:00:00.000Z', revokedAt: null });
    for (const item of [...Object.values(mine), ...Object.values(others)]) await server.store.addFeedback(item);
    [helena, jussi, tiina] = (await Promise.all(['helena', 'jussi', 'tiina'].map((id) => signInAs(server, id)))) as [string, string, string];
  });
  after(() => server.close());

  it('sees the team’s scores per official, link and ref, beside the area’s total and the city’s', async () => {
    const { status, json } = await asStaff(server, helena, 'GET', '/api/team/scores?period=month');
    assert.equal(status, 200, JSON.stringify(json));
    assert.equal(json.area.name, 'Elinvoima');
    // Ratings 5, 4, 2, 3, 1: mean 3, CSAT 2 of 5 = 40 %.
    assert.deepEqual(json.areaTotal.scores, { count: 5, rated: 5, mean: 3, csat: 40, distribution: [1, 1, 1, 1, 1] });
    assert.deepEqual(json.areaTotal.byPeriod.map((p: any) => [p.period, p.scores.count]), [['2026-11', 5]]);
    // Everyone in the city: those five, 5 and one unrated: mean 20/6 = 3.33, CSAT 3 of 6 = 50 %.
    assert.deepEqual(json.cityTotal.scores, { count: 7, rated: 6, mean: 3.33, csat: 50, distribution: [1, 1, 1, 1, 2] });
    // The area's people only, by name, Helena without feedback too; Laura's item counts for the area alone.
    assert.deepEqual(
      json.byOfficial.map((g: any) => [g.key, g.label, g.scores.count, g.scores.mean]),
      [
        ['aino', 'Aino Virtanen', 3, 4],
        ['helena', 'Helena Heikkilä', 0, null],
        ['jussi', 'Jussi Korhonen', 1, 2],
      ],
    );
    assert.deepEqual(json.byLink.map((g: any) => [g.key, g.scores.count]), [['L1', 1]]);
    assert.match(json.byLink[0].label, /Aino Virtanen/);
    assert.deepEqual(json.byRef.map((g: any) => [g.key, g.scores.count, g.scores.mean]), [['CASE-1', 2, 4.5]]);
    assert.doesNotMatch(JSON.stringify(json), /laura|Laura|mari@example|Olli/);
  });

  it('gives team scores to managers only', async () => {
    assert.equal((await asStaff(server, jussi, 'GET', '/api/team/scores')).status, 403);
    assert.equal((await asStaff(server, tiina, 'GET', '/api/team/scores')).status, 403);
  });

  it('shows the area’s inbox: its items and those routed to its people, private ones with their contact data', async () => {
    const { json } = await asStaff(server, helena, 'GET', '/api/me/feedback?pageSize=50');
    assert.deepEqual(json.items.map((f: any) => f.id).sort(), Object.values(mine).map((f) => f.id).sort());
    assert.equal(json.total, 5);
    assert.equal(json.items.find((f: any) => f.id === mine.ainoPrivate.id).contact.email, 'mari@example.com');
    const searched = await asStaff(server, helena, 'GET', '/api/me/feedback?q=Olli');
    assert.deepEqual(searched.json.items, [], 'another area’s items are not found by search either');
  });

  it('opens and handles the area’s items, private ones too; another area’s are not found', async () => {
    const opened = await asStaff(server, helena, 'GET', `/api/feedback/${mine.ainoPrivate.id}`);
    assert.equal(opened.status, 200);
    assert.equal(opened.json.contact.email, 'mari@example.com');
    assert.equal((await asStaff(server, helena, 'PATCH', `/api/feedback/${mine.toAino.id}`, { status: 'in-progress' })).status, 200);
    assert.equal((await asStaff(server, helena, 'POST', `/api/feedback/${mine.jussi.id}/notes`, { text: 'Katsotaan yhdessä.' })).status, 201);
    for (const item of Object.values(others)) {
      assert.equal((await asStaff(server, helena, 'GET', `/api/feedback/${item.id}`)).status, 404);
      assert.equal((await asStaff(server, helena, 'PATCH', `/api/feedback/${item.id}`, { status: 'closed' })).status, 404);
      assert.equal((await asStaff(server, helena, 'POST', `/api/feedback/${item.id}/forward`, { official: 'aino', note: 'Minulle' })).status, 404);
    }
    assert.equal((await server.store.getFeedback(others.streets.id))!.status, 'new');
  });

  it('forwards within the area and out of it; what leaves the area leaves the manager’s inbox', async () => {
    const within = await asStaff(server, helena, 'POST', `/api/feedback/${mine.ainoRef.id}/forward`, { official: 'jussi', note: 'Jussille' });
    assert.equal(within.status, 200, JSON.stringify(within.json));
    assert.equal((await server.store.getFeedback(mine.ainoRef.id))!.officialId, 'jussi');
    const out = await asStaff(server, helena, 'POST', `/api/feedback/${mine.jussi.id}/forward`, { topic: 'streets', note: 'Kuuluu kaduille' });
    assert.equal(out.status, 200, JSON.stringify(out.json));
    assert.equal((await asStaff(server, helena, 'GET', `/api/feedback/${mine.jussi.id}`)).status, 404);
  });

  it('sets deputies for the area’s people, not for anyone else’s, and not through the admin routes', async () => {
    const body = { deputy: 'aino', from: '2026-12-21', to: '2026-12-31' };
    const set = await asStaff(server, helena, 'POST', '/api/team/officials/jussi/deputies', body);
    assert.equal(set.status, 201, JSON.stringify(set.json));
    const listed = await asStaff(server, helena, 'GET', '/api/team/officials/jussi/deputies');
    assert.deepEqual(listed.json.absences.map((p: any) => p.deputy.id), ['aino']);
    assert.equal((await asStaff(server, helena, 'DELETE', `/api/team/officials/jussi/deputies/${set.json.id}`)).status, 204);
    const elsewhere = await asStaff(server, helena, 'POST', '/api/team/officials/laura/deputies', { ...body, deputy: 'tiina' });
    assert.equal(elsewhere.status, 403);
    assert.match(elsewhere.json.error.message, /own service area/);
    assert.equal((await asStaff(server, helena, 'POST', '/api/admin/officials/jussi/deputies', body)).status, 403);
    assert.equal((await asStaff(server, jussi, 'POST', '/api/team/officials/aino/deputies', body)).status, 403);
  });
});

describe('a manager of no service area', () => {
  let server: TestServer;
  let orphan: string;
  before(async () => {
    server = await startTestServerOn('lowdb');
    // A directory kept from before: the manager's area is gone.
    await server.store.saveOfficial({ id: 'orphan', name: 'Olga Orpo', title: '', email: 'olga@example.fi', serviceAreaId: 'gone', role: 'manager', active: true, locale: 'fi' });
    await server.store.saveOfficial({ id: 'drifter', name: 'Dan Drift', title: '', email: 'dan@example.fi', serviceAreaId: 'gone', role: 'official', active: true, locale: 'fi' });
    orphan = await signInAs(server, 'orphan');
  });
  after(() => server.close());

  it('is refused with a message that says why, in the inbox and the team scores', async () => {
    for (const path of ['/api/me/feedback', '/api/team/scores']) {
      const { status, json } = await asStaff(server, orphan, 'GET', path);
      assert.equal(status, 409, path);
      assert.equal(json.error.code, 'manager_without_area');
      assert.match(json.error.message, /service area "gone" does not exist/);
    }
  });

  it('cannot be made: a role change to manager, or a manager kept, needs an area that exists', async () => {
    const admin = await signInAs(server, 'tiina');
    const made = await asStaff(server, admin, 'PATCH', '/api/admin/officials/drifter', { role: 'manager' });
    assert.equal(made.status, 400);
    assert.equal(made.json.error.code, 'manager_without_area');
    assert.equal((await server.store.getOfficial('drifter'))!.role, 'official');
    const fixed = await asStaff(server, admin, 'PATCH', '/api/admin/officials/orphan', { serviceAreaId: 'urban' });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
  });
});
