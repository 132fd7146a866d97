import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../server/src/app.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { PersonalData } from '../../server/src/domain/personal-data-inventory.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { MailQueue } from '../../server/src/mail/mail-queue.js';
import { Notifier } from '../../server/src/mail/notifications.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { seedTestCity } from '../helpers/test-city.js';
import { postFeedback, startTestServer } from '../helpers/test-server.js';

type Detail = 'email' | 'phone' | 'businessId';

/** What people paste (from web pages, phones, PDFs), and the one form it is stored in. */
const PASTED: [Detail, string, string][] = [
  ['phone', '+358\u00a040\u00a0123\u00a04567', '+358401234567'],
  ['phone', '040\u2011123\u20114567', '+358401234567'],
  ['phone', '040 123 4567', '+358401234567'],
  ['phone', '+358 40 1234567', '+358401234567'],
  ['phone', '(09) 123 4567', '+35891234567'],
  ['phone', '00358 40 123 4567', '+358401234567'],
  ['phone', '+358 (0)40 123 4567', '+358401234567'],
  ['phone', '+358 040 123 4567', '+358401234567'],
  ['phone', '\uff10\uff14\uff10 \uff11\uff12\uff13 \uff14\uff15\uff16\uff17', '+358401234567'],
  ['phone', '040\u2212123\u20134567', '+358401234567'],
  ['phone', '\u200b040\t123\u202f4567\ufeff', '+358401234567'],
  ['phone', '040-123\u00ad4567', '+358401234567'],
  ['phone', '+46 70 123 45 67', '+46701234567'],
  // Direction marks, embeddings and isolates that phones and chat apps put around a copied number.
  ['phone', '\u202A040 123 4567\u202C', '+358401234567'],
  ['phone', '\u200E+358 40 123 4567\u200F', '+358401234567'],
  ['phone', '\u2066040\u061C 123\u202B 4567\u2069', '+358401234567'],
  // Digits of other scripts: Arabic-Indic, Extended Arabic-Indic (Persian), Devanagari.
  ['phone', '\u0660\u0664\u0660 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667', '+358401234567'],
  ['phone', '\u06F0\u06F4\u06F0 \u06F1\u06F2\u06F3 \u06F4\u06F5\u06F6\u06F7', '+358401234567'],
  ['phone', '\u0966\u096A\u0966 \u0967\u0968\u0969 \u096A\u096B\u096C\u096D', '+358401234567'],
  ['businessId', '0112038\u20139', '0112038-9'],
  ['businessId', '01120389', '0112038-9'],
  ['businessId', '112038-9', '0112038-9'],
  ['businessId', '0112038\u20119', '0112038-9'],
  ['businessId', '\uff10\uff11\uff11\uff12\uff10\uff13\uff18\uff0d\uff19', '0112038-9'],
  ['businessId', ' 0112038 - 9\u00a0', '0112038-9'],
  ['businessId', '\u202A\u0660\u0661\u0661\u0662\u0660\u0663\u0668-\u0669\u202C', '0112038-9'],
  ['email', 'maija@ylöjärvi.fi', 'maija@xn--yljrvi-dua6l.fi'],
  ['email', 'maija@xn--yljrvi-dua6l.fi', 'maija@xn--yljrvi-dua6l.fi'],
  ['email', '\u00a0Maija.M@Example.FI\u200b ', 'Maija.M@example.fi'],
  ['email', 'maija\uff20example.fi', 'maija@example.fi'],
  ['email', 'mai\u00adja@example.fi', 'maija@example.fi'],
  ['email', '\u202Amaija@example.fi\u202C', 'maija@example.fi'],
];

type FreeText = 'comment' | 'name' | 'organisation';

/** Free text as pasted from Word, phones and chat apps, and what is stored: what the person wrote, kept as typed. */
const FREE_TEXT: [FreeText, string, string][] = [
  ['comment', 'Katuvalo ei toimi.\u000BKorjatkaa pian.', 'Katuvalo ei toimi.\nKorjatkaa pian.'],
  ['comment', 'Rivi\u000Csivu\u2028rivi\u2029kappale\u0085loppu', 'Rivi\nsivu\nrivi\nkappale\nloppu'],
  ['comment', 'Soittakaa \u202A040 123 4567\u202C, kiitos.', 'Soittakaa 040 123 4567, kiitos.'],
  ['comment', 'A\u200Eb\u200Fc\u202Ad\u202Be\u202Cf\u202Dg\u202Eh\u2066i\u2067j\u2068k\u2069l\u061Cm', 'Abcdefghijklm'],
  ['comment', 'zero\u200Bwidth\u2060joined\uFEFF', 'zerowidthjoined'],
  // What a person typed stays: full-width letters, ligatures, an emoji family (zero-width joiners), Persian's non-joiner.
  ['comment', 'Ｈｙｖä ﬁ \u{1F468}\u200D\u{1F469}\u200D\u{1F467} \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645', 'Ｈｙｖä ﬁ \u{1F468}\u200D\u{1F469}\u200D\u{1F467} \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645'],
  ['name', '\u2068Maija Meikäläinen\u2069', 'Maija Meikäläinen'],
  ['organisation', 'Oy\u000BAb\u202C', 'Oy\nAb'],
];

/** Free text that stays unreadable after reading: control characters, halves of surrogate pairs. */
const UNREADABLE: [FreeText, string][] = [
  ['comment', 'Katuvalo\u0007 ei toimi.'],
  ['comment', 'x\u001B[31my'],
  ['comment', 'x\u009By'],
  ['comment', 'x\uD800y'],
  ['name', 'Maija\u0000'],
];

