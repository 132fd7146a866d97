import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locale } from '../../contract/api.js';
import { readCityIdentity } from '../../server/src/city-identity.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { TEXTS } from '../../server/src/texts/index.js';
import { feedbackItem } from '../store-contract/contract.js';
import { readMail, startSmtpPeer, until, type SmtpPeer } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

const identity = readCityIdentity({
  SUORA_CITY_NAME: '{"fi":"Lahden kaupunki","sv":"Lahtis stad","en":"City of Lahti"}',
  SUORA_LOGO_URL: '/assets/lahti.svg',
  SUORA_PRIVACY_URL: '{"fi":"https://www.lahti.example/tietosuoja","sv":"https://www.lahti.example/sv/dataskydd","en":"https://www.lahti.example/en/privacy"}',
});

/** Text a giver or an official might paste that is also markup: it must reach the reader as typed, never as HTML. */
const HOSTILE = 'Katso <script>alert(1)</script></blockquote><p onclick="x()">Tom & Jerry</p>';
const HOSTILE_ESCAPED = 'Katso &lt;script&gt;alert(1)&lt;/script&gt;&lt;/blockquote&gt;&lt;p onclick=&quot;x()&quot;&gt;Tom &amp; Jerry&lt;/p&gt;';

type Read = ReturnType<typeof readMail>;

