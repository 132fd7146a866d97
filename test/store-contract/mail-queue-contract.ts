import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { QueuedMail } from '../../server/src/domain/model.js';
import type { Store } from '../../server/src/domain/store-port.js';

/** The store's part in the mail send queue. Run inside each store's contract suite. */
export function mailQueueContract(subject: { store(): Store; restart(): Promise<void> }): void {
  let n = 0;
  const mail = (overrides: Partial<QueuedMail> = {}): QueuedMail => ({
    id: `mail${++n}`,
    kind: 'reply',
    to: 'sara@example.com',
    locale: 'fi',
    subject: 'Vastaus',
    body: ['Kiitos palautteestasi.', { quote: 'Katu on liukas.' }, { item: [{ link: 'https://suora.example/f/KEY' }] }],
    replyTo: 'aino@lahti.example',
    about: ['ITEM000001'],
    officialId: null,
    createdAt: '2026-11-30T06:00:00.000Z',
    attempts: 0,
    nextAttemptAt: '2026-11-30T06:00:00.000Z',
    claimedUntil: null,
    failure: null,
    ...overrides,
  });

  it('keeps queued mail through a restart, hands each due mail to one claim only, and removes it', async () => {
    const due = mail();
    const later = mail({ nextAttemptAt: '2026-11-30T07:00:00.000Z' });
    const givenUp = mail({ nextAttemptAt: null, attempts: 3, officialId: 'aino', kind: 'digest', failure: { code: 'rejected', smtpCode: 550, at: '2026-11-30T06:01:00.000Z' } });
    for (const m of [due, later, givenUp]) assert.equal(await subject.store().addQueuedMail(m), true);
    await subject.restart();
    assert.deepEqual(await subject.store().listQueuedMail(), [due, later, givenUp]);
    const now = '2026-11-30T06:30:00.000Z';
    const until = '2026-11-30T06:45:00.000Z';
    const claims = await Promise.all([subject.store().claimQueuedMail(now, until, 10), subject.store().claimQueuedMail(now, until, 10)]);
    assert.deepEqual(claims.flat(), [{ ...due, claimedUntil: until }]);
    // Held: not claimed again until the hold ends.
    assert.deepEqual(await subject.store().claimQueuedMail('2026-11-30T06:40:00.000Z', until, 10), []);
    assert.deepEqual((await subject.store().claimQueuedMail('2026-11-30T07:00:00.000Z', '2026-11-30T07:15:00.000Z', 10)).map((m) => m.id).sort(), [due.id, later.id].sort());
    const failed = { ...later, attempts: 1, claimedUntil: null, failure: { code: 'temporary' as const, smtpCode: 451, at: '2026-11-30T07:00:01.000Z' } };
    await subject.store().updateQueuedMail(failed);
    assert.deepEqual((await subject.store().listQueuedMail()).find((m) => m.id === later.id), failed);
    assert.equal(await subject.store().deleteQueuedMail([due.id, later.id, givenUp.id, 'none']), 3);
    assert.deepEqual(await subject.store().listQueuedMail(), []);
  });

  it('queues a mail under a `once` key only once, through a restart too', async () => {
    assert.equal(await subject.store().addQueuedMail(mail({ kind: 'reminder' }), 'reminder:aino:2026-11-30'), true);
    const again = await Promise.all([subject.store().addQueuedMail(mail(), 'reminder:aino:2026-11-30'), subject.store().addQueuedMail(mail(), 'reminder:aino:2026-11-30')]);
    assert.deepEqual(again, [false, false]);
    await subject.restart();
    assert.equal(await subject.store().addQueuedMail(mail(), 'reminder:aino:2026-11-30'), false);
    assert.equal(await subject.store().addQueuedMail(mail(), 'reminder:aino:2026-12-01'), true);
    const queued = await subject.store().listQueuedMail();
    assert.equal(queued.length, 2);
    await subject.store().deleteQueuedMail(queued.map((m) => m.id));
  });
}
