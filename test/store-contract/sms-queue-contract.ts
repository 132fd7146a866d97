import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { QueuedSms } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';

/** The store's part in the SMS send queue. Run inside each store's contract suite. */
export function smsQueueContract(subject: { store(): Store; restart(): Promise<void> }): void {
  let n = 0;
  const sms = (overrides: Partial<QueuedSms> = {}): QueuedSms => ({
    id: `sms${++n}`,
    to: '+358401234567',
    text: 'Kiitos puhelustasi! Vastaa: https://suora.example/s/TOKEN',
    officialId: 'aino',
    createdAt: `2026-11-30T06:00:0${n}.000Z`,
    attempts: 0,
    nextAttemptAt: '2026-11-30T06:00:00.000Z',
    claimedUntil: null,
    failure: null,
    ...overrides,
  });

  it('keeps queued SMS through a restart, hands each due one to one claim only, and removes them', async () => {
    const due = sms();
    const later = sms({ nextAttemptAt: '2026-11-30T07:00:00.000Z', attempts: 1, failure: { reason: 'The SMS gateway cannot be reached (ECONNREFUSED).', at: '2026-11-30T06:00:30.000Z' } });
    const beingTried = sms({ nextAttemptAt: null, attempts: 1, claimedUntil: '2026-11-30T06:15:00.000Z' });
    const givenUp = sms({ to: null, text: null, nextAttemptAt: null, attempts: 3, failure: { reason: 'refused', at: '2026-11-30T06:05:00.000Z' } });
    for (const m of [due, later, beingTried, givenUp]) await subject.store().addQueuedSms(m);
    await subject.restart();
    assert.deepEqual(await subject.store().listQueuedSms(), [due, later, beingTried, givenUp]);
    const now = '2026-11-30T06:30:00.000Z';
    const until = '2026-11-30T06:45:00.000Z';
    const claims = await Promise.all([subject.store().claimQueuedSms(now, until, 10), subject.store().claimQueuedSms(now, until, 10)]);
    assert.deepEqual(claims.flat(), [{ ...due, claimedUntil: until }], 'one claim gets it; one being tried or given up is never claimed');
    // Held: not claimed again until the hold ends.
    assert.deepEqual(await subject.store().claimQueuedSms('2026-11-30T06:40:00.000Z', until, 10), []);
    assert.deepEqual((await subject.store().claimQueuedSms('2026-11-30T07:00:00.000Z', '2026-11-30T07:15:00.000Z', 1)).map((m) => m.id), [due.id], 'the longest due first, up to the limit');
    const cleared = { ...later, to: null, text: null, nextAttemptAt: null, claimedUntil: null, attempts: 2, failure: { reason: 'refused', at: '2026-11-30T07:00:01.000Z' } };
    await subject.store().updateQueuedSms(cleared);
    await subject.store().updateQueuedSms(sms({ id: 'gone' }));
    await subject.restart();
    assert.deepEqual((await subject.store().listQueuedSms()).find((m) => m.id === later.id), cleared);
    assert.equal((await subject.store().listQueuedSms()).some((m) => m.id === 'gone'), false, 'an update does not bring back a message that was removed');
    assert.equal(await subject.store().deleteQueuedSms([due.id, later.id, beingTried.id, givenUp.id, 'none']), 4);
    assert.deepEqual(await subject.store().listQueuedSms(), []);
  });

  it('gives each of many due SMS to one of the servers claiming at once', async () => {
    const many = Array.from({ length: 30 }, () => sms());
    for (const m of many) await subject.store().addQueuedSms(m);
    const now = '2026-11-30T06:30:00.000Z';
    const claims = await Promise.all(Array.from({ length: 4 }, () => subject.store().claimQueuedSms(now, '2026-11-30T06:45:00.000Z', 20)));
    const ids = claims.flat().map((m) => m.id);
    assert.equal(ids.length, 30);
    assert.equal(new Set(ids).size, 30);
    await subject.store().deleteQueuedSms(ids);
  });
}
