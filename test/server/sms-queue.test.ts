import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../server/src/domain/api-keys.js';
import { PersonalData } from '../../server/src/domain/personal-data-inventory.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { smppGateway } from '../../server/src/sms/smpp-gateway.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { STORES } from '../helpers/both-stores.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { startSmppPeer, type SmppPeer } from '../helpers/smpp-peer.js';
import { seedTestCity } from '../helpers/test-city.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Many short waits: a server keeps retrying while the SMS centre is down, and never runs out of tries in a test. */
const RETRIES = Array.from({ length: 200 }, () => 50);

/** An SMS centre that is down, and can come back up at the same address. */
async function downSmsCentre(): Promise<{ url: string; up(): Promise<SmppPeer> }> {
  const reserved = await startSmppPeer();
  await reserved.close();
  const port = Number(new URL(reserved.url).port);
  return { url: reserved.url, up: () => startSmppPeer(port) };
}

async function askSurvey(server: TestServer, key: string, phone: string): Promise<void> {
  const response = await fetch(`${server.url}/api/sms-surveys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ phone, official: 'aino' }),
  });
  assert.equal(response.status, 202);
}

const TOKEN = 'metrics-token-for-the-sms-queue-tests-0123456789';

async function metrics(server: TestServer): Promise<string> {
  return (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
}

/** Waits until the store's queue holds nothing to send (sent, or given up). */
async function drained(store: Store): Promise<void> {
  let left: unknown[] = [];
  for (let i = 0; i < 200; i++) {
    left = (await store.listQueuedSms()).filter((m) => m.to !== null);
    if (left.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`SMS still waiting in the store: ${left.length}`);
}

for (const kind of STORES) {
  describe(`the SMS queue in the store (${kind}): kept over a restart, sent once, erased by phone number`, () => {
    let dataDir: string;
    let database: ThrowawayPostgres | undefined;
    let store: Store;
    let key: string;
    const open = () => (kind === 'lowdb' ? LowdbStore.open(dataDir) : PostgresStore.open(database!.url));
    const restartStore = async () => {
      await store.close();
      store = await open();
    };

    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'suora-sms-queue-'));
      if (kind === 'PostgreSQL') database = await startPostgres();
      store = await open();
      await seedTestCity(store);
      key = (await createApiKey(store, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
    });
    after(async () => {
      await store.close();
      await database?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('keeps a message asked for while the SMS centre is down over a restart, and sends it once when the centre is back', { timeout: 60_000 }, async () => {
      const centre = await downSmsCentre();
      const sms = { gateway: smppGateway(centre.url), retryDelaysMs: RETRIES, pollMs: 20 };
      let server = await startTestServer({ store, sms });
      await askSurvey(server, key, '040 321 0001');
      await server.smsQueue.idle();
      const [waiting] = await store.listQueuedSms();
      assert.equal(waiting?.to, '+358403210001');
      assert.match(waiting.failure!.reason, /cannot be reached/);

      await server.close();
      await restartStore();
      server = await startTestServer({ store, sms, metricsToken: TOKEN });
      assert.match(await metrics(server), /^suora_sms_waiting 1$/m, 'the restarted server counts what waits in the store');
      const peer = await centre.up();
      try {
        const sent = await peer.submit(1);
        assert.equal(sent.pdu.destination_addr, '358403210001');
        await drained(store);
        await server.smsQueue.idle();
        assert.equal(peer.submitted.length, 1, 'sent once');
        assert.deepEqual(await store.listQueuedSms(), [], 'a sent message leaves the store, its number with it');
        const afterwards = await metrics(server);
        assert.match(afterwards, /^suora_sms_waiting 0$/m);
        assert.match(afterwards, /^suora_sms_sent_total 1$/m);
      } finally {
        await server.close();
        await peer.close();
      }
    });

    it('marks a message as being tried before the gateway hears of it, so that a server stopping mid-submit leaves it given up, never sent again', { timeout: 60_000 }, async () => {
      const peer = await startSmppPeer();
      const server = await startTestServer({ store, sms: { gateway: smppGateway(peer.url), retryDelaysMs: RETRIES } });
      try {
        peer.holdNextSubmit();
        await askSurvey(server, key, '040 321 0005');
        await peer.submit(1);
        // The SMS centre has the message and has not answered: were the server to die now, this is what it leaves.
        const [during] = await store.listQueuedSms();
        assert.deepEqual({ attempts: during?.attempts, nextAttemptAt: during?.nextAttemptAt }, { attempts: 1, nextAttemptAt: null }, 'not due again');
        assert.ok(Date.parse(during!.claimedUntil!) > Date.now(), 'held by the server trying it');
        peer.releaseHeld();
        await server.smsQueue.idle();
        const [givenUp] = await store.listQueuedSms();
        assert.deepEqual({ to: givenUp?.to, text: givenUp?.text, nextAttemptAt: givenUp?.nextAttemptAt }, { to: null, text: null, nextAttemptAt: null }, 'given up');
        assert.equal(peer.submitted.length, 1);
        await store.deleteQueuedSms([givenUp!.id]);
      } finally {
        await server.close();
        await peer.close();
      }
    });

    it('gives up, without sending, a message whose server stopped during its try, and shows it to admins without the number', { timeout: 60_000 }, async () => {
      const peer = await startSmppPeer();
      try {
        // What a server that died during a submit leaves: the try marked as begun, its hold over.
        await store.addQueuedSms({
          id: 'INTERRUPTED1',
          to: '+358403210002',
          text: 'Kiitos puhelustasi!',
          officialId: 'aino',
          createdAt: new Date(Date.now() - 3_600_000).toISOString(),
          attempts: 1,
          nextAttemptAt: null,
          claimedUntil: new Date(Date.now() - 60_000).toISOString(),
          failure: null,
        });
        const server = await startTestServer({ store, sms: { gateway: smppGateway(peer.url), retryDelaysMs: RETRIES, pollMs: 20 } });
        try {
          await drained(store);
          const [givenUp] = await store.listQueuedSms();
          assert.deepEqual({ to: givenUp?.to, text: givenUp?.text }, { to: null, text: null }, 'the number and the text are gone');
          const state = await asStaff(server, await signInAs(server, 'tiina'), 'GET', '/api/admin/sms');
          assert.deepEqual(
            state.json.failures.map((f: any) => ({ id: f.id, officialId: f.officialId, attempts: f.attempts })),
            [{ id: 'INTERRUPTED1', officialId: 'aino', attempts: 1 }],
          );
          assert.match(state.json.failures[0].reason, /may or may not have gone/);
          assert.doesNotMatch(state.text, /3210002|Kiitos/);
          // A new message goes out, and the interrupted one never did.
          await askSurvey(server, key, '040 321 0003');
          assert.equal((await peer.submit(1)).pdu.destination_addr, '358403210003');
          await server.smsQueue.idle();
          assert.equal(peer.submitted.length, 1);
        } finally {
          await server.close();
        }
        await store.deleteQueuedSms(['INTERRUPTED1']);
      } finally {
        await peer.close();
      }
    });

    it('gives a waiting message on access and erases it by phone number, from the command line too', { timeout: 60_000 }, async () => {
      const centre = await downSmsCentre();
      const server = await startTestServer({ store, sms: { gateway: smppGateway(centre.url), retryDelaysMs: [3_600_000] } });
      try {
        await askSurvey(server, key, '040 321 0004');
        await server.smsQueue.idle();
        // As `suora access` and `suora erase` build it: no SMS queue of a running server at hand.
        const personalData = new PersonalData(store, { outbox: new Outbox(path.join(dataDir, 'outbox')), outboxRetentionDays: 30 });
        const copy = (await personalData.access('server', { phone: '+358 40 321 0004' })).copies.sms as any;
        assert.equal(copy.waiting, 1);
        assert.match(copy.messages[0].text, /^Kiitos puhelustasi!/);
        assert.deepEqual((await personalData.erase('server', { phone: '040 321 0004' })).removed, { sms: 2 }, 'the message and the quiet-period hash');
        assert.deepEqual(await store.listQueuedSms(), []);
        assert.equal(((await personalData.access('server', { phone: '040 321 0004' })).copies.sms as any).waiting, 0);
      } finally {
        await server.close();
      }
    });
  });
}

describe('two servers on one PostgreSQL: each SMS sent once, by whichever server claims it', () => {
  let database: ThrowawayPostgres;
  const stores: Store[] = [];
  before(async () => {
    database = await startPostgres();
  });
  after(async () => {
    for (const store of stores) await store.close();
    await database.stop();
  });
  const open = async () => {
    const store = await PostgresStore.open(database.url);
    stores.push(store);
    return store;
  };

  it('sends the messages a stopped server queued, through the servers still running, each once', { timeout: 60_000 }, async () => {
    const first = await open();
    await seedTestCity(first);
    const key = (await createApiKey(first, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
    const centre = await downSmsCentre();
    const sms = { gateway: smppGateway(centre.url), retryDelaysMs: RETRIES, pollMs: 20 };
    const a = await startTestServer({ store: first, sms });
    const b = await startTestServer({ store: await open(), sms });
    const numbers = ['0403210011', '0403210012', '0403210013', '0403210014', '0403210015', '0403210016'];
    for (const [i, phone] of numbers.entries()) await askSurvey(i % 2 ? b : a, key, phone);
    await Promise.all([a.smsQueue.idle(), b.smsQueue.idle()]);
    assert.equal((await first.listQueuedSms()).length, numbers.length);
    // The server that took half of them stops; another starts; the SMS centre comes back.
    await a.close();
    const c = await startTestServer({ store: await open(), sms });
    const peer = await centre.up();
    try {
      await drained(first);
      await Promise.all([b.smsQueue.idle(), c.smsQueue.idle()]);
      const sent = peer.submitted.map((s) => s.pdu.destination_addr).sort();
      assert.deepEqual(sent, numbers.map((n) => `358${n.slice(1)}`).sort(), 'every message, each once');
      assert.deepEqual(await first.listQueuedSms(), []);
    } finally {
      await b.close();
      await c.close();
      await peer.close();
    }
  });
});
