import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

interface Received {
  to: string[];
  data: string;
}

/** A real SMTP peer on 127.0.0.1 that keeps what it receives. */
async function startSmtpPeer(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => smtp.close(() => resolve())) };
}

/** Quoted-printable soft line breaks and escapes undone, so the test reads the words. */
function plain(data: string): string {
  return data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

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
    assert.match(text, /Arvio \/ Betyg \/ Rating: 2\/5/);
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
