import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { issueLoginKey } from '../../server/src/domain/auth.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

/** The plain-text bodies of the mails in the outbox, decoded (nodemailer writes non-ASCII as quoted-printable). */
async function outbox(server: TestServer): Promise<{ to: string; body: string }[]> {
  const dir = path.join(server.dataDir, 'outbox');
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    names.sort().map(async (name) => {
      const raw = await readFile(path.join(dir, name), 'utf8');
      const to = /^To: (.*)$/m.exec(raw)![1]!;
      const encoded = raw.slice(raw.search(/\r?\n\r?\n/)).trim();
      const body = /quoted-printable/i.test(raw)
        ? Buffer.from(encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : /base64/i.test(raw)
          ? Buffer.from(encoded, 'base64').toString('utf8')
          : encoded;
      return { to, body };
    }),
  );
}

describe('people: unique identities and honest sign-in', () => {
  let server: TestServer;
  let admin: string;
  before(async () => {
    server = await startTestServer();
    admin = await signInAs(server, 'tiina');
  });
  after(() => server.close());

  it('refuses (409) adding or changing an official to an email another official has, in any case and with spaces', async () => {
    for (const email of ['aino@example.fi', 'AINO@Example.FI', '  Aino@example.fi  ']) {
      const added = await asStaff(server, admin, 'POST', '/api/admin/officials', { name: 'Impostor', email, serviceAreaId: 'urban' });
      assert.equal(added.status, 409, email);
      assert.equal(added.json.error.code, 'email_taken');
      assert.match(added.json.error.message, /already has this email/);
      const changed = await asStaff(server, admin, 'PATCH', '/api/admin/officials/jussi', { email });
      assert.equal(changed.status, 409, email);
      assert.equal(changed.json.error.code, 'email_taken');
    }
    assert.equal((await server.store.getOfficial('jussi'))!.email, 'jussi@example.fi');
    assert.ok(!(await server.store.listOfficials()).some((o) => o.name === 'Impostor'));

    const trimmed = await asStaff(server, admin, 'POST', '/api/admin/officials', { id: 'new', name: 'Uusi', email: '  uusi@example.fi ', serviceAreaId: 'urban' });
    assert.equal(trimmed.status, 201);
    assert.equal(trimmed.json.email, 'uusi@example.fi');
    // One's own address, in another case, is not someone else's.
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/new', { email: 'Uusi@Example.fi' })).status, 200);
  });

  it('emails a sign-in link naming the account and the role, answers without the URL, and audits the issuing', async () => {
    const issued = await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'kari' });
    assert.equal(issued.status, 201);
    assert.deepEqual(Object.keys(issued.json).sort(), ['emailedTo', 'expiresAt']);
    assert.equal(issued.json.emailedTo, 'kari@example.fi');
    assert.doesNotMatch(issued.text, /\/login\//);

    const mail = (await outbox(server)).find((m) => m.to.includes('kari@example.fi'))!;
    assert.match(mail.body, /\/login\/[A-Za-z0-9_-]+/);
    // In the person's own language (the city's first, unless set).
    for (const words of [/Kari Salo \(kari\)/, /päättäjä/]) assert.match(mail.body, words);
    for (const words of [/beslutsfattare/, /decision-maker/]) assert.doesNotMatch(mail.body, words);

    const [entry] = (await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=1')).json.items;
    assert.deepEqual([entry.action, entry.actorId, entry.targetId, entry.feedbackId], ['login-link', 'tiina', 'kari', null]);
  });
});

