import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addOfficial, updateOfficial } from '../../server/src/domain/directory.js';
import { findInDataDir } from '../helpers/personal-data-search.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

const DAY = 86_400_000;

/** A private item with contact data, routed by its topic (business: Aino). */
async function privateItem(server: TestServer, comment = 'The tender was unclear.'): Promise<string> {
  const { status, json } = await postFeedback(server.url, {
    topic: 'business',
    rating: 2,
    comment,
    contact: { name: 'Maija Meikäläinen', email: 'maija@example.fi', organisation: 'Meikäläinen Oy' },
    wantsReply: true,
  });
  assert.equal(status, 201);
  return json.id;
}

async function inboxIds(server: TestServer, cookie: string, query = ''): Promise<string[]> {
  const { status, json } = await asStaff(server, cookie, 'GET', `/api/me/feedback${query}`);
  assert.equal(status, 200);
  return json.items.map((f: { id: string }) => f.id);
}

describe('forwarding feedback', () => {
  let server: TestServer;
  let aino: string;
  let jussi: string;
  let laura: string;
  let kari: string;
  let tiina: string;
  before(async () => {
    server = await startTestServer();
    aino = await signInAs(server, 'aino');
    jussi = await signInAs(server, 'jussi');
    laura = await signInAs(server, 'laura');
    kari = await signInAs(server, 'kari');
    tiina = await signInAs(server, 'tiina');
    await addOfficial(server.store, 'server', { id: 'olli', name: 'Olli Lähtijä', email: 'olli@example.fi', serviceAreaId: 'vitality' });
    await updateOfficial(server.store, 'server', 'olli', { active: false, successor: 'jussi' });
  });
  after(() => server.close());

  it('to an official: the item leaves the old inbox for the new one, in the new official’s area', async () => {
    const id = await privateItem(server);
    const forward = await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { official: 'laura', note: 'Koskee katuja, ei yrityksiä.' });
    assert.equal(forward.status, 200, forward.text);
    assert.deepEqual([forward.json.official.id, forward.json.serviceArea.id, forward.json.topic], ['laura', 'urban', null]);
    assert.ok(!(await inboxIds(server, aino)).includes(id), 'gone from Aino’s inbox');
    assert.equal((await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).status, 404, 'Aino can no longer open it');
    assert.ok((await inboxIds(server, laura)).includes(id), 'in Laura’s inbox');
    assert.equal((await asStaff(server, laura, 'GET', `/api/feedback/${id}`)).status, 200);
  });

  it('to an official in the same area keeps the topic', async () => {
    const id = await privateItem(server);
    const { json } = await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { official: 'jussi', note: 'Sinun asiakkaasi.' });
    assert.deepEqual([json.official.id, json.serviceArea.id, json.topic.id], ['jussi', 'vitality', 'business']);
  });

  it('to a topic: its responsible official, its area and the topic itself', async () => {
    const id = await privateItem(server);
    const forward = await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { topic: 'streets', note: 'Katuasia.' });
    assert.equal(forward.status, 200, forward.text);
    assert.deepEqual([forward.json.official.id, forward.json.serviceArea.id, forward.json.topic.id], ['laura', 'urban', 'streets']);
    assert.ok((await inboxIds(server, laura, '?topic=streets')).includes(id));
    assert.ok(!(await inboxIds(server, aino)).includes(id));
  });

  it('an admin may forward anyone’s item, and still sees it afterwards', async () => {
    const id = await privateItem(server);
    assert.equal((await asStaff(server, tiina, 'POST', `/api/feedback/${id}/forward`, { official: 'jussi', note: 'Aino on lomalla.' })).status, 200);
    assert.ok((await inboxIds(server, tiina)).includes(id));
    assert.ok((await inboxIds(server, jussi)).includes(id));
  });

  it('only those who may handle the item forward it: another official finds nothing, a decision-maker is refused, nobody signed out', async () => {
    const id = await privateItem(server);
    const body = { official: 'jussi', note: 'Minulle kuuluva?' };
    assert.equal((await asStaff(server, jussi, 'POST', `/api/feedback/${id}/forward`, body)).status, 404);
    assert.equal((await asStaff(server, kari, 'POST', `/api/feedback/${id}/forward`, body)).status, 403);
    assert.equal((await asStaff(server, undefined, 'POST', `/api/feedback/${id}/forward`, body)).status, 401);
    assert.equal((await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).json.official.id, 'aino', 'still with Aino');
  });

  it('a forwarded private item reaches no decision-maker and not the public page', async () => {
    const id = await privateItem(server, 'Private matter Quetzalcoatl.');
    assert.equal((await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { topic: 'streets', note: 'Katuasia.' })).status, 200);
    const council = await asStaff(server, kari, 'GET', '/api/council/feedback?pageSize=200');
    assert.ok(!council.text.includes(id) && !council.text.includes('Quetzalcoatl'));
    assert.equal((await asStaff(server, kari, 'GET', `/api/feedback/${id}`)).status, 403);
    const publicPage = await fetch(`${server.url}/api/public/feedback`).then((r) => r.text());
    assert.ok(!publicPage.includes(id) && !publicPage.includes('Quetzalcoatl'));
  });

  it('refuses a forward that names no one, both, someone unknown, a leaver, a decision-maker or the same official, each with a message', async () => {
    const id = await privateItem(server);
    const cases: [unknown, number, string, RegExp][] = [
      [{ note: 'x' }, 400, 'invalid_forward', /either to an official or to a topic/],
      [{ official: 'jussi', topic: 'streets', note: 'x' }, 400, 'invalid_forward', /not both/],
      [{ official: 'nobody', note: 'x' }, 400, 'unknown_official', /no such official/],
      [{ topic: 'nothing', note: 'x' }, 400, 'unknown_topic', /no such topic/],
      [{ official: 'olli', note: 'x' }, 400, 'official_inactive', /Olli Lähtijä has left/],
      [{ official: 'kari', note: 'x' }, 400, 'official_cannot_receive', /decision-maker/],
      [{ official: 'aino', note: 'x' }, 409, 'same_official', /already with Aino Virtanen/],
      [{ topic: 'business', note: 'x' }, 409, 'same_topic', /already on that topic/],
      [{ official: 'jussi' }, 400, 'invalid_forward', /note/],
      [{ official: 'jussi', note: '   ' }, 400, 'invalid_forward', /Say why/],
      [{ official: 'jussi', note: 'x'.repeat(2001) }, 400, 'invalid_forward', /at most 2000/],
      [{ official: 'jussi', note: 'x', extra: 1 }, 400, 'invalid_forward', /.+/],
      [{ official: '../x', note: 'x' }, 400, 'invalid_forward', /not a valid identifier/],
    ];
    for (const [body, status, code, message] of cases) {
      const { status: got, json } = await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, body);
      assert.deepEqual([got, json?.error?.code], [status, code], JSON.stringify(body));
      assert.match(json.error.message, message, JSON.stringify(body));
    }
    assert.equal((await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).json.official.id, 'aino', 'nothing changed');
  });

  it('refuses a forward to oneself, to an official or through a topic one is responsible for', async () => {
    const id = await privateItem(server);
    const self = await asStaff(server, tiina, 'POST', `/api/feedback/${id}/forward`, { official: 'tiina', note: 'Otan tämän.' });
    assert.deepEqual([self.status, self.json.error.code], [409, 'forward_to_self']);
    assert.match(self.json.error.message, /yourself/);
    const own = await asStaff(server, tiina, 'POST', '/api/admin/topics', { name: { fi: 'Hallinto', sv: 'Förvaltning', en: 'Administration' }, serviceAreaId: 'urban', officialId: 'tiina' });
    assert.equal(own.status, 201, own.text);
    const throughTopic = await asStaff(server, tiina, 'POST', `/api/feedback/${id}/forward`, { topic: own.json.id, note: 'Minun aiheeni.' });
    assert.deepEqual([throughTopic.status, throughTopic.json.error.code], [409, 'forward_to_self']);
    assert.equal((await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).json.official.id, 'aino', 'nothing changed');
  });

  it('lists whom staff can forward to: active officials and admins by name and area, no decision-makers, leavers or emails', async () => {
    const { status, json, text } = await asStaff(server, jussi, 'GET', '/api/officials?locale=en');
    assert.equal(status, 200);
    assert.deepEqual(json.officials.map((o: any) => o.id), ['aino', 'jussi', 'laura', 'tiina']);
    assert.deepEqual(json.officials[2].serviceArea, { id: 'urban', name: 'Urban Environment' });
    assert.ok(!text.includes('@'), 'no email addresses');
    assert.equal((await asStaff(server, kari, 'GET', '/api/officials')).status, 403);
  });

  it('is audited by ids, the note kept out of the audit log', async () => {
    const id = await privateItem(server);
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { official: 'jussi', note: 'Perustelu Vombatti.' });
    const { json } = await asStaff(server, tiina, 'GET', '/api/admin/audit');
    const entry = json.items.find((e: any) => e.action === 'forward' && e.feedbackId === id);
    assert.deepEqual([entry.actorId, entry.targetId, entry.detail], ['aino', 'jussi', 'from=aino']);
    assert.deepEqual(await findInDataDir(path.join(server.dataDir, 'audit'), ['Vombatti']), []);
  });
});