/** What every mail holds: both parts, the reader's language, the city in the From, the header and the footer. */
function assertCityMail(mail: Read, locale: Locale): void {
  const city = identity.name![locale];
  assert.match(mail.headers['content-type']!, /^multipart\/alternative/);
  assert.ok(mail.body.length > 0, 'a plain-text part');
  assert.ok(mail.html, 'an HTML part');
  assert.match(mail.headers.from!, new RegExp(`^"?${city} – Suora"? <suora@lahti\\.example>$`), 'From names the city, in the reader’s language');
  assert.match(mail.html!, new RegExp(`<html lang="${locale}">`));
  assert.ok(mail.html!.includes(`<img src="${'https://suora.lahti.example/assets/lahti.svg'}" alt="${city}"`), 'the logo, named by the city');
  const privacy = identity.privacyUrl![locale];
  assert.ok(mail.html!.includes(`<a href="${privacy}"`) && mail.html!.includes(`>${TEXTS[locale].identity.mailPrivacy}</a>`), 'the privacy notice');
  assert.ok(mail.body.includes(`${TEXTS[locale].identity.mailPrivacy}: ${privacy}`), 'the privacy notice in the text too');
  assert.ok(mail.body.includes(TEXTS[locale].identity.mailFooter(city)));
  assert.doesNotMatch(mail.html!, /<script|onclick="/, 'no markup of anyone’s making');
}

/** Text that was typed reaches the text part as typed and the HTML part escaped. */
function assertEscaped(mail: Read, typed: string, escaped: string): void {
  assert.ok(mail.html!.includes(escaped), 'escaped in HTML');
  assert.equal(mail.html!.match(/<blockquote/g)?.length ?? 0, mail.html!.match(/<\/blockquote>/g)?.length ?? 0, 'no quote closed early');
  assert.ok(mail.body.includes(typed.split('\n')[0]!), 'intact in text');
}

describe('mail in the city’s name, as HTML and plain text', () => {
  let smtp: SmtpPeer;
  let server: TestServer;
  let admin: string;
  const mailsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to)).map((m) => readMail(m.data));

  before(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer({
      digestDelayMs: 1,
      identity,
      mailer: createMailer({
        smtpUrl: smtp.url,
        outbox: new Outbox('/nonexistent'),
        from: 'suora@lahti.example',
        city: { identity, publicUrl: 'https://suora.lahti.example' },
      }),
    });
    admin = await signInAs(server, 'tiina');
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  it('acknowledges feedback in the giver’s language, the reference in the subject, replies going to the official it was routed to', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', comment: HOSTILE, contact: { email: 'svensk@example.fi' }, locale: 'sv' });
    const mail = await until(() => mailsTo('svensk@example.fi')[0], 'the acknowledgement');
    assertCityMail(mail, 'sv');
    assert.equal(mail.subject, TEXTS.sv.acknowledgement.subject(json.id));
    assert.equal(mail.headers['reply-to'], 'aino@example.fi');
    assert.match(mail.body, new RegExp(`${server.url}/f/[A-Za-z0-9_-]{21}`), 'the status link in the text');
    assert.match(mail.html!, new RegExp(`<a href="${server.url}/f/[A-Za-z0-9_-]{21}"`), 'and as a link in HTML');
  });

  it('tells the official of new feedback with the giver’s words quoted and escaped; no Reply-To', async () => {
    const { json } = await postFeedback(server.url, { topic: 'employment', rating: 2, comment: `${HOSTILE}\ntoinen rivi` });
    const mail = await until(() => mailsTo('jussi@example.fi').find((m) => m.subject.includes(json.id)), 'the notification');
    assertCityMail(mail, 'fi');
    assert.equal(mail.subject, TEXTS.fi.digest.newItem(json.id, 'Työllisyys'));
    assert.equal(mail.headers['reply-to'], undefined);
    assert.ok(mail.body.includes(`> ${HOSTILE}\n> toinen rivi`), 'quoted line by line in text');
    assert.ok(mail.html!.includes(`<blockquote`) && mail.html!.includes(`${HOSTILE_ESCAPED}<br>toinen rivi</blockquote>`));
    assertEscaped(mail, HOSTILE, HOSTILE_ESCAPED);
  });

  it('emails the reply signed by its author, Reply-To the author, with the giver’s own words quoted below it', async () => {
    const comment = `When is the next business breakfast? ${HOSTILE}\n\nThanks & bye`;
    const { json } = await postFeedback(server.url, { topic: 'business', comment, wantsReply: true, contact: { email: 'mari@example.com' }, locale: 'en' });
    const aino = await signInAs(server, 'aino');
    const reply = 'On 12 December at 8 am. <b>Welcome</b> & see you';
    assert.equal((await asStaff(server, aino, 'PATCH', `/api/feedback/${json.id}`, { reply })).status, 200);
    const mail = await until(() => mailsTo('mari@example.com').find((m) => m.subject === TEXTS.en.reply.subject(json.id)), 'the reply');
    assertCityMail(mail, 'en');
    assert.equal(mail.headers['reply-to'], 'aino@example.fi');
    // The text: the reply, its author, then the giver's words as "> " lines (an empty line as ">").
    const at = (text: string) => mail.body.indexOf(text);
    assert.ok(at(reply) >= 0 && at(reply) < at('Aino Virtanen') && at('Aino Virtanen') < at(TEXTS.en.reply.youWrote));
    assert.ok(mail.body.includes(`${TEXTS.en.reply.youWrote}\n\n> When is the next business breakfast? ${HOSTILE}\n>\n> Thanks & bye`));
    assert.ok(mail.html!.includes('On 12 December at 8 am. &lt;b&gt;Welcome&lt;/b&gt; &amp; see you'));
    assert.match(mail.html!, new RegExp(`<blockquote[^>]*>When is the next business breakfast\\? ${HOSTILE_ESCAPED.replace(/[()?]/g, '\\$&')}<br><br>Thanks &amp; bye</blockquote>`));
    assertEscaped(mail, comment, HOSTILE_ESCAPED);
  });

  it('tells the official an item is forwarded to, Reply-To the one who forwarded it, the note quoted', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 2 });
    const aino = await signInAs(server, 'aino');
    const note = `Kuuluu kaduille. ${HOSTILE}`;
    assert.equal((await asStaff(server, aino, 'POST', `/api/feedback/${json.id}/forward`, { topic: 'streets', note })).status, 200);
    const mail = await until(() => mailsTo('laura@example.fi').find((m) => m.subject === `${TEXTS.fi.forward.subject} ${json.id}`), 'the forward mail');
    assertCityMail(mail, 'fi');
    assert.equal(mail.headers['reply-to'], 'aino@example.fi');
    assert.ok(mail.body.includes(`> ${note}`));
    assertEscaped(mail, note, `Kuuluu kaduille. ${HOSTILE_ESCAPED}`);
  });

  it('sends the daily reminder with the references in the subject', async () => {
    const item = feedbackItem({ officialId: 'laura', topicId: 'streets', serviceAreaId: 'urban', dueAt: '2026-11-25T21:59:59.999Z' });
    await server.store.addFeedback(item);
    assert.equal(await server.reminders.send(new Date('2026-11-30T06:00:00Z')), 1);
    const mail = await until(() => mailsTo('laura@example.fi').find((m) => m.subject === TEXTS.fi.reminder.subject(1, item.id)), 'the reminder');
    assertCityMail(mail, 'fi');
    assert.ok(mail.html!.includes(`<a href="${server.url}/dashboard#feedback/${item.id}"`));
  });

  it('sends a sign-in link in the city’s name, in its owner’s language', async () => {
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/kari', { locale: 'sv' })).status, 200);
    assert.equal((await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'kari' })).status, 201);
    const mail = await until(() => mailsTo('kari@example.fi')[0], 'the sign-in mail');
    assertCityMail(mail, 'sv');
    assert.match(mail.html!, new RegExp(`<a href="${server.url}/login/[^"]+"`));
  });
});

describe('the sender’s own name', () => {
  it('is kept when SUORA_MAIL_FROM gives one; a bare address without a city is sent as Suora', async () => {
    const smtp = await startSmtpPeer();
    const send = (from: string, city?: { identity: typeof identity; publicUrl: string }) =>
      createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from, ...(city && { city }) }).send({ kind: 'reply', to: 'x@example.fi', locale: 'fi', subject: 's', body: ['b'] });
    try {
      await send('Lahden kaupunki, palaute <palaute@lahti.example>', { identity, publicUrl: 'https://suora.lahti.example' });
      await send('suora@lahti.example');
      const [named, bare] = smtp.received.map((m) => readMail(m.data));
      assert.equal(named!.headers.from, '"Lahden kaupunki, palaute" <palaute@lahti.example>');
      assert.equal(bare!.headers.from, 'Suora <suora@lahti.example>');
      assert.doesNotMatch(bare!.html!, /<img/, 'no logo without one');
      assert.match(bare!.html!, /<strong[^>]*>Suora<\/strong>/);
    } finally {
      await smtp.close();
    }
  });
});
