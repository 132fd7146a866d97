import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Feedback } from '../../server/src/domain/model.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { readMail, startSmtpPeer, until } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';

describe('response-target mail over SMTP: the giver’s acknowledgement and the officials’ daily reminder', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;

  before(async () => {
    smtp = await startSmtpPeer({ refuseOnce: (to) => to.startsWith('busy') });
    server = await startTestServer({
      digestDelayMs: 60_000,
      mailer: createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' }),
    });
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  const mailTo = (address: string) => until(() => smtp.received.find((m) => m.to.includes(address)), `mail to ${address}`);

  it('acknowledges feedback with an email at once, in the giver’s language: reference, what next, the target date, a status link', async () => {
    const { status, json } = await postFeedback(server.url, {
      topic: 'business',
      rating: 2,
      comment: 'Svar behövs.',
      locale: 'sv',
      contact: { name: 'Sara', email: 'sara@example.com' },
      wantsReply: true,
    });
    assert.equal(status, 201);
    const mail = await mailTo('sara@example.com');
    const detail = (await asStaff(server, await signInAs(server, 'aino'), 'GET', `/api/feedback/${json.id}`)).json;
    const dueDay = new Intl.DateTimeFormat('sv-FI', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(Date.parse(detail.dueAt));
    assert.match(mail.data, new RegExp(`Subject:.*${json.id}`));
    assert.match(mail.text, /Tack för din respons/);
    assert.match(mail.text, new RegExp(`beteckningen ${json.id}`));
    assert.match(mail.text, /Vad som händer härnäst/);
    assert.match(mail.text, new RegExp(`senast \\S+ ${dueDay.replace(/\./g, '\\.')}`));
    assert.match(mail.text, /Företag och näringspolitik/);
    const link = new RegExp(`${server.url}/f/([A-Za-z0-9_-]{21})`).exec(mail.text);
    assert.ok(link, mail.text);
    // The key itself is nowhere in the store: only its hash.
    const stored = await server.store.getFeedback(json.id);
    assert.ok(stored?.statusKeyHash && !JSON.stringify(stored).includes(link[1]!));
    const page = await fetch(link[0]);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="sv">/);
    assert.match(html, new RegExp(json.id));
    assert.doesNotMatch(html, /sara@example\.com|Sara|Svar behövs/);
  });

  it('acknowledges a survey answer when an edit within the edit window adds the email', async () => {
    const { json } = await postFeedback(server.url, { topic: 'employment', rating: 5, locale: 'en' });
    assert.equal((await server.store.getFeedback(json.id))?.statusKeyHash ?? null, null);
    const edit = await fetch(`${server.url}/api/feedback/${json.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ editKey: json.editKey, contact: { email: 'later@example.com' } }),
    });
    assert.equal(edit.status, 204);
    const mail = await mailTo('later@example.com');
    assert.match(mail.text, /Thank you for your feedback/);
    assert.match(mail.text, new RegExp(`reference: ${json.id}`));
    assert.match(mail.text, /\/f\/[A-Za-z0-9_-]{21}/);
  });

  it('tries a refused acknowledgement again, and the submission never waits for it or fails', async () => {
    const { status, json } = await postFeedback(server.url, { topic: 'streets', rating: 3, contact: { email: 'busy@example.com' } });
    assert.equal(status, 201);
    const mail = await mailTo('busy@example.com');
    assert.deepEqual(smtp.refused, ['busy@example.com']);
    assert.match(mail.text, new RegExp(`Palautteesi tunnus: ${json.id}`));
  });

  it('sends each official one reminder listing their open items due tomorrow or overdue, and none to anyone else', async () => {
    const due = (day: string) => `${day}T21:59:59.999Z`;
    const items: Record<string, Feedback> = {
      ainoOverdue: feedbackItem({ dueAt: due('2026-11-25'), status: 'in-progress' }),
      ainoTomorrow: feedbackItem({ dueAt: due('2026-12-01'), topicId: 'business' }),
      ainoLater: feedbackItem({ dueAt: due('2026-12-02') }),
      ainoAnswered: feedbackItem({ dueAt: due('2026-11-20'), status: 'answered' }),
      jussiOverdue: feedbackItem({ dueAt: due('2026-11-27'), officialId: 'jussi', topicId: 'employment' }),
      lauraLater: feedbackItem({ dueAt: due('2026-12-04'), officialId: 'laura', topicId: 'streets', serviceAreaId: 'urban' }),
    };
    for (const item of Object.values(items)) await server.store.addFeedback(item);
    const before = smtp.received.length;
    // Monday 30 November 2026, 08:00 in Helsinki.
    assert.equal(await server.reminders.send(new Date('2026-11-30T06:00:00Z')), 2);
    const reminders = smtp.received.slice(before);
    assert.deepEqual(reminders.map((m) => m.to).sort(), [['aino@example.fi'], ['jussi@example.fi']]);
    const aino = reminders.find((m) => m.to.includes('aino@example.fi'))!;
    const mail = readMail(aino.data);
    // The references in the subject, overdue first.
    assert.equal(mail.subject, `Vastausta odottavat palautteet: 2 (${items.ainoOverdue!.id}, ${items.ainoTomorrow!.id})`);
    const lines = mail.body.split(/\r?\n/);
    const lineOf = (f: Feedback) => lines.find((l) => l.includes(f.id)) ?? '';
    assert.match(lineOf(items.ainoOverdue!), /Yritykset ja elinkeinopolitiikka: eräpäivä keskiviikkona 25\.11\.2026 \(myöhässä\)/);
    assert.match(lineOf(items.ainoTomorrow!), /eräpäivä tiistaina 1\.12\.2026$/);
    assert.ok(aino.text.includes(`${server.url}/dashboard#feedback/${items.ainoOverdue!.id}`));
    assert.ok(aino.text.includes(`${server.url}/dashboard#feedback/${items.ainoTomorrow!.id}`));
    for (const notListed of [items.ainoLater!, items.ainoAnswered!, items.lauraLater!]) assert.ok(!aino.text.includes(notListed.id));
    // Overdue first: the mail lists them by due date.
    assert.ok(mail.body.indexOf(items.ainoOverdue!.id) < mail.body.indexOf(items.ainoTomorrow!.id));
  });

  it('sends no reminder when nothing is due tomorrow or overdue', async () => {
    const before = smtp.received.length;
    // A day long ago, before any of the items fell due.
    assert.equal(await server.reminders.send(new Date('2026-01-01T06:00:00Z')), 0);
    assert.equal(smtp.received.length, before);
  });
});
