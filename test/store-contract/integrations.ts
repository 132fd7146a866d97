import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiKey } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';
import type { StoreUnderTest } from './contract.js';

/** API keys, the SMS quiet period and the server's keys, on every adapter, across a restart. */
export function describeIntegrationsContract(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`Store contract, integrations: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    before(async () => {
      subject = await setup();
      store = await subject.open();
    });
    after(async () => {
      await store.close();
      await subject.cleanup();
    });

    const key: ApiKey = {
      id: 'key1',
      name: 'lahti-piste',
      scope: 'sms-surveys',
      keyHash: 'a'.repeat(64),
      createdAt: '2026-11-01T08:00:00.000Z',
      createdBy: null,
      lastUsedAt: null,
      revokedAt: null,
    };

    it('saves, replaces, finds by hash and lists API keys, and keeps them over a restart', async () => {
      await store.saveApiKey(key);
      await store.saveApiKey({ ...key, id: 'key2', name: 'open-data', scope: 'open311', keyHash: 'b'.repeat(64) });
      await store.saveApiKey({ ...key, createdBy: 'tiina', lastUsedAt: '2026-11-02T08:00:00.000Z', revokedAt: '2026-11-03T08:00:00.000Z' });
      await store.close();
      store = await subject.open();
      assert.deepEqual(await store.getApiKeyByHash('a'.repeat(64)), { ...key, createdBy: 'tiina', lastUsedAt: '2026-11-02T08:00:00.000Z', revokedAt: '2026-11-03T08:00:00.000Z' });
      assert.equal(await store.getApiKeyByHash('c'.repeat(64)), undefined);
      assert.deepEqual((await store.listApiKeys()).map((k) => `${k.id} ${k.scope}`).sort(), ['key1 sms-surveys', 'key2 open311']);
    });

    it('claims a number’s quiet period once, again only after it, and forgets it on erasure', async () => {
      const since = (day: string) => `2026-11-${day}T00:00:00.000Z`;
      assert.equal(await store.claimSmsQuietPeriod('h1', since('10'), since('01')), true);
      assert.equal(await store.claimSmsQuietPeriod('h1', since('11'), since('01')), false, 'within the period');
      assert.equal(await store.claimSmsQuietPeriod('h2', since('11'), since('01')), true, 'another number');
      // Two requests for one number at once: one wins.
      const both = await Promise.all([store.claimSmsQuietPeriod('h3', since('12'), since('01')), store.claimSmsQuietPeriod('h3', since('12'), since('01'))]);
      assert.deepEqual(both.sort(), [false, true]);
      await store.close();
      store = await subject.open();
      assert.equal(await store.claimSmsQuietPeriod('h1', since('20'), since('15')), true, 'after the period');
      assert.equal(await store.claimSmsQuietPeriod('h1', since('21'), since('15')), false);
      assert.equal(await store.hasSmsQuietPeriod('h1'), true);
      assert.equal(await store.deleteSmsQuietPeriod('h1'), true);
      assert.equal(await store.hasSmsQuietPeriod('h1'), false);
      assert.equal(await store.deleteSmsQuietPeriod('h1'), false);
      assert.equal(await store.claimSmsQuietPeriod('h1', since('22'), since('15')), true, 'forgotten: a new claim');
    });

    it('makes a server key once and gives the same one after a restart', async () => {
      const first = await store.serverKey('sms-quiet');
      assert.match(first, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(await store.serverKey('sms-quiet'), first);
      assert.notEqual(await store.serverKey('other'), first);
      await store.close();
      store = await subject.open();
      assert.equal(await store.serverKey('sms-quiet'), first);
    });
  });
}