describe('people: routing only to those who can handle it', () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await startTestServer();
    admin = await signInAs(server, 'tiina');
  });
  afterEach(() => server.close());

  it('ignores an `official` who is a decision-maker: routed by the area, or the same 400 as a missing topic', async () => {
    const byArea = await postFeedback(server.url, { official: 'kari', serviceArea: 'urban', rating: 2, comment: 'Private words' });
    assert.equal(byArea.status, 201);
    assert.equal((await server.store.getFeedback(byArea.json.id))!.officialId, 'laura');

    const alone = await postFeedback(server.url, { official: 'kari', rating: 2 });
    assert.equal(alone.status, 400);
    assert.equal(alone.json.error.code, 'topic_required');
    assert.equal((await postFeedback(server.url, { rating: 2 })).json.error.code, 'topic_required');
  });

  it('refuses giving a topic, an area or a survey link to a decision-maker or someone inactive', async () => {
    const refusals = [
      await asStaff(server, admin, 'PATCH', '/api/admin/topics/streets', { officialId: 'kari' }),
      await asStaff(server, admin, 'POST', '/api/admin/topics', { name: { fi: 'a', sv: 'b', en: 'c' }, serviceAreaId: 'urban', officialId: 'kari' }),
      await asStaff(server, admin, 'PATCH', '/api/admin/service-areas/urban', { officialId: 'kari' }),
      await asStaff(server, admin, 'POST', '/api/admin/service-areas', { name: { fi: 'a', sv: 'b', en: 'c' }, officialId: 'kari' }),
      await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'kari' }),
    ];
    for (const refused of refusals) {
      assert.equal(refused.status, 400, JSON.stringify(refused.json));
      assert.equal(refused.json.error.code, 'not_a_handler');
      assert.match(refused.json.error.message, /Kari Salo is a decision-maker/);
    }
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/aino', { active: false, successor: 'jussi' })).status, 200);
    const inactive = await asStaff(server, admin, 'PATCH', '/api/admin/topics/streets', { officialId: 'aino' });
    assert.equal(inactive.status, 400);
    assert.match(inactive.json.error.message, /no longer active/);
  });

  it('reports directory data that breaks the rule, and routes its feedback to the area’s contact, else an admin', async () => {
    // Roles changed outside Suora (the database, or data from before the rule) leave Jussi's
    // topic and Laura's topic and area with someone who cannot open feedback.
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/service-areas/vitality', { officialId: 'aino' })).status, 200);
    for (const id of ['jussi', 'laura']) await server.store.saveOfficial({ ...(await server.store.getOfficial(id))!, role: 'decision-maker' });

    const { problems } = (await asStaff(server, admin, 'GET', '/api/admin/directory')).json;
    assert.deepEqual(
      problems.map((p: any) => [p.code, p.owner, p.id, p.officialId]).sort(),
      [
        ['ineligible_owner', 'serviceArea', 'urban', 'laura'],
        ['ineligible_owner', 'topic', 'employment', 'jussi'],
        ['ineligible_owner', 'topic', 'streets', 'laura'],
      ],
    );
    const employment = await postFeedback(server.url, { topic: 'employment', rating: 4 });
    assert.equal((await server.store.getFeedback(employment.json.id))!.officialId, 'aino', 'the area’s contact');
    const streets = await postFeedback(server.url, { topic: 'streets', rating: 4 });
    assert.equal((await server.store.getFeedback(streets.json.id))!.officialId, 'tiina', 'the area’s contact cannot either: an admin');
  });
});