const freeTextBody = (field: FreeText, value: string) =>
  field === 'comment' ? { topic: 'streets', comment: value } : { topic: 'business', rating: 4, contact: { [field]: value } };

/** Still refused after reading: what is not such a value at all. */
const NOT_READABLE: [Detail, string][] = [
  ['phone', '40 123 4567'],
  ['phone', 'call me'],
  ['phone', '+358 40 123 4567 890 12'],
  ['businessId', '0112038-8'],
  ['businessId', '0112038\u20138'],
  ['businessId', '011203899'],
  ['email', 'maija@'],
  ['email', 'mäijä@example.fi'],
  ['email', 'maija@example.fi/x'],
];

const TOPIC: Record<Detail, string> = { email: 'streets', phone: 'streets', businessId: 'business' };

/** A real server over PostgreSQL, as `startTestServer` is over lowdb. */
async function startPostgresServer(database: ThrowawayPostgres): Promise<{ url: string; store: Store; close(): Promise<void> }> {
  const store = await PostgresStore.open(database.url);
  await seedTestCity(store);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const outbox = new Outbox(path.join(tmpdir(), 'suora-pasted-outbox'));
  const mailer = new MailQueue(store, createMailer({ smtpUrl: undefined, outbox, from: 'x@example.fi' }));
  const notifier = new Notifier(store, mailer, url, { digestDelayMs: 10 });
  const personalData = new PersonalData(store, { outbox, outboxRetentionDays: 30 });
  server.on('request', createApp(store, { publicUrl: url, allowedOrigins: [], rateLimit: 'off', mailer, notifier, personalData }));
  return {
    url,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await notifier.flush();
      await store.close();
    },
  };
}

function pastedInputSuite(name: string, start: () => Promise<{ url: string; store: Store; close(): Promise<void> }>) {
  describe(`contact details as people paste them (${name})`, () => {
    let server: Awaited<ReturnType<typeof start>>;
    before(async () => (server = await start()));
    after(() => server.close());

    for (const [detail, pasted, stored] of PASTED) {
      it(`reads ${detail} ${JSON.stringify(pasted)} and stores ${stored}`, async () => {
        const { status, json } = await postFeedback(server.url, { topic: TOPIC[detail], rating: 4, contact: { [detail]: pasted } });
        assert.equal(status, 201, JSON.stringify(json));
        const item = await server.store.getFeedback(json.id);
        assert.equal(item?.contact?.[detail], stored);
      });
    }

    for (const [field, pasted, stored] of FREE_TEXT) {
      it(`reads the ${field} ${JSON.stringify(pasted)} as ${JSON.stringify(stored)}`, async () => {
        const { status, json } = await postFeedback(server.url, freeTextBody(field, pasted));
        assert.equal(status, 201, JSON.stringify(json));
        const item = await server.store.getFeedback(json.id);
        assert.equal(field === 'comment' ? item?.comment : item?.contact?.[field], stored);
      });
    }

    it('reads a pasted detail in the edit window too', async () => {
      const { json } = await postFeedback(server.url, { topic: 'streets', rating: 4 });
      const response = await fetch(`${server.url}/api/feedback/${json.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ editKey: json.editKey, contact: { phone: '040\u00a0123\u20114567' } }),
      });
      assert.equal(response.status, 204, await response.text());
      assert.equal((await server.store.getFeedback(json.id))?.contact?.phone, '+358401234567');
    });
  });
}

pastedInputSuite('lowdb', startTestServer);

let database: ThrowawayPostgres;
before(async () => (database = await startPostgres()));
after(() => database.stop());
pastedInputSuite('PostgreSQL', () => startPostgresServer(database));

describe('contact details that are not such a value', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  for (const [detail, value] of NOT_READABLE) {
    it(`400 for ${detail} ${JSON.stringify(value)}, naming the field`, async () => {
      const { status, json } = await postFeedback(server.url, { topic: TOPIC[detail], rating: 4, contact: { [detail]: value } });
      assert.equal(status, 400);
      assert.ok(json.error.fields?.[`contact.${detail}`], JSON.stringify(json));
    });
  }

  for (const [field, value] of UNREADABLE) {
    it(`400 for the ${field} ${JSON.stringify(value)}, saying why in the field's own message`, async () => {
      const { status, json } = await postFeedback(server.url, freeTextBody(field, value));
      assert.equal(status, 400);
      const path = field === 'comment' ? 'comment' : `contact.${field}`;
      assert.match(json.error.fields?.[path] ?? '', /control characters/, JSON.stringify(json));
    });
  }

  /** Loose shapes of an example inside a sentence: anything a person would copy as one. */
  const EXAMPLE: Record<Detail, RegExp> = {
    email: /[^\s]+@[^\s]+?(?=[.,;:)]?(?:\s|$))/g,
    phone: /[+(0-9][0-9 ()-]{5,}[0-9]/g,
    businessId: /\d[\d-]{5,}\d/g,
  };

  for (const detail of ['email', 'phone', 'businessId'] as const) {
    it(`every example in the API's message for ${detail} is accepted`, async () => {
      const { json } = await postFeedback(server.url, { topic: TOPIC[detail], rating: 4, contact: { [detail]: 'x' } });
      const message: string = json.error.fields[`contact.${detail}`];
      const examples = message.match(EXAMPLE[detail]) ?? [];
      assert.ok(examples.length > 0, `no example found in: ${message}`);
      for (const example of examples) {
        const { status, json: created } = await postFeedback(server.url, { topic: TOPIC[detail], rating: 4, contact: { [detail]: example } });
        assert.equal(status, 201, `${example}: ${JSON.stringify(created)}`);
      }
    });
  }
});
