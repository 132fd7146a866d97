import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { startSmtpPeer, type SmtpPeer } from '../helpers/smtp-peer.js';
import { seedTestCity } from '../helpers/test-city.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { feedbackItem } from '../store-contract/contract.js';

describe('the daily reminder with two servers on one PostgreSQL database', () => {
  let database: ThrowawayPostgres;
  let smtp: SmtpPeer;
  const stores: PostgresStore[] = [];
  let a: TestServer;
  let b: TestServer;

  before(async () => {
    database = await startPostgres();
    smtp = await startSmtpPeer();
    stores.push(await PostgresStore.open(database.url), await PostgresStore.open(database.url));
    await seedTestCity(stores[0]!);
    const transport = () => createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' });
    [a, b] = await Promise.all([startTestServer({ store: stores[0]!, mailer: transport() }), startTestServer({ store: stores[1]!, mailer: transport() })]);
    const due = (day: string) => `${day}T21:59:59.999Z`;
    await stores[0]!.addFeedback(feedbackItem({ dueAt: due('2026-11-25') }));
    await stores[0]!.addFeedback(feedbackItem({ dueAt: due('2026-12-01'), officialId: 'jussi', topicId: 'employment' }));
  });
  after(async () => {
    await a.close();
    await b.close();
    for (const store of stores) await store.close();
    await database.stop();
    await smtp.close();
  });

  // The items are put straight into the store: no digest or acknowledgement, the reminders are all the mail there is.
  const remindersTo = (address: string) => smtp.received.filter((m) => m.to.includes(address)).length;

  it('sends each official one reminder a city day, whichever server and however many times the reminder runs', async () => {
    // Monday 30 November 2026, 08:00 in Helsinki, on both servers at once, and twice on each.
    const eight = new Date('2026-11-30T06:00:00Z');
    const queued = await Promise.all([a.reminders.send(eight), b.reminders.send(eight), a.reminders.send(eight), b.reminders.send(eight)]);
    assert.equal(queued.reduce((sum, n) => sum + n, 0), 2);
    assert.equal(remindersTo('aino@example.fi'), 1);
    assert.equal(remindersTo('jussi@example.fi'), 1);
    // Later the same city day (23:30 in Helsinki): nothing new.
    assert.deepEqual(await Promise.all([a.reminders.send(new Date('2026-11-30T21:30:00Z')), b.reminders.send(new Date('2026-11-30T21:30:00Z'))]), [0, 0]);
    // The next city day (00:30 in Helsinki, still 30 November in UTC): a new reminder each.
    const next = await Promise.all([b.reminders.send(new Date('2026-11-30T22:30:00Z')), a.reminders.send(new Date('2026-11-30T22:30:00Z'))]);
    assert.equal(next[0] + next[1], 2);
    assert.equal(remindersTo('aino@example.fi'), 2);
    assert.equal(remindersTo('jussi@example.fi'), 2);
  });
});