describe('people: those who leave', () => {
  let server: TestServer;
  let admin: string;
  before(async () => {
    server = await startTestServer();
    admin = await signInAs(server, 'tiina');
  });
  after(() => server.close());

  it('deactivating needs a successor, who takes over open items, topics, areas and links; the leaver’s sessions end at once', async () => {
    const laura = await signInAs(server, 'laura');
    const pendingKey = (await issueLoginKey(server.store, 'server', 'laura')).key;
    assert.equal((await asStaff(server, laura, 'GET', '/api/me/feedback')).status, 200);
    const link = (await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'laura' })).json;
    const open = (await postFeedback(server.url, { topic: 'streets', rating: 2, comment: 'Open' })).json.id;
    const closed = (await postFeedback(server.url, { topic: 'streets', rating: 2, comment: 'Done' })).json.id;
    assert.equal((await asStaff(server, laura, 'PATCH', `/api/feedback/${closed}`, { status: 'closed' })).status, 200);

    const without = await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { active: false });
    assert.equal(without.status, 400);
    assert.equal(without.json.error.code, 'successor_required');
    for (const successor of ['kari', 'laura', 'nobody']) {
      assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { active: false, successor })).status, 400, successor);
    }
    assert.equal((await server.store.getOfficial('laura'))!.active, true, 'nothing changed by a refused request');

    const done = await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { active: false, successor: 'jussi' });
    assert.equal(done.status, 200);
    assert.equal(done.json.active, false);

    assert.equal((await asStaff(server, laura, 'GET', '/api/me')).status, 401, 'the old cookie is dead at once');
    assert.equal((await server.store.getFeedback(open))!.officialId, 'jussi');
    assert.equal((await server.store.getFeedback(closed))!.officialId, 'laura', 'closed items stay as history');
    assert.equal((await server.store.getTopic('streets'))!.officialId, 'jussi');
    assert.equal((await server.store.getServiceArea('urban'))!.officialId, 'jussi');
    assert.equal((await server.store.listLinks()).find((l) => l.id === link.id)!.officialId, 'jussi');
    const viaLink = await postFeedback(server.url, { token: link.url.split('/s/')[1], rating: 5, press: 'pointer' });
    assert.equal((await server.store.getFeedback(viaLink.json.id))!.officialId, 'jussi');

    // Nor can the leaver sign in again: not with a link issued before, nor a new one.
    const login = await fetch(`${server.url}/login/${pendingKey}`, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' });
    assert.equal(login.status, 410);
    const issued = await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'laura' });
    assert.equal(issued.status, 409);
    assert.equal(issued.json.error.code, 'inactive');

    const log = (await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=5')).json.items.map((e: any) => [e.action, e.actorId, e.targetId]);
    assert.deepEqual(log.slice(0, 2), [
      ['sessions-end', 'tiina', 'laura'],
      ['official-deactivate', 'tiina', 'laura'],
    ]);
  });

  it('a demoted admin loses admin access at once', async () => {
    assert.equal((await asStaff(server, admin, 'POST', '/api/admin/officials', { id: 'pia', name: 'Pia', email: 'pia@example.fi', serviceAreaId: 'urban', role: 'admin' })).status, 201);
    const pia = await signInAs(server, 'pia');
    assert.equal((await asStaff(server, pia, 'GET', '/api/admin/directory')).status, 200);
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/pia', { role: 'official' })).status, 200);
    assert.equal((await asStaff(server, pia, 'GET', '/api/admin/directory')).status, 401);
    assert.equal((await asStaff(server, pia, 'GET', '/api/me/feedback')).status, 401);
  });

  it('ends a person’s sessions on request (204), and keeps the last active admin', async () => {
    const aino = await signInAs(server, 'aino');
    assert.equal((await asStaff(server, admin, 'DELETE', '/api/admin/officials/aino/sessions')).status, 204);
    assert.equal((await asStaff(server, aino, 'GET', '/api/me')).status, 401);
    assert.equal((await asStaff(server, admin, 'DELETE', '/api/admin/officials/nobody/sessions')).status, 404);

    const last = await asStaff(server, admin, 'PATCH', '/api/admin/officials/tiina', { role: 'official' });
    assert.equal(last.status, 409);
    assert.equal(last.json.error.code, 'last_admin');
    assert.equal((await asStaff(server, admin, 'GET', '/api/admin/directory')).status, 200);
  });

  it('refuses any session of an inactive person, even one that was not ended (e.g. changed in the database)', async () => {
    const jussi = await signInAs(server, 'jussi');
    assert.equal((await asStaff(server, jussi, 'GET', '/api/me')).status, 200);
    await server.store.saveOfficial({ ...(await server.store.getOfficial('jussi'))!, active: false });
    assert.equal((await asStaff(server, jussi, 'GET', '/api/me')).status, 401);
    await server.store.saveOfficial({ ...(await server.store.getOfficial('jussi'))!, active: true });
  });

  it('changes name, title, email and area, each change audited by field name only', async () => {
    const changed = await asStaff(server, admin, 'PATCH', '/api/admin/officials/aino', {
      name: 'Aino Uusinimi',
      title: 'Johtaja',
      email: 'aino.uusi@example.fi',
      serviceAreaId: 'urban',
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(
      [changed.json.name, changed.json.title, changed.json.email, changed.json.serviceAreaId],
      ['Aino Uusinimi', 'Johtaja', 'aino.uusi@example.fi', 'urban'],
    );
    // A new email is a new identity: her sessions end too.
    const [ended, entry] = (await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=2')).json.items;
    assert.deepEqual([entry.action, entry.targetId, entry.detail], ['official-change', 'aino', 'fields=name+title+email+serviceAreaId']);
    assert.deepEqual([ended.action, ended.targetId], ['sessions-end', 'aino']);
  });
});

describe('people: the audit log holds ids, never contact data', () => {
  let server: TestServer;
  let admin: string;
  before(async () => {
    server = await startTestServer();
    admin = await signInAs(server, 'tiina');
  });
  after(() => server.close());

  it('audits every directory change, link and sign-in link, access and erasure, and no email or name is in the log', async () => {
    const steps: [string, string, unknown][] = [
      ['POST', '/api/admin/service-areas', { id: 'culture', name: { fi: 'Kulttuuri', sv: 'Kultur', en: 'Culture' } }],
      ['PATCH', '/api/admin/service-areas/culture', { officialId: 'aino' }],
      ['POST', '/api/admin/officials', { id: 'olli', name: 'Olli Outonimi', email: 'olli.outo@example.fi', serviceAreaId: 'culture' }],
      ['PATCH', '/api/admin/officials/olli', { title: 'Kulttuurisihteeri', email: 'Olli.Uusi@example.fi' }],
      ['PATCH', '/api/admin/officials/olli', { role: 'admin' }],
      ['POST', '/api/admin/topics', { id: 'museums', name: { fi: 'Museot', sv: 'Museer', en: 'Museums' }, serviceAreaId: 'culture', officialId: 'olli' }],
      ['PATCH', '/api/admin/topics/museums', { officialId: 'aino' }],
      ['POST', '/api/admin/login-links', { officialId: 'olli' }],
      ['DELETE', '/api/admin/officials/olli/sessions', undefined],
      ['PATCH', '/api/admin/officials/olli', { active: false, successor: 'aino' }],
    ];
    for (const [method, url, body] of steps) {
      const { status, json } = await asStaff(server, admin, method, url, body);
      assert.ok(status < 300, `${method} ${url}: ${JSON.stringify(json)}`);
    }
    const link = (await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'aino' })).json;
    const rotated = (await asStaff(server, admin, 'POST', `/api/admin/links/${link.id}/rotate`)).json;
    await asStaff(server, admin, 'POST', `/api/admin/links/${rotated.id}/revoke`);

    const id = (await postFeedback(server.url, { topic: 'museums', comment: 'Hyvä näyttely', contact: { name: 'Maija Meikäläinen', email: 'Maija.M@example.com', phone: '+358 40 765 4321' } })).json.id;
    assert.equal((await asStaff(server, admin, 'GET', '/api/admin/personal-data?email=maija.m@EXAMPLE.com')).status, 200);
    assert.equal((await asStaff(server, admin, 'POST', '/api/admin/erase', { email: 'MAIJA.M@example.com' })).status, 200);

    const { items } = (await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=100')).json;
    const actions = items.map((e: any) => [e.action, e.targetId ?? e.feedbackId]).reverse();
    for (const expected of [
      ['area-add', 'culture'],
      ['area-change', 'culture'],
      ['official-add', 'olli'],
      ['official-change', 'olli'],
      ['role-change', 'olli'],
      ['topic-add', 'museums'],
      ['topic-change', 'museums'],
      ['login-link', 'olli'],
      ['sessions-end', 'olli'],
      ['official-deactivate', 'olli'],
      ['link-create', link.id],
      ['link-rotate', rotated.id],
      ['link-revoke', rotated.id],
      ['access', id],
      ['erase', id],
    ]) {
      assert.ok(actions.some((a: unknown) => JSON.stringify(a) === JSON.stringify(expected)), `audited: ${expected.join(' ')}`);
    }
    assert.ok(items.every((e: any) => e.actorId === 'tiina' || e.actorId === null));

    const log = JSON.stringify(items).toLowerCase();
    const officials = await server.store.listOfficials();
    const secrets = [
      ...officials.flatMap((o) => [o.email, o.name, o.title]).filter(Boolean),
      'olli.outo@example.fi', 'maija.m@example.com', 'maija', 'meikäläinen', '765 4321', 'näyttely', '@',
    ];
    for (const secret of secrets) assert.ok(!log.includes(secret.toLowerCase()), `the audit log holds "${secret}"`);
  });
});