describe('internal notes', () => {
  let server: TestServer;
  let aino: string;
  before(async () => {
    server = await startTestServer();
    aino = await signInAs(server, 'aino');
  });
  after(() => server.close());

  it('adds a note (201, trimmed) by the item’s handler, audited without its text', async () => {
    const id = await privateItem(server);
    const { status, json } = await asStaff(server, aino, 'POST', `/api/feedback/${id}/notes`, { text: '  Soitin, lupasin vastata Tapiiri.  ' });
    assert.equal(status, 201);
    assert.deepEqual([json.kind, json.text, json.actor.name], ['note', 'Soitin, lupasin vastata Tapiiri.', 'Aino Virtanen']);
    const tiina = await signInAs(server, 'tiina');
    const audit = await asStaff(server, tiina, 'GET', '/api/admin/audit');
    assert.ok(audit.json.items.some((e: any) => e.action === 'note' && e.feedbackId === id && e.actorId === 'aino'));
    assert.deepEqual(await findInDataDir(path.join(server.dataDir, 'audit'), ['Tapiiri']), []);
  });

  it('refuses an empty note, a note over 2000 characters and a note by someone who may not handle the item', async () => {
    const id = await privateItem(server);
    for (const [body, message] of [
      [{ text: '   ' }, /Write a note/],
      [{ text: 'x'.repeat(2001) }, /at most 2000/],
      [{}, /must be text/],
      [{ text: 'ok', more: true }, /.+/],
    ] as const) {
      const { status, json } = await asStaff(server, aino, 'POST', `/api/feedback/${id}/notes`, body);
      assert.deepEqual([status, json.error.code], [400, 'invalid_note'], JSON.stringify(body));
      assert.match(json.error.message, message);
    }
    assert.equal((await asStaff(server, await signInAs(server, 'jussi'), 'POST', `/api/feedback/${id}/notes`, { text: 'x' })).status, 404);
    assert.equal((await asStaff(server, await signInAs(server, 'kari'), 'POST', `/api/feedback/${id}/notes`, { text: 'x' })).status, 403);
  });

  it('appears in no public, decision-maker or giver-facing response', async () => {
    const { json: created } = await postFeedback(server.url, {
      topic: 'business',
      rating: 4,
      comment: 'Public praise.',
      public: true,
      contact: { email: 'giver@example.fi' },
      wantsReply: true,
    });
    const id = created.id;
    const secret = 'Sisäinen Okapi-muistiinpano';
    assert.equal((await asStaff(server, aino, 'POST', `/api/feedback/${id}/notes`, { text: secret })).status, 201);
    assert.equal((await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos palautteesta.' })).status, 200);
    assert.equal((await asStaff(server, aino, 'PUT', `/api/feedback/${id}/publication`, {})).status, 200);
    await server.notifier.flush();
    const publicPage = await fetch(`${server.url}/api/public/feedback`).then((r) => r.text());
    assert.ok(publicPage.includes(id) && !publicPage.includes('Okapi'), 'the public page shows the item, not the note');
    const kari = await signInAs(server, 'kari');
    const council = await asStaff(server, kari, 'GET', '/api/council/feedback');
    assert.ok(council.text.includes(id) && !council.text.includes('Okapi'), 'decision-makers see the item, not the note');
    assert.equal((await asStaff(server, kari, 'GET', `/api/feedback/${id}`)).status, 403);
    const giverMail = await findInDataDir(path.join(server.dataDir, 'outbox'), ['Kiitos palautteesta', 'Okapi']);
    assert.ok(giverMail.some((f) => f.endsWith('Kiitos palautteesta')), 'the reply mail went out');
    assert.ok(!giverMail.some((f) => f.endsWith('Okapi')), 'without the note');
  });

  it('is in the access export of the person the item is about, and gone after erasure', async () => {
    const id = await privateItem(server);
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/notes`, { text: 'Asiakas Narvaali soitti.' });
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { official: 'jussi', note: 'Narvaalin asia sinulle.' });
    await server.notifier.flush();
    const tiina = await signInAs(server, 'tiina');
    const copy = await asStaff(server, tiina, 'GET', `/api/admin/personal-data?id=${id}`);
    assert.deepEqual(
      copy.json.copies.notes.map((n: any) => [n.feedbackId, n.kind, n.authorId, n.text]),
      [
        [id, 'note', 'aino', 'Asiakas Narvaali soitti.'],
        [id, 'forwarded', 'aino', 'Narvaalin asia sinulle.'],
      ],
    );
    assert.ok((await findInDataDir(server.dataDir, ['Narvaali'])).length > 0, 'stored before');
    assert.deepEqual((await asStaff(server, tiina, 'POST', '/api/admin/erase', { id })).json.erased, [id]);
    assert.deepEqual(await findInDataDir(server.dataDir, ['Narvaali']), []);
  });

  it('loses its text in the retention purge, its step in the history kept', async () => {
    const id = await privateItem(server);
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/notes`, { text: 'Muistio Gnuu.' });
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { official: 'jussi', note: 'Gnuun perustelu.' });
    await server.notifier.flush();
    assert.ok(await server.personalData.purge(548, { now: new Date(Date.now() + 600 * DAY) }) >= 1);
    assert.deepEqual(await findInDataDir(server.dataDir, ['Gnuu']), []);
    const jussi = await signInAs(server, 'jussi');
    const { json } = await asStaff(server, jussi, 'GET', `/api/feedback/${id}`);
    const texts = json.history.filter((h: any) => h.kind === 'note' || h.kind === 'forwarded').map((h: any) => [h.kind, h.kind === 'note' ? h.text : h.note]);
    assert.deepEqual(texts, [
      ['note', null],
      ['forwarded', null],
    ]);
    assert.equal((await asStaff(server, jussi, 'POST', `/api/feedback/${id}/notes`, { text: 'Vielä yksi.' })).status, 409, 'a purged item takes no new notes');
  });
});

