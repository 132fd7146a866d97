import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LOCALES, type Locale } from '../../contract/api.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { TEXTS, type ServerTexts } from '../../server/src/texts/index.js';
import { readMail, startSmtpPeer, until } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Every text of the mails in `locale`, functions called with sample arguments: what must not turn up in another language's mail. */
function mailTexts(locale: Locale): string[] {
  const t: ServerTexts = TEXTS[locale];
  const { digest: d, reply: r } = t;
  return [
    d.newItem('REF', 'X'), d.newItems(2, 'REF'), d.greeting('N'), d.routed, d.general, ...Object.values(d.survey), d.caseRef('R'),
    d.rating(1), d.public, d.private, d.wantsReply, d.more(1), d.changedItem('REF', 'X'), d.changedItems(2, 'REF'), d.changedRouted,
    r.subject('REF'), r.correctedSubject('REF'), r.intro, r.correctedIntro,
  ].flatMap((text) => text.split(/REF|X|N\b|R\b|\d/)).map((part) => part.trim()).filter((part) => part.length > 3);
}

describe('mail that says what happened', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;
  let admin: string;
  const mailsAbout = (id: string, to: string) =>
    smtp.received
      .filter((m) => m.to.includes(to))
      .map((m) => readMail(m.data))
      .filter((m) => `${m.subject}\n${m.body}`.includes(id));

  before(async () => {
    smtp = await startSmtpPeer();
    // A digest goes at once: a survey answer's mail must wait for its edit window all the same.
    server = await startTestServer({
      digestDelayMs: 1,
      mailer: createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' }),
    });
    admin = await signInAs(server, 'tiina');
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  it('tells of a survey answer as it stands once its edit window has closed, not as the vote alone', async () => {
    const link = await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'aino', channel: 'email' });
    assert.equal(link.status, 201);
    const vote = await postFeedback(server.url, { token: link.json.url.split('/s/')[1], rating: 2, press: 'pointer' });
    assert.equal(vote.status, 201);
    const edit = await fetch(`${server.url}/api/feedback/${vote.json.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ editKey: vote.json.editKey, comment: 'Jonotin tunnin.', public: true, contact: { email: 'kysyja@example.fi' }, wantsReply: true }),
    });
    assert.equal(edit.status, 204);
    // The edit window closes (here: the server shuts down, which sends what waits).
    await server.notifier.flush();
    const [mail, ...more] = mailsAbout(vote.json.id, 'aino@example.fi');
    assert.ok(mail, 'the official is told of the answer');
    assert.equal(more.length, 0, 'once');
    assert.equal(mail.subject, `Uusi palaute ${vote.json.id}: Kysely sähköpostin allekirjoituksessa`, 'the reference, and the link’s words');
    assert.match(mail.body, /Jonotin tunnin\./);
    assert.match(mail.body, /Antaja salli julkaisun\./);
    assert.match(mail.body, /Antaja toivoo vastausta\./);
    assert.doesNotMatch(mail.body, /Yksityinen|Private/);
  });

  it('tells the official again, as changed, of feedback its giver changed after the mail went', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 3 });
    await until(() => mailsAbout(json.id, 'aino@example.fi')[0], 'the notification');
    const edit = await fetch(`${server.url}/api/feedback/${json.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ editKey: json.editKey, comment: 'Lisään vielä: kiitos.', contact: { email: 'lisaaja@example.fi' }, wantsReply: true }),
    });
    assert.equal(edit.status, 204);
    const changed = await until(() => mailsAbout(json.id, 'aino@example.fi')[1], 'the mail of the change');
    assert.equal(changed.subject, `Antaja muutti palautetta ${json.id}: Yritykset ja elinkeinopolitiikka`);
    assert.match(changed.body, /Lisään vielä: kiitos\./);
    assert.match(changed.body, /Antaja toivoo vastausta\./);
  });

  it('writes to an official in their own language only, the reference in the subject', async () => {
    const set = await asStaff(server, admin, 'PATCH', '/api/admin/officials/jussi', { locale: 'sv' });
    assert.equal(set.status, 200);
    assert.equal(set.json.locale, 'sv');
    const { json } = await postFeedback(server.url, {
      topic: 'employment',
      rating: 4,
      comment: 'Bra service.',
      public: true,
      wantsReply: true,
      contact: { email: 'svar@example.fi' },
    });
    const mail = await until(() => mailsAbout(json.id, 'jussi@example.fi')[0], 'the notification');
    assert.equal(mail.subject, `Ny respons ${json.id}: Sysselsättning`);
    for (const line of [TEXTS.sv.digest.greeting('Jussi Korhonen'), TEXTS.sv.digest.routed, TEXTS.sv.digest.rating(4), TEXTS.sv.digest.public, TEXTS.sv.digest.wantsReply]) {
      assert.ok(mail.body.includes(line), `the mail says “${line}”`);
    }
    const swedish = new Set(mailTexts('sv'));
    for (const locale of LOCALES.filter((l) => l !== 'sv')) {
      for (const text of mailTexts(locale).filter((part) => !swedish.has(part))) {
        assert.ok(!`${mail.subject}\n${mail.body}`.includes(text), `no ${locale} text in the Swedish mail: “${text}”`);
      }
    }
  });

  it('sends a sign-in link in its owner’s language only', async () => {
    assert.equal((await asStaff(server, admin, 'PATCH', '/api/admin/officials/laura', { locale: 'en' })).status, 200);
    assert.equal((await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'laura' })).status, 201);
    const mail = await until(() => smtp.received.filter((m) => m.to.includes('laura@example.fi')).map((m) => readMail(m.data))[0], 'the sign-in mail');
    const account = 'Laura Nieminen (laura)';
    assert.equal(mail.subject, TEXTS.en.signIn.mailSubject(account));
    assert.ok(mail.body.startsWith(TEXTS.en.signIn.mailBody(account, TEXTS.en.signIn.roles.official)));
    for (const locale of ['fi', 'sv'] as const) assert.ok(!mail.body.includes(TEXTS[locale].signIn.mailBody(account, TEXTS[locale].signIn.roles.official)), locale);
  });

  it('emails a corrected reply only when the official asks for it, saying it is a correction', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', comment: 'När öppnar ni?', wantsReply: true, contact: { email: 'fraga@example.fi' }, locale: 'sv' });
    const aino = await signInAs(server, 'aino');
    const reply = (text: string, more: object = {}) => asStaff(server, aino, 'PATCH', `/api/feedback/${json.id}`, { reply: text, ...more });
    // The giver's mail but the acknowledgement of their feedback.
    const replies = () => mailsAbout(json.id, 'fraga@example.fi').filter((m) => m.subject !== TEXTS.sv.acknowledgement.subject(json.id));
    assert.equal((await reply('Klockan 8.')).status, 200);
    const first = await until(() => replies()[0], 'the reply');
    assert.equal(first.subject, `Svar på din respons ${json.id}`);
    assert.match(first.body, /Klockan 8\./);

    assert.equal((await reply('Klockan 9.')).status, 200, 'a typo fixed: saved, not mailed');
    assert.equal((await reply('Klockan 10.', { notify: true })).status, 200, 'a correction the giver should hear of');
    const corrected = await until(() => replies().find((m) => m.body.includes('Klockan 10.')), 'the corrected reply');
    assert.equal(corrected.subject, `Korrigerat svar på din respons ${json.id}`);
    assert.ok(corrected.body.startsWith(TEXTS.sv.reply.correctedIntro));
    assert.deepEqual(
      replies().map((m) => m.body.includes('Klockan 9.')),
      [false, false],
      'the giver got the first reply and the correction they were sent, nothing in between',
    );
    assert.equal((await server.store.getFeedback(json.id))!.reply!.text, 'Klockan 10.');
    assert.equal((await asStaff(server, aino, 'PATCH', `/api/feedback/${json.id}`, { status: 'closed', notify: true })).status, 400, 'notify goes with a reply');
  });
});
