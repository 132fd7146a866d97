import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addOfficial, updateOfficial } from '../../server/src/domain/directory.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { LOGIN_LINKS_PER_ADDRESS, LOGIN_LINKS_PER_EMAIL } from '../../server/src/routes/login-links.js';
import { plain, readMail, startSmtpPeer, until, type SmtpPeer } from '../helpers/smtp-peer.js';
import { asStaff, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('self-service sign-in links', () => {
  let smtp: SmtpPeer;
  let server: TestServer;

  before(async () => {
    smtp = await startSmtpPeer();
    // One trusted proxy: each test speaks from its own client address (X-Forwarded-For),
    // so the per-address limit of one test does not spill into another.
    server = await startTestServer({
      trustProxy: 1,
      mailer: createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' }),
    });
    await addOfficial(server.store, 'server', { id: 'leaver', name: 'Leo Lähtijä', email: 'leaver@example.fi', serviceAreaId: 'vitality' });
    await updateOfficial(server.store, 'server', 'leaver', { active: false, successor: 'aino' });
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  const ask = (client: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/login-links`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url, 'X-Forwarded-For': client, ...headers },
      body: JSON.stringify(body),
    });
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address)).map((m) => plain(m.data));
  /** The sign-in URL in a mail, as its reader would follow it. */
  const linkIn = (mail: string) => mail.match(/http:\/\/127\.0\.0\.1:\d+\/login\/[A-Za-z0-9_-]+(?:\?next=\S+)?/)![0];

  it('answers a known, an unknown and an inactive address with the same 202, and mails only the active official, naming the account and role', async () => {
    const answers: [number, string][] = [];
    // The mail goes out in the order asked: once the known one's mail is in, the others' would be too.
    for (const email of ['stranger@example.com', 'leaver@example.fi', 'kari@example.fi']) {
      const response = await ask('192.0.2.1', { email });
      answers.push([response.status, await response.text()]);
    }
    assert.equal(answers[0]![0], 202);
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    const [mail] = await until(() => (mailsTo('kari@example.fi').length ? mailsTo('kari@example.fi') : undefined), 'the sign-in mail');
    assert.match(mail!, /Kari Salo \(kari\)/);
    // The role in the reader's words (Kari reads Finnish): päättäjä, a decision-maker.
    assert.match(readMail(mail!).body, /roolina päättäjä/);
    assert.deepEqual(mailsTo('stranger@example.com'), []);
    assert.deepEqual(mailsTo('leaver@example.fi'), []);
  });

  it('finds the official by email trimmed and in any case; the mailed link signs in once', async () => {
    assert.equal((await ask('192.0.2.2', { email: '  JUSSI@Example.fi ' })).status, 202);
    const [mail] = await until(() => (mailsTo('jussi@example.fi').length ? mailsTo('jussi@example.fi') : undefined), 'the sign-in mail');
    const link = linkIn(mail!);
    assert.equal((await fetch(link)).status, 200, 'a GET only shows the button');
    const first = await fetch(link, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' });
    assert.equal(first.status, 303);
    const me = await asStaff(server, first.headers.get('set-cookie')!.split(';')[0], 'GET', '/api/me');
    assert.equal(me.json.id, 'jussi');
    assert.equal((await fetch(link, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' })).status, 410);
  });

  it('carries the dashboard location it was asked from, and lands there after sign-in', async () => {
    assert.equal((await ask('192.0.2.3', { email: 'aino@example.fi', next: '/dashboard#feedback/ABC234DEF5' })).status, 202);
    const [mail] = await until(() => (mailsTo('aino@example.fi').length ? mailsTo('aino@example.fi') : undefined), 'the sign-in mail');
    const link = linkIn(mail!);
    assert.match(link, /\?next=%2Fdashboard%23feedback%2FABC234DEF5$/);
    assert.match(await (await fetch(link)).text(), /action="\/login\/[A-Za-z0-9_-]+\?next=%2Fdashboard%23feedback%2FABC234DEF5"/);
    const signedIn = await fetch(link, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' });
    assert.equal(signedIn.headers.get('location'), '/dashboard#feedback/ABC234DEF5');
  });

  it('never sends anyone off the dashboard after sign-in: the login page and the mail drop any other `next`', async () => {
    const { issueLoginKey } = await import('../../server/src/domain/auth.js');
    for (const next of ['//evil.example', 'https://evil.example/dashboard', '/\\evil.example', '/\\/evil.example', '/dashboard.evil.example', 'javascript:alert(1)']) {
      const { key } = await issueLoginKey(server.store, 'server', 'laura');
      const url = `${server.url}/login/${key}?next=${encodeURIComponent(next)}`;
      assert.match(await (await fetch(url)).text(), new RegExp(`action="/login/${key}"`), next);
      const response = await fetch(url, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' });
      assert.equal(response.headers.get('location'), '/dashboard', next);
    }
    assert.equal((await ask('192.0.2.4', { email: 'tiina@example.fi', next: '//evil.example' })).status, 202);
    const [mail] = await until(() => (mailsTo('tiina@example.fi').length ? mailsTo('tiina@example.fi') : undefined), 'the sign-in mail');
    assert.doesNotMatch(linkIn(mail!), /next=/);
  });

  it(`sends at most ${LOGIN_LINKS_PER_EMAIL} links an hour to one address, answering every request alike`, async () => {
    const answers = new Set<string>();
    for (let i = 0; i < LOGIN_LINKS_PER_EMAIL + 3; i++) {
      const response = await ask(`192.0.2.${10 + i}`, { email: 'laura@example.fi' });
      answers.add(`${response.status} ${await response.text()}`);
    }
    assert.equal(answers.size, 1, 'past the limit, the same answer');
    assert.match([...answers][0]!, /^202 /);
    // Then another address: once its mail is in, every earlier request's mail would be.
    await ask('192.0.2.30', { email: 'kari@example.fi' });
    await until(() => (mailsTo('kari@example.fi').length === 2 ? true : undefined), 'the later mail');
    assert.equal(mailsTo('laura@example.fi').length, LOGIN_LINKS_PER_EMAIL);
  });

  it(`answers 429 past ${LOGIN_LINKS_PER_ADDRESS} requests an hour from one client address`, async () => {
    for (let i = 0; i < LOGIN_LINKS_PER_ADDRESS; i++) {
      assert.equal((await ask('198.51.100.7', { email: `nobody${i}@example.com` })).status, 202);
    }
    const refused = await ask('198.51.100.7', { email: 'nobody@example.com' });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await ask('198.51.100.8', { email: 'nobody@example.com' })).status, 202, 'another address is not limited by it');
  });

  it('refuses what is not an email address (400), a body that is not JSON (415), and a request from another site (403)', async () => {
    for (const body of [{}, { email: '' }, { email: 'aino' }, { email: 42 }, { email: 'a b@example.fi' }]) {
      const response = await ask('192.0.2.40', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_email');
    }
    const notJson = await fetch(`${server.url}/api/login-links`, { method: 'POST', headers: { Origin: server.url }, body: 'email=aino@example.fi' });
    assert.equal(notJson.status, 415);
    assert.equal((await ask('192.0.2.41', { email: 'aino@example.fi' }, { Origin: 'https://evil.example' })).status, 403);
  });
});