describe('people: a change to who someone is ends their access and leaves nothing with them', () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    // Digests wait until the test sends them (flush): a hand-over always comes first.
    server = await startTestServer({ digestDelayMs: 600_000 });
    admin = await signInAs(server, 'tiina');
  });
  afterEach(() => server.close());

  const signInWith = (key: string) => fetch(`${server.url}/login/${key}`, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' });

  it('an email change ends the sessions and voids the sign-in links mailed to the old address; a new link works', async () => {
    const aino = await signInAs(server, 'aino');
    const mailedBefore = (await issueLoginKey(server.store, 'server', 'aino')).key;
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/aino', { email: 'aino.virtanen@example.fi' })).status, 200);
    assert.equal((await asStaff(server, aino, 'GET', '/api/me')).status, 401, 'the session from before the change is over');
    assert.equal((await signInWith(mailedBefore)).status, 410, 'the link mailed to the old address is void');
    assert.equal((await signInWith((await issueLoginKey(server.store, 'server', 'aino')).key)).status, 303);

    // Case and spaces are not a change of address; plus-addressing is a different address (RFC 5321).
    const again = await signInAs(server, 'aino');
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/aino', { email: ' Aino.Virtanen@example.fi ' })).status, 200);
    assert.equal((await asStaff(server, again, 'GET', '/api/me')).status, 200);
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/aino', { email: 'aino.virtanen+x@example.fi' })).status, 200);
    assert.equal((await asStaff(server, again, 'GET', '/api/me')).status, 401);
  });

  it('a role change and an admin’s order to end sessions void the unused sign-in links too', async () => {
    const beforeRole = (await issueLoginKey(server.store, 'server', 'jussi')).key;
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/jussi', { role: 'admin' })).status, 200);
    assert.equal((await signInWith(beforeRole)).status, 410, 'a link to the old role');

    const beforeOrder = (await issueLoginKey(server.store, 'server', 'laura')).key;
    assert.equal((await asStaff(server, admin, 'DELETE', '/api/admin/officials/laura/sessions')).status, 204);
    assert.equal((await signInWith(beforeOrder)).status, 410, 'a link mailed before “sign out everywhere”');
  });

  it('a role change that ends someone’s handling needs a successor while they hold anything, and says what they hold', async () => {
    const open = (await postFeedback(server.url, { topic: 'streets', rating: 2, comment: 'Kuoppa' })).json.id;
    const link = (await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'laura' })).json;

    const refused = await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { role: 'decision-maker' });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.code, 'successor_required');
    assert.match(refused.json.error.message, /Laura Nieminen still holds 1 open feedback item, 1 topic, 1 service area contact, 1 live survey link/);
    assert.equal(refused.json.error.fields.successor, 'Choose a successor.');
    assert.equal((await server.store.getOfficial('laura'))!.role, 'official', 'nothing changed');
    // Topics alone are enough to need one.
    assert.match((await asStaff(server, admin, 'PATCH', '/api/admin/officials/aino', { role: 'decision-maker' })).json.error.message, /1 topic\./);

    const done = await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { role: 'decision-maker', successor: 'jussi' });
    assert.equal(done.status, 200);
    assert.equal((await server.store.getFeedback(open))!.officialId, 'jussi');
    assert.equal((await server.store.getTopic('streets'))!.officialId, 'jussi');
    assert.equal((await server.store.getServiceArea('urban'))!.officialId, 'jussi');
    assert.equal((await server.store.listLinks()).find((l) => l.id === link.id)!.officialId, 'jussi');
    assert.deepEqual((await asStaff(server, admin, 'GET', '/api/admin/directory')).json.problems, []);

    // Someone who holds nothing changes role without one.
    assert.equal((await asStaff(server, admin, 'POST', '/api/admin/officials', { id: 'pia', name: 'Pia', email: 'pia@example.fi', serviceAreaId: 'urban' })).status, 201);
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/pia', { role: 'decision-maker' })).status, 200);
  });

  it('a waiting digest goes to whoever handles each item when it is sent, not dropped with the one who stopped', async () => {
    const streets = (await postFeedback(server.url, { topic: 'streets', rating: 2, comment: 'Katuvalo rikki' })).json.id;
    const employment = (await postFeedback(server.url, { topic: 'employment', rating: 4, comment: 'Hyvä palvelu' })).json.id;
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { role: 'decision-maker', successor: 'aino' })).status, 200);
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/jussi', { active: false, successor: 'aino' })).status, 200);
    await server.notifier.flush();

    const mails = await outbox(server);
    const toAino = mails.filter((m) => m.to.includes('aino@example.fi'));
    assert.ok(toAino.some((m) => m.body.includes('Katuvalo rikki')), 'Laura’s item goes to her successor');
    assert.ok(toAino.some((m) => m.body.includes('Hyvä palvelu')), 'Jussi’s item goes to his successor');
    assert.ok(!mails.some((m) => m.to.includes('laura@') || m.to.includes('jussi@')), 'nothing to those who no longer handle it');
    assert.ok([streets, employment].every((id) => toAino.some((m) => m.body.includes(id))));
  });

  it('a survey link whose owner cannot receive feedback names the service area and no person', async () => {
    const link = (await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'laura' })).json;
    const token = link.url.split('/s/')[1];
    const shown = async () => (await (await fetch(`${server.url}/api/links/${token}`)).json()) as any;
    assert.equal((await shown()).official.name, 'Laura Nieminen');

    for (const change of [{ role: 'decision-maker' as const }, { active: false }]) {
      // Changed outside Suora (a hand-over through it would have moved the link).
      const laura = (await server.store.getOfficial('laura'))!;
      await server.store.saveOfficial({ ...laura, role: 'official', active: true, ...change });
      const info = await shown();
      assert.equal(info.official, null, JSON.stringify(change));
      assert.equal(info.serviceArea.id, 'urban');
      assert.doesNotMatch(JSON.stringify(info), /Laura/);
      const answer = await postFeedback(server.url, { token, rating: 3, press: 'pointer' });
      assert.notEqual((await server.store.getFeedback(answer.json.id))!.officialId, 'laura', 'nor does the feedback go to her');
      const { problems } = (await asStaff(server, admin, 'GET', '/api/admin/directory')).json;
      assert.ok(problems.some((p: any) => p.owner === 'link' && p.id === link.id), 'listed for admins');
    }
  });

  it('an erasure that finds nothing is audited (count=0), as an access that finds nothing is', async () => {
    const erased = await asStaff(server, admin, 'POST', '/api/admin/erase', { email: 'nobody@example.com' });
    assert.deepEqual(erased.json, { erased: [], removed: {} });
    const [entry] = (await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=1')).json.items;
    assert.deepEqual([entry.action, entry.actorId, entry.feedbackId, entry.detail], ['erase', 'tiina', null, 'by=email, count=0']);
    await asStaff(server, admin, 'POST', '/api/admin/erase', { id: 'ABCD-1234' });
    const [byReference] = (await asStaff(server, admin, 'GET', '/api/admin/audit?pageSize=1')).json.items;
    assert.deepEqual([byReference.action, byReference.detail], ['erase', 'by=reference, count=0']);
  });
});

