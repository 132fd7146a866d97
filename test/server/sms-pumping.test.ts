import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../server/src/domain/api-keys.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { smsInOutbox } from '../../server/src/sms/sms-outbox.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A Finnish mobile number per `i`: every request to a new number, as an SMS pumper's would be. */
const numberOf = (i: number) => `+358 40 ${String(1_000_000 + i).slice(1)}`;

describe('SMS pumping: POST /api/sms-surveys is limited per API key', () => {
  const LIMIT = 5;
  let server: TestServer;
  let outboxDir: string;
  let outbox: Outbox;
  let key: string;
  let otherKey: string;
  before(async () => {
    outboxDir = await mkdtemp(path.join(tmpdir(), 'suora-sms-pumping-'));
    outbox = new Outbox(outboxDir);
    server = await startTestServer({ sms: { outbox, rateLimit: LIMIT } });
    key = (await createApiKey(server.store, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
    otherKey = (await createApiKey(server.store, 'server', { name: 'lahti-vaihde', scope: 'sms-surveys' })).key;
  });
  after(async () => {
    await server.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  const ask = async (phone: string, withKey: string, body: string = JSON.stringify({ phone, official: 'aino' })) => {
    const response = await fetch(`${server.url}/api/sms-surveys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${withKey}` },
      body,
    });
    return { status: response.status, json: (await response.json()) as any, retryAfter: response.headers.get('Retry-After') };
  };

  it('answers 429 with Retry-After and a message saying the limit once a key has asked for SUORA_SMS_RATE_LIMIT in a minute; other keys go on', async () => {
    for (let i = 0; i < LIMIT; i++) assert.equal((await ask(numberOf(i), key)).status, 202, `request ${i + 1}`);
    const refused = await ask(numberOf(LIMIT), key);
    assert.equal(refused.status, 429);
    assert.equal(refused.json.error.code, 'too_many_requests');
    assert.match(refused.json.error.message, new RegExp(`at most ${LIMIT} a minute`));
    assert.match(refused.json.error.message, /SUORA_SMS_RATE_LIMIT/);
    assert.ok(Number(refused.retryAfter) >= 1 && Number(refused.retryAfter) <= 60, String(refused.retryAfter));
    // Another line's key has its own allowance.
    assert.equal((await ask(numberOf(LIMIT + 1), otherKey)).status, 202);
    await server.smsQueue.idle();
    assert.equal((await smsInOutbox(outbox)).length, LIMIT + 1, 'no SMS for the refused request');
  });

  it('refuses a satellite number (a number of no country) before anything is sent', async () => {
    const satellite = await ask('+881 6 1234 5678', otherKey);
    assert.equal(satellite.status, 400);
    assert.equal(satellite.json.error.code, 'service_number');
    assert.match(satellite.json.error.message, /satellite/);
  });

  it('answers a body far over the limit with a 413 about SMS survey requests, not about comments', async () => {
    const huge = JSON.stringify({ phone: '040 123 4567', official: 'aino', ref: 'x'.repeat(5_000_000) });
    const tooLarge = await ask('', otherKey, huge);
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.json.error.code, 'too_large');
    assert.match(tooLarge.json.error.message, /^The request is too large\. An SMS survey request/);
    assert.doesNotMatch(tooLarge.json.error.message, /comment/i);
  });
});
