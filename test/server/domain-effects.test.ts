import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportCsv } from '../../server/src/domain/csv-export.js';
import { inbox } from '../../server/src/domain/feedback-reading.js';
import { handleFeedback, publishFeedback, readFeedback, unpublishFeedback } from '../../server/src/domain/handling.js';
import type { Official } from '../../server/src/domain/model.js';
import { myScores } from '../../server/src/domain/my-scores.js';
import { createLink, revokeLink } from '../../server/src/domain/signature-links.js';
import { submitFeedback } from '../../server/src/domain/submission.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Notifier } from '../../server/src/mail/notifications.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { seedTestCity } from '../helpers/test-city.js';

/** Every day an item of these tests can be on. */
const EVER = { from: '2000-01-01' };

/**
 * The domain functions do what they say, whoever calls them: each audits and notifies
 * itself, so a route or a command that calls one cannot forget either. Called here
 * directly, with no route in between, over a real store, notifier and outbox.
 */
describe('the domain does what it says', () => {
  let dir: string;
  let store: LowdbStore;
  let outbox: Outbox;
  let notifier: Notifier;
  let aino: Official;
  let tiina: Official;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'suora-domain-'));
    store = await LowdbStore.open(dir);
    await seedTestCity(store);
    outbox = new Outbox(path.join(dir, 'outbox'));
    // A digest waits until flushed: the test decides when it goes.
    notifier = new Notifier(store, createMailer({ smtpUrl: undefined, outbox, from: 'suora@example.fi' }), 'http://localhost', { digestDelayMs: 3_600_000 });
    aino = (await store.getOfficial('aino'))!;
    tiina = (await store.getOfficial('tiina'))!;
  });
  after(async () => {
    await notifier.flush();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const entriesFor = async (feedbackId: string) =>
    (await store.listAuditEntries()).items.filter((e) => e.feedbackId === feedbackId).map((e) => [e.action, e.actorId, e.detail]);
  const mailAbout = async (id: string, to: string) => (await outbox.messages()).filter((m) => m.about.includes(id) && m.to.includes(to));
  async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await probe()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }
  const submit = async (extra: Record<string, unknown> = {}) =>
    (await submitFeedback(store, notifier, { topic: 'business', rating: 2, comment: 'Lupa-asia jumittaa.', ...extra })).id;

  it('submitting tells the routed official (in a digest)', async () => {
    const id = await submit();
    await notifier.flush();
    assert.equal((await mailAbout(id, 'aino@example.fi')).length, 1);
  });

  it('a reply is audited and emailed to the giver who asked for one; a status change is audited', async () => {
    const id = await submit({ contact: { email: 'giver@example.fi' }, wantsReply: true, public: true });
    await handleFeedback(store, notifier, aino, id, { reply: 'Asia on hoidossa.' });
    // The acknowledgement on arrival, then the reply.
    await until(async () => (await mailAbout(id, 'giver@example.fi')).length === 2, 'the reply mail');
    await handleFeedback(store, notifier, aino, id, { status: 'closed' });
    assert.deepEqual(await entriesFor(id), [
      ['status', 'aino', 'status=closed'],
      ['reply', 'aino', null],
    ]);
  });

  it('publishing and withdrawing are audited, with what was redacted', async () => {
    const id = await submit({ public: true });
    await publishFeedback(store, aino, id, { comment: 'Lupa-asia [poistettu].' });
    await unpublishFeedback(store, aino, id);
    assert.deepEqual(await entriesFor(id), [
      ['unpublish', 'aino', null],
      ['publish', 'aino', 'redacted: comment'],
    ]);
  });

  it('opening a private item is audited, a public one not', async () => {
    const privateId = await submit({ public: false });
    const publicId = await submit({ public: true });
    await readFeedback(store, tiina, privateId);
    await readFeedback(store, tiina, publicId);
    assert.deepEqual(await entriesFor(privateId), [['read-private', 'tiina', null]]);
    assert.deepEqual(await entriesFor(publicId), []);
  });

  it('the export is audited in the actor’s name', async () => {
    for await (const _piece of exportCsv(store, tiina, 'Europe/Helsinki')) void _piece;
    const [latest] = (await store.listAuditEntries({ limit: 1 })).items;
    assert.deepEqual([latest!.action, latest!.actorId, latest!.detail], ['export', 'tiina', 'CSV']);
  });

  it('an inbox holds the official’s own items; an admin’s holds all', async () => {
    const jussis = await submit({ topic: 'employment' });
    const page = { page: 1, pageSize: 200 };
    const mine = await inbox(store, aino, {}, page, 'fi');
    assert.ok(mine.items.length > 0 && mine.items.every((f) => f.official.id === 'aino'));
    assert.ok((await inbox(store, tiina, {}, page, 'fi')).items.some((f) => f.id === jussis));
  });

  it('my scores label each link by its channel and area, in the reader’s language, and say when it is revoked', async () => {
    const { link } = await createLink(store, 'server', { officialId: 'aino', channel: 'sms' });
    await submitFeedback(store, notifier, { token: link.token, rating: 5, press: 'pointer' });
    await revokeLink(store, 'server', link.token);
    const scores = await myScores(store, aino, 'month', 'Europe/Helsinki', 'sv', EVER);
    assert.deepEqual(
      scores.byLink.map((g) => [g.key, g.label]),
      [[link.id, 'Enkät: sms · Livskraft (återkallad)']],
    );
    assert.ok(scores.byChannel.some((g) => g.key === 'widget' && g.label === 'webbformulär'));
    const finnish = await myScores(store, aino, 'month', 'Europe/Helsinki', 'fi', EVER);
    assert.deepEqual(finnish.byLink.map((g) => g.label), ['Kysely: tekstiviesti · Elinvoima (poistettu käytöstä)']);
    assert.deepEqual(finnish.byChannel.find((g) => g.key === 'sms')?.label, 'tekstiviesti');
  });

  it('my scores name the service area beside the official’s own in the reader’s language (its figures: area-beside.test.ts)', async () => {
    await submitFeedback(store, notifier, { topic: 'employment', rating: 2, press: 'pointer' });
    const after = await myScores(store, aino, 'month', 'Europe/Helsinki', 'sv', EVER);
    assert.equal(after.area.name, 'Livskraft');
    assert.ok(after.area.byPeriod.length > 0);
  });
});