describe('people: directory data that breaks the rules at start-up', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(path.join(tmpdir(), 'suora-dup-'))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('starts, logs the problem by id (no email), and lists it for admins', async () => {
    const official = (id: string, email: string, role = 'official') => ({ id, name: id, title: '', email, serviceAreaId: 'a', role });
    await writeFile(
      path.join(dataDir, 'directory.json'),
      JSON.stringify({
        serviceAreas: [{ id: 'a', name: { fi: 'A', sv: 'A', en: 'A' } }],
        // Written before `active` and the email rule existed.
        officials: [official('first', 'Shared@Example.fi'), official('second', ' shared@example.fi'), official('boss', 'boss@example.fi', 'admin'), official('mp', 'mp@example.fi', 'decision-maker')],
        topics: [{ id: 't', name: { fi: 'T', sv: 'T', en: 'T' }, serviceAreaId: 'a', officialId: 'mp', forBusinesses: false }],
        signatureLinks: [],
      }),
    );
    const env = { ...process.env, SUORA_DATA_DIR: dataDir };
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'login-link', '--official', 'boss', '--json'], { env });
    const key = (JSON.parse(stdout) as { url: string }).url.split('/login/')[1]!;

    const server = spawn(process.execPath, [BIN, 'start', '--json'], { env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const log: string[] = [];
      const { server: url } = await printedUrls(server.stdout, log);
      const warnings = log.filter((line) => line.includes('"level":"warn"')).join('\n');
      assert.match(warnings, /Officials first, second share one email address/);
      assert.match(warnings, /Topic t belongs to mp, who cannot receive feedback/);
      assert.doesNotMatch(log.join('\n'), /@/);

      const signIn = await fetch(`${url}/login/${key}`, { method: 'POST', headers: { Origin: url }, redirect: 'manual' });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const directory = (await (await fetch(`${url}/api/admin/directory`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } })).json()) as any;
      assert.deepEqual(directory.problems.map((p: any) => [p.code, p.officialIds ?? p.id]), [
        ['duplicate_email', ['first', 'second']],
        ['ineligible_owner', 't'],
      ]);
      assert.ok(directory.officials.every((o: any) => o.active === true), 'older officials are active');
      const feedback = await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ topic: 't', rating: 3 }) });
      assert.equal(feedback.status, 201, 'feedback on a topic owned by a decision-maker goes to an admin, not lost');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });
});
