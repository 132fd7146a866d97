import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../server/src/domain/store-port.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { STORES } from '../helpers/both-stores.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { startSmtpPeer, until, type SmtpPeer } from '../helpers/smtp-peer.js';
import { seedTestCity } from '../helpers/test-city.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

for (const kind of STORES) {
  describe(`the mail send queue on ${kind}: a failed mail never fails the action, survives a restart, and admins see it`, () => {
    let smtp: SmtpPeer;
    let dataDir: string;
    let database: ThrowawayPostgres | undefined;
    let store: Store;
    const open = () => (kind === 'lowdb' ? LowdbStore.open(dataDir) : PostgresStore.open(database!.url));
    const start = (options: { retryDelaysMs?: number[] } = {}) =>
      startTestServer({ store, mailer: createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' }), ...options });
    const mailTo = (address: string) => until(() => smtp.received.find((m) => m.to.includes(address)), `mail to ${address}`);

    before(async () => {
      smtp = await startSmtpPeer();
      dataDir = await mkdtemp(path.join(tmpdir(), 'suora-mail-queue-'));
      if (kind === 'PostgreSQL') database = await startPostgres();
      store = await open();
      await seedTestCity(store);
    });
    after(async () => {
      await store.close();
      await database?.stop();
      await rm(dataDir, { recursive: true, force: true });
      await smtp.close();
    });

    it('keeps mail the SMTP server refuses, shows it to admins only (no text, no address), and sends it after a restart once the server is back', async () => {
      smtp.refusing = true;
      let server: TestServer = await start({ retryDelaysMs: [3_600_000] });
      const giver = `giver-${kind}@example.com`;
      const { status, json } = await postFeedback(server.url, { topic: 'streets', rating: 2, comment: 'Katu on kuoppainen.', contact: { email: giver } });
      assert.equal(status, 201);
      const admin = await signInAs(server, 'tiina');
      const link = await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'aino' });
      assert.equal(link.status, 201, link.text);

      const listed = await asStaff(server, admin, 'GET', '/api/admin/mail-problems');
      assert.equal(listed.status, 200);
      const byKind = new Map(listed.json.problems.map((p: any) => [p.kind, p]));
      assert.deepEqual(
        { ...(byKind.get('acknowledgement') as object), id: undefined, createdAt: undefined, lastAttemptAt: undefined, nextAttemptAt: undefined },
        { id: undefined, kind: 'acknowledgement', feedbackIds: [json.id], official: null, createdAt: undefined, attempts: 1, lastAttemptAt: undefined, failure: 'temporary', smtpCode: 451, nextAttemptAt: undefined },
      );
      // Still being retried: it says when.
      assert.ok(Date.parse((byKind.get('acknowledgement') as any).nextAttemptAt) > Date.now());
      assert.deepEqual((byKind.get('sign-in') as any).official, { id: 'aino', name: 'Aino Virtanen' });
      // What an admin needs to act, never the mail's text or its address.
      assert.doesNotMatch(listed.text, /giver-|aino@example|Palautteesi|kuoppainen|\/login\/|\/f\//);
      // Nobody but admins.
      assert.equal((await asStaff(server, await signInAs(server, 'aino'), 'GET', '/api/admin/mail-problems')).status, 403);
      assert.equal((await asStaff(server, undefined, 'GET', '/api/admin/mail-problems')).status, 401);
      assert.equal(smtp.received.length, 0);

      // A restart: the digest still gathering goes into the queue on the way down, the store
      // is closed and opened again, and the mail server is back.
      await server.close();
      await store.close();
      store = await open();
      smtp.refusing = false;
      server = await start();
      const admin2 = await signInAs(server, 'tiina');
      const kept = (await asStaff(server, admin2, 'GET', '/api/admin/mail-problems')).json.problems;
      assert.deepEqual(kept.map((p: any) => p.kind).sort(), ['acknowledgement', 'digest', 'sign-in']);
      assert.deepEqual(kept.find((p: any) => p.kind === 'digest').official, { id: 'laura', name: 'Laura Nieminen' });
      for (const problem of kept) assert.equal((await asStaff(server, admin2, 'POST', `/api/admin/mail-problems/${problem.id}/retry`)).status, 204);
      assert.match((await mailTo(giver)).text, new RegExp(json.id));
      assert.match((await mailTo('aino@example.fi')).text, /\/login\//);
      assert.match((await mailTo('laura@example.fi')).text, /kuoppainen/);
      assert.deepEqual((await asStaff(server, admin2, 'GET', '/api/admin/mail-problems')).json.problems, []);
      assert.deepEqual(await store.listQueuedMail(), []);
      const audit = (await asStaff(server, admin2, 'GET', '/api/admin/audit')).json.items;
      assert.equal(audit.filter((e: any) => e.action === 'mail-retry').length, 3);
      await server.close();
    });

    it('retries a refused mail by itself, and a mail whose tries are used up waits for an admin, who may dismiss it', async () => {
      const server = await start({ retryDelaysMs: [20] });
      try {
        const admin = await signInAs(server, 'tiina');
        smtp.refusing = true;
        const before = smtp.received.length;
        assert.equal((await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'jussi' })).status, 201);
        // Its second and last try fails too: it waits for an admin, with no next try.
        const problem = await waitFor(async () => (await asStaff(server, admin, 'GET', '/api/admin/mail-problems')).json.problems.find((p: any) => p.nextAttemptAt === null));
        assert.equal(problem.attempts, 2);
        assert.equal(problem.kind, 'sign-in');
        assert.equal((await asStaff(server, admin, 'DELETE', `/api/admin/mail-problems/${problem.id}`)).status, 204);
        assert.deepEqual((await asStaff(server, admin, 'GET', '/api/admin/mail-problems')).json.problems, []);
        assert.equal((await asStaff(server, admin, 'DELETE', `/api/admin/mail-problems/${problem.id}`)).status, 404);
        // Its first try refused (the request waits for that try, and succeeds), then the
        // server is back: the queue's own retry sends it.
        assert.equal((await asStaff(server, admin, 'POST', '/api/admin/login-links', { officialId: 'kari' })).status, 201);
        assert.equal(smtp.received.length, before);
        smtp.refusing = false;
        await mailTo('kari@example.fi');
        assert.equal(smtp.received.length, before + 1);
      } finally {
        smtp.refusing = false;
        await server.close();
      }
    });

    it('gives a queued mail on a person’s access request, and erasure and the retention purge remove it', async () => {
      const server = await start({ retryDelaysMs: [3_600_000] });
      try {
        smtp.refusing = true;
        const admin = await signInAs(server, 'tiina');
        const erased = `erased-${kind}@example.com`;
        const kept = `purged-${kind}@example.com`;
        const { json } = await postFeedback(server.url, { topic: 'streets', rating: 1, contact: { email: erased } });
        await postFeedback(server.url, { topic: 'streets', rating: 1, contact: { email: kept } });
        const queuedTo = async (address: string) => (await store.listQueuedMail()).filter((m) => m.to === address).length;
        assert.equal(await queuedTo(erased), 1);
        const access = await asStaff(server, admin, 'GET', `/api/admin/personal-data?email=${encodeURIComponent(erased)}`);
        // The acknowledgement to them, and the official's digest if it is queued yet (it carries their item).
        const copies = access.json.copies['mail-queue'];
        assert.match(copies.find((c: any) => c.kind === 'acknowledgement').text, /\/f\//);
        assert.ok(copies.every((c: any) => ['acknowledgement', 'digest'].includes(c.kind)));
        await asStaff(server, admin, 'POST', '/api/admin/erase', { email: erased });
        assert.equal(await queuedTo(erased), 0);
        assert.ok((await store.listQueuedMail()).every((m) => !m.about.includes(json.id)));
        assert.equal(await queuedTo(kept), 1);
        // Past the outbox's retention (30 days), a mail leaves the queue whatever its items.
        await server.personalData.purge(365, { now: new Date(Date.now() + 31 * 86_400_000) });
        assert.equal(await queuedTo(kept), 0);
      } finally {
        smtp.refusing = false;
        await server.close();
      }
    });
  });
}

/** Polls `probe` until it gives a value. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Timed out');
}
