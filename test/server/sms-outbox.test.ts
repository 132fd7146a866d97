import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../server/src/domain/api-keys.js';
import { PersonalData } from '../../server/src/domain/personal-data-inventory.js';
import { createLink } from '../../server/src/domain/signature-links.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { maskedNumber } from '../../server/src/routes/demo.js';
import { smsInOutbox } from '../../server/src/sms/sms-outbox.js';
import { STORES } from '../helpers/both-stores.js';
import { startPostgres } from '../helpers/postgres.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

for (const kind of STORES) {
  describe(`SMS surveys into the outbox, their erasure by phone number (${kind})`, () => {
    let server: TestServer;
    let outboxDir: string;
    let outbox: Outbox;
    let key: string;
    let stopDatabase: (() => Promise<void>) | undefined;
    before(async () => {
      outboxDir = await mkdtemp(path.join(tmpdir(), 'suora-sms-outbox-'));
      outbox = new Outbox(outboxDir);
      const database = kind === 'PostgreSQL' ? await startPostgres() : undefined;
      stopDatabase = database?.stop;
      server = await startTestServer({ demo: true, sms: { outbox }, ...(database && { databaseUrl: database.url }) });
      key = (await createApiKey(server.store, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
      await createLink(server.store, 'server', { officialId: 'jussi' }); // the demo page shows a sample email too
    });
    after(async () => {
      await server.close();
      await stopDatabase?.();
      await rm(outboxDir, { recursive: true, force: true });
    });

    const ask = (phone: string) =>
      fetch(`${server.url}/api/sms-surveys`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({ phone, official: 'aino', ref: 'LP-2026-0142' }),
      });

    it('writes the SMS to the outbox, where the demo’s messages page shows it with its link', async () => {
      assert.equal((await ask('040 123 4567')).status, 202);
      await server.smsQueue.idle();
      const [sms, ...more] = await smsInOutbox(outbox);
      assert.equal(more.length, 0);
      assert.equal(sms!.to, '+358401234567');
      assert.match(sms!.text, /^Kiitos puhelustasi! Miten onnistuimme\? Vastaa 1 minuutissa: http:\/\/127\.0\.0\.1:\d+\/s\/\S{21}\?ref=LP-2026-0142&lang=fi$/);
      const page = await (await fetch(`${server.url}/demo/messages`)).text();
      // When it was sent, at the city's time as Finns write it (the page is Finnish), not UTC's ISO form.
      const cityTime = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', dateStyle: 'short', timeStyle: 'short' }).format(sms!.writtenMs);
      assert.ok(page.includes(`· ${cityTime}</p>`), cityTime);
      assert.doesNotMatch(page, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
      const url = /https?:\/\/\S+$/.exec(sms!.text)![0];
      assert.ok(page.includes(`<a href="${url.replaceAll('&', '&amp;')}">`), 'the link, clickable');
      // Screenshots of the demo get shared: the number shows masked, in no form whole.
      assert.ok(page.includes('+358 40 ••• ••67'));
      assert.doesNotMatch(page.replace(/<a href[^>]*>[^<]*<\/a>/g, '').replace(/[\s-]/g, ''), /1234567/);
    });

    it('gives and erases what it holds of a phone number: the outbox SMS and the quiet period', async () => {
      const personalData = new PersonalData(server.store, { outbox, outboxRetentionDays: 30 });
      const copy = await personalData.access('server', { phone: '+358 40 123 4567' });
      assert.equal((copy.copies.outbox as unknown[]).length, 1);
      assert.deepEqual(copy.copies.sms, { waiting: 0, messages: [], quietPeriodHash: true });

      // Within the quiet period: nothing more goes.
      assert.equal((await ask('0401234567')).status, 202);
      await server.smsQueue.idle();
      assert.equal((await smsInOutbox(outbox)).length, 1);

      // Feedback that left the same number as its contact is the same person's.
      const given = await postFeedback(server.url, { topic: 'business', rating: 4, comment: 'Soittakaa', contact: { phone: '+358 (0)40 123 4567' }, fillMs: 5000 });
      assert.equal(given.status, 201, JSON.stringify(given.json));
      // The new-feedback digest may or may not have left the mail queue yet: either way it goes with the item.
      const { erased, removed: { 'mail-queue': _notSentYet, ...removed } } = await personalData.erase('server', { phone: '040 123 4567' });
      assert.deepEqual({ erased, removed }, { erased: [given.json.id], removed: { feedback: 1, outbox: 1, sms: 1 } });
      assert.deepEqual(await smsInOutbox(outbox), []);
      const erasure = (await server.store.listAuditEntries()).items.find((e) => e.action === 'erase')!;
      assert.equal(erasure.detail, 'by=phone');
      // The number's hash went too: it is a number Suora knows nothing of.
      assert.equal((await ask('040 123 4567')).status, 202);
      await server.smsQueue.idle();
      assert.equal((await smsInOutbox(outbox)).length, 1);
    });

    it('reports and audits the copies it removed of a number that gave no feedback: the outbox SMS and the quiet-period hash', async () => {
      const personalData = new PersonalData(server.store, { outbox, outboxRetentionDays: 30 });
      assert.equal((await ask('040 765 4321')).status, 202);
      await server.smsQueue.idle();
      assert.deepEqual((await personalData.access('server', { phone: '040 765 4321' })).copies.sms, { waiting: 0, messages: [], quietPeriodHash: true });
      assert.deepEqual(await personalData.erase('server', { phone: '040 765 4321' }), { erased: [], removed: { outbox: 1, sms: 1 } });
      const erasure = (await server.store.listAuditEntries()).items.find((e) => e.action === 'erase')!; // newest first
      assert.equal(erasure.detail, 'by=phone, count=2');
      assert.deepEqual((await personalData.access('server', { phone: '040 765 4321' })).copies.sms, { waiting: 0, messages: [], quietPeriodHash: false });
      assert.deepEqual(await personalData.erase('server', { phone: '040 765 4321' }), { erased: [], removed: {} });
    });

    it('finds every copy of a foreign number written with its trunk 0, in whichever form it was given', async () => {
      const personalData = new PersonalData(server.store, { outbox, outboxRetentionDays: 30 });
      // The SMS survey reads `+46 070…` as the Swedish mobile +4670…; a contact field keeps what the widget read.
      assert.equal((await ask('+46 070 123 45 67')).status, 202);
      await server.smsQueue.idle();
      const given = await postFeedback(server.url, { topic: 'business', rating: 3, comment: 'Ringer ni upp?', contact: { phone: '+46 070 123 45 67' }, fillMs: 5000 });
      assert.equal(given.status, 201, JSON.stringify(given.json));
      assert.equal((await server.store.getFeedback(given.json.id))!.contact!.phone, '+46701234567', 'the number one can call, without the trunk 0');
      for (const written of ['+46 70 123 45 67', '+46 070 123 45 67']) {
        const copy = await personalData.access('server', { phone: written });
        assert.deepEqual(copy.copies.sms, { waiting: 0, messages: [], quietPeriodHash: true }, written);
        assert.deepEqual(copy.items.map((f) => f.id), [given.json.id], written);
      }
      const { erased, removed: { 'mail-queue': _notSentYet, ...removed } } = await personalData.erase('server', { phone: '+46 70 123 45 67' });
      assert.deepEqual({ erased, removed }, { erased: [given.json.id], removed: { feedback: 1, outbox: 1, sms: 1 } });
    });

    it('refuses an erasure by something that is not a phone number', async () => {
      const personalData = new PersonalData(server.store, { outbox, outboxRetentionDays: 30 });
      await assert.rejects(personalData.erase('server', { phone: 'call me' }), /not a phone number/);
    });
  });
}

describe('the demo’s masked numbers', () => {
  it('keep the country code, the operator or area prefix and the last two digits of any number, and hide the rest', () => {
    const cases: [string, string][] = [
      ['+358401234567', '+358 40 ••• ••67'],
      ['+3584571234567', '+358 45 ••• •••67'],
      ['+46701234567', '+46 70 ••• •• 67'],
      ['+12125550123', '+1 212 ••• ••23'],
      ['+4915123456789', '+49 1512 ••• ••89'],
      ['+6831234', '+683 ••34'],
      ['+99912345678', '+999 ••• •••78'],
    ];
    for (const [number, masked] of cases) assert.equal(maskedNumber(number), masked, number);
  });
});
