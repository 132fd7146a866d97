import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { plain, startSmtpPeer, until } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('email over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;

  before(async () => {
    smtp = await startSmtpPeer();
    // Half a second to gather a digest: a burst of three submissions fits in it even on a
    // loaded machine (with the default 20 ms, a slow disk split it into two mails).
    server = await startTestServer({
      digestDelayMs: 500,
      mailer: createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' }),
    });
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  it('tells the routed official about new feedback', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 2, comment: 'Tarjouspyyntö oli epäselvä.' });
    const mail = await until(() => smtp.received.find((m) => m.data.includes(json.id)), 'the notification');
    assert.deepEqual(mail.to, ['aino@example.fi']);
    const text = Buffer.from(plain(mail.data), 'latin1').toString('utf8');
    assert.match(text, /Tarjouspyyntö oli epäselvä\./);
    assert.match(text, /Arvio: 2\/5/);
    assert.match(text, new RegExp(`/dashboard#feedback/${json.id}`));
  });

  it('gathers a burst of feedback into one email per official', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async (rating) => (await postFeedback(server.url, { topic: 'employment', rating })).json.id as string),
    );
    const mail = await until(() => smtp.received.find((m) => m.to.includes('jussi@example.fi')), 'the digest');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(smtp.received.filter((m) => m.to.includes('jussi@example.fi')).length, 1);
    const text = plain(mail.data);
    assert.match(text, /Subject: 3 uutta palautetta/);
    for (const id of ids) assert.match(text, new RegExp(id));
  });

  it('emails the city’s reply to a giver who asked for one, in their language', async () => {
    const { json } = await postFeedback(server.url, {
      topic: 'business',
      comment: 'When is the next business breakfast?',
      wantsReply: true,
      contact: { email: 'mari@example.com' },
      locale: 'en',
    });
    const cookie = await signInAs(server, 'aino');
    const { status } = await asStaff(server, cookie, 'PATCH', `/api/feedback/${json.id}`, { reply: 'On 12 December at 8 am.' });
    assert.equal(status, 200);
    // The first mail to the giver is the acknowledgement (test/server/due-mail.test.ts); this one is the reply.
    const mail = await until(() => smtp.received.find((m) => m.to.includes('mari@example.com') && /A reply to your feedback/.test(m.data)), 'the reply');
    const text = plain(mail.data);
    assert.match(text, /Subject: A reply to your feedback/);
    assert.match(text, /On 12 December at 8 am\./);
    assert.match(text, /Aino Virtanen/);
  });

  it('tells the official an item is forwarded to, at once: who forwarded it, the note, and where to open it', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 2, comment: 'Katu on kuoppainen.' });
    const aino = await signInAs(server, 'aino');
    const forward = await asStaff(server, aino, 'POST', `/api/feedback/${json.id}/forward`, { topic: 'streets', note: 'Kuuluu kaduille, ei yrityksille.' });
    assert.equal(forward.status, 200);
    const mail = await until(() => smtp.received.find((m) => m.to.includes('laura@example.fi') && m.data.includes(json.id)), 'the forward mail');
    const text = Buffer.from(plain(mail.data), 'latin1').toString('utf8');
    // In Laura's language (Finnish), the reference in the subject, and no other language.
    assert.match(text, new RegExp(`Subject: Sinulle siirretty palaute ${json.id}`));
    assert.doesNotMatch(text, /Feedback forwarded to you|vidarebefordrad/i);
    assert.match(text, /Aino Virtanen siirsi palautteen sinulle/);
    assert.match(text, /Kuuluu kaduille, ei yrityksille\./);
    assert.match(text, new RegExp(`/dashboard#feedback/${json.id}`));
  });

  it('sends no reply email when the giver did not ask for one', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 4, contact: { email: 'quiet@example.com' } });
    const cookie = await signInAs(server, 'aino');
    await asStaff(server, cookie, 'PATCH', `/api/feedback/${json.id}`, { reply: 'Kiitos!' });
    await until(() => smtp.received.find((m) => m.data.includes(json.id)), 'the notification');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only the acknowledgement of its arrival reaches the giver, never the reply.
    const toGiver = smtp.received.filter((m) => m.to.includes('quiet@example.com'));
    assert.ok(toGiver.every((m) => !plain(m.data).includes('Kiitos!')));
  });
});