describe('an item’s history', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('tells, oldest first and by whom: received (how it was routed), status, note, forwarded, reply, publication and its withdrawal', async () => {
    const { json: created } = await postFeedback(server.url, { topic: 'business', rating: 3, comment: 'Hmm.', public: true, contact: { email: 'g@example.fi' } });
    const id = created.id;
    const aino = await signInAs(server, 'aino');
    const jussi = await signInAs(server, 'jussi');
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { status: 'in-progress' });
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/notes`, { text: 'Selvitän.' });
    await asStaff(server, aino, 'POST', `/api/feedback/${id}/forward`, { official: 'jussi', note: 'Työllisyysasia.' });
    await asStaff(server, jussi, 'PATCH', `/api/feedback/${id}`, { reply: 'Vastaus.' });
    await asStaff(server, jussi, 'PATCH', `/api/feedback/${id}`, { reply: 'Korjattu vastaus.' });
    await asStaff(server, jussi, 'PUT', `/api/feedback/${id}/publication`, {});
    await asStaff(server, jussi, 'DELETE', `/api/feedback/${id}/publication`);
    const { status, json } = await asStaff(server, jussi, 'GET', `/api/feedback/${id}?locale=en`);
    assert.equal(status, 200);
    const steps = json.history.map((h: any) => [h.kind, typeof h.actor === 'string' ? h.actor : h.actor.name]);
    assert.deepEqual(steps, [
      ['received', 'giver'],
      ['status', 'Aino Virtanen'],
      ['note', 'Aino Virtanen'],
      ['forwarded', 'Aino Virtanen'],
      ['replied', 'Jussi Korhonen'],
      ['status', 'Jussi Korhonen'],
      ['reply-edited', 'Jussi Korhonen'],
      ['published', 'Jussi Korhonen'],
      ['withdrawn', 'Jussi Korhonen'],
    ]);
    const [received, status1, note, forwarded, , answered] = json.history;
    assert.deepEqual([received.at, received.channel, received.routedBy], [json.createdAt, 'widget', 'topic']);
    assert.deepEqual([received.to.official.name, received.to.topic.name, received.to.serviceArea.name], ['Aino Virtanen', 'Businesses and economic policy', 'Vitality']);
    assert.deepEqual([status1.from, status1.to, answered.from, answered.to], ['new', 'in-progress', 'in-progress', 'answered']);
    assert.equal(note.text, 'Selvitän.');
    assert.deepEqual([forwarded.from.official.id, forwarded.to.official.id, forwarded.note], ['aino', 'jussi', 'Työllisyysasia.']);
    const times = json.history.map((h: any) => Date.parse(h.at));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
  });

  it('says why an item arrived where it did: its area’s contact, or the official the page named', async () => {
    const laura = await signInAs(server, 'laura');
    const aino = await signInAs(server, 'aino');
    const byArea = (await postFeedback(server.url, { serviceArea: 'urban', rating: 4 })).json.id;
    const byOfficial = (await postFeedback(server.url, { official: 'aino', rating: 4 })).json.id;
    const received = async (cookie: string, id: string) => (await asStaff(server, cookie, 'GET', `/api/feedback/${id}`)).json.history[0];
    assert.deepEqual([(await received(laura, byArea)).routedBy, (await received(laura, byArea)).to.official.id], ['area', 'laura']);
    assert.deepEqual([(await received(aino, byOfficial)).routedBy, (await received(aino, byOfficial)).to.official.id], ['official', 'aino']);
  });

  it('a giver’s edit that withdraws the approval is the giver’s step', async () => {
    const { json: created } = await postFeedback(server.url, { topic: 'business', rating: 3, comment: 'Alku.', public: true });
    const aino = await signInAs(server, 'aino');
    await asStaff(server, aino, 'PUT', `/api/feedback/${created.id}/publication`, {});
    const edit = await fetch(`${server.url}/api/feedback/${created.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ editKey: created.editKey, comment: 'Muutettu.' }),
    });
    assert.equal(edit.status, 204);
    const { json } = await asStaff(server, aino, 'GET', `/api/feedback/${created.id}`);
    assert.deepEqual(json.history.at(-1).kind, 'withdrawn');
    assert.equal(json.history.at(-1).actor, 'giver');
  });
});

describe('inbox search', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('finds by reference, comment, name and organisation in any case, with the other filters, in the official’s own inbox only', async () => {
    const aino = await signInAs(server, 'aino');
    const bench = (await postFeedback(server.url, { topic: 'business', comment: 'The BENCH squeaks.' })).json.id;
    const named = (await postFeedback(server.url, { topic: 'business', rating: 3, contact: { name: 'Benchley' } })).json.id;
    const firm = (await postFeedback(server.url, { topic: 'business', rating: 3, contact: { organisation: 'Workbench Oy', businessId: '0737546-2' } })).json.id;
    const other = (await postFeedback(server.url, { topic: 'streets', comment: 'Bench by the street.' })).json.id;
    assert.deepEqual(await inboxIds(server, aino, '?q=bench'), [firm, named, bench]);
    assert.deepEqual(await inboxIds(server, aino, `?q=${bench.toLowerCase()}`), [bench]);
    await asStaff(server, aino, 'PATCH', `/api/feedback/${named}`, { status: 'closed' });
    assert.deepEqual(await inboxIds(server, aino, '?q=%20bench%20&status=closed'), [named]);
    const { json } = await asStaff(server, aino, 'GET', '/api/me/feedback?q=bench&pageSize=1&page=2');
    assert.deepEqual([json.items.map((f: any) => f.id), json.total], [[named], 3]);
    const tiina = await signInAs(server, 'tiina');
    assert.deepEqual(await inboxIds(server, tiina, '?q=BENCH'), [other, firm, named, bench], 'an admin searches everything');
  });

  it('refuses a search over 200 characters', async () => {
    const aino = await signInAs(server, 'aino');
    const { status, json } = await asStaff(server, aino, 'GET', `/api/me/feedback?q=${'x'.repeat(201)}`);
    assert.deepEqual([status, json.error.code], [400, 'invalid_filter']);
  });
});
