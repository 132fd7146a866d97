import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../server/src/domain/api-keys.js';
import { readMobileNumber, type MobileRefusal } from '../../server/src/domain/mobile-numbers.js';
import { smsSurveySchema } from '../../server/src/domain/sms-surveys.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { smsInOutbox } from '../../server/src/sms/sms-outbox.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** Numbers that can take an SMS survey, as people write them, and their E.164 form. */
const MOBILES: [string, string][] = [
  ['040 123 4567', '+358401234567'],
  ['0401234567', '+358401234567'],
  ['358401234567', '+358401234567'],
  ['+358 40 123 4567', '+358401234567'],
  ['00358 40 123 4567', '+358401234567'],
  ['00358401234567', '+358401234567'],
  ['+358 (0)40 123 4567', '+358401234567'],
  ['+358 040 123 4567', '+358401234567'],
  ['040-123 45 67', '+358401234567'],
  ['(040) 123 4567', '+358401234567'],
  ['＋３５８ ４０ １２３ ４５６７', '+358401234567'],
  ['\u202A040 123 4567\u202C', '+358401234567'],
  ['050 765 4321', '+358507654321'],
  ['045 111 2222', '+358451112222'],
  ['044 123 4567', '+358441234567'],
  ['0457 123 4567', '+3584571234567'],
  ['+46 70 123 45 67', '+46701234567'],
  ['0046 70 123 45 67', '+46701234567'],
  ['+372 5123 4567', '+37251234567'],
  ['+47 412 34 567', '+4741234567'],
  ['+49 1512 3456789', '+4915123456789'],
  ['+7 912 345 6789', '+79123456789'],
  ['+86 139 1234 5678', '+8613912345678'],
  ['+61 4 1234 5678', '+61412345678'],
  // The North American plan does not tell mobiles from landlines: such a number may be a mobile.
  ['+1 212 555 0123', '+12125550123'],
];

/** Numbers that cannot, by the kind of refusal and a word its message must say. */
const REFUSED: [string, MobileRefusal, RegExp][] = [
  ['abc', 'invalid_phone', /could not be read/],
  ['', 'invalid_phone', /could not be read/],
  ['   ', 'invalid_phone', /could not be read/],
  ['123 4567', 'invalid_phone', /could not be read/],
  ['+1', 'invalid_phone', /could not be read/],
  ['+358', 'invalid_phone', /could not be read/],
  ['+358 40', 'invalid_phone', /could not be read/],
  ['112', 'invalid_phone', /could not be read/],
  ['+358 73 123 4567', 'invalid_phone', /could not be read/],
  ['040 123 4567 ext 5', 'invalid_phone', /could not be read/],
  ['+358 40 123 4567 8901 234', 'invalid_phone', /could not be read/],
  ['call 040 123 4567', 'invalid_phone', /could not be read/],
  ['+999 123 456 789', 'unknown_country_code', /country code is not in use/],
  ['00999 123 456 789', 'unknown_country_code', /country code is not in use/],
  ['+80 1234567', 'unknown_country_code', /country code is not in use/],
  ['+210 123456789', 'unknown_country_code', /country code is not in use/],
  ['+358 3 123 4567', 'landline_number', /landline/],
  ['09 123 4567', 'landline_number', /landline/],
  ['(09) 123 4567', 'landline_number', /landline/],
  ['+358 9 123 4567', 'landline_number', /landline/],
  ['+358 18 12345', 'landline_number', /landline/],
  ['+46 8 123 456 78', 'landline_number', /landline/],
  ['+49 30 123456', 'landline_number', /landline/],
  ['+44 20 7946 0958', 'landline_number', /landline/],
  ['+39 06 1234 5678', 'landline_number', /landline/],
  ['+86 10 1234 5678', 'landline_number', /landline/],
  ['+358 600 12345', 'service_number', /premium-rate/],
  ['0600 41234', 'service_number', /premium-rate/],
  ['0700 12345', 'service_number', /premium-rate/],
  ['+1 900 555 0123', 'service_number', /premium-rate/],
  ['+33 8 91 12 34 56', 'service_number', /premium-rate/],
  ['+46 900 123 456', 'service_number', /premium-rate/],
  ['0800 12345', 'service_number', /toll-free/],
  ['+358 800 123456', 'service_number', /toll-free/],
  ['+1 800 555 0123', 'service_number', /toll-free/],
  ['+7 800 123 4567', 'service_number', /toll-free/],
  ['+49 180 1234567', 'service_number', /shared-cost/],
  ['+46 771 123 456', 'service_number', /shared-cost/],
  ['+44 56 1234 5678', 'service_number', /VoIP/],
  ['+883 510 012345', 'service_number', /VoIP/],
  ['010 123 4567', 'service_number', /service or company number/],
  ['020 123 456', 'service_number', /service or company number/],
  ['+358 29 123 4567', 'service_number', /service or company number/],
  ['+358 75 3251', 'service_number', /service or company number/],
  ['+44 70 1234 5678', 'service_number', /personal forwarding/],
  // Numbers of no country (region 001): dear to text, an SMS pumper's favourite.
  ['+881 6 1234 5678', 'service_number', /satellite or international network/],
  ['+870 773 111 632', 'service_number', /satellite or international network/],
  ['+800 1234 5678', 'service_number', /toll-free/],
];

describe('phone numbers for SMS surveys', () => {
  it('reads every mobile number form into E.164', () => {
    for (const [written, e164] of MOBILES) assert.deepEqual(readMobileNumber(written), { number: e164 }, JSON.stringify(written));
  });

  it('refuses what cannot receive an SMS by its kind, in words a person understands, without repeating the number', () => {
    // One message per kind whatever the number: it cannot repeat the number.
    const messages = new Map<string, Set<string>>();
    for (const [written, refusal, says] of REFUSED) {
      const read = readMobileNumber(written);
      assert.ok('refusal' in read, `${JSON.stringify(written)} is refused`);
      assert.equal(read.refusal, refusal, JSON.stringify(written));
      assert.match(read.message, says, JSON.stringify(written));
      messages.set(says.source, (messages.get(says.source) ?? new Set()).add(read.message));
    }
    for (const [says, texts] of messages) assert.equal(texts.size, 1, `${says}: ${[...texts].join(' | ')}`);
  });
});

describe('POST /api/sms-surveys checks the number by the same rules', () => {
  let server: TestServer;
  let outboxDir: string;
  let outbox: Outbox;
  let key: string;
  before(async () => {
    outboxDir = await mkdtemp(path.join(tmpdir(), 'suora-sms-numbers-'));
    outbox = new Outbox(outboxDir);
    server = await startTestServer({ sms: { quietDays: 30, outbox } });
    key = (await createApiKey(server.store, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
  });
  after(async () => {
    await server.close();
    await rm(outboxDir, { recursive: true, force: true });
  });

  const ask = async (body: unknown) => {
    const response = await fetch(`${server.url}/api/sms-surveys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as any };
  };

  it('refuses each kind with a 400, its code and its message; sends to each mobile once, in E.164', async () => {
    for (const [written, refusal, says] of REFUSED) {
      const refused = await ask({ phone: written, official: 'aino' });
      assert.equal(refused.status, 400, JSON.stringify(written));
      assert.equal(refused.json.error.code, refusal, JSON.stringify(written));
      assert.match(refused.json.error.message, says);
      assert.match(refused.json.error.fields.phone, says);
    }
    for (const [written] of MOBILES) assert.equal((await ask({ phone: written, official: 'aino' })).status, 202, JSON.stringify(written));
    await server.smsQueue.idle();
    const sent = (await smsInOutbox(outbox)).map((sms) => sms.to).sort();
    assert.deepEqual(sent, [...new Set(MOBILES.map(([, e164]) => e164))].sort());
  });

  it('refuses a body that is not an object, and names each wrong field', async () => {
    const list = await ask([{ phone: '040 123 4567', official: 'aino' }]);
    assert.equal(list.status, 400);
    assert.equal(list.json.error.code, 'invalid_sms_survey');
    const wrong = await ask({ phone: '09 123 4567', official: '', locale: 'de', ref: 'has space' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.code, 'landline_number');
    assert.deepEqual(Object.keys(wrong.json.error.fields).sort(), ['locale', 'official', 'phone', 'ref']);
  });

  it('is described by the schema that checks it', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as any;
    const body = doc.paths['/api/sms-surveys'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(Object.keys(body.properties).sort(), Object.keys(smsSurveySchema.shape).sort());
    assert.deepEqual(body.required.sort(), ['official', 'phone']);
    for (const [field, schema] of Object.entries(smsSurveySchema.shape)) assert.equal(body.properties[field].description, schema.meta()?.description, field);
    // The reference's documented pattern is the one the route holds to.
    const pattern = new RegExp(body.properties.ref.anyOf?.find((s: any) => s.pattern)?.pattern ?? body.properties.ref.pattern);
    assert.ok(!pattern.test('has space'));
    assert.equal((await ask({ phone: '040 765 4321', official: 'aino', ref: 'has space' })).json.error.code, 'invalid_ref');
    assert.ok(pattern.test('LP-2026/0142'));
    assert.equal((await ask({ phone: '040 765 4321', official: 'aino', ref: 'LP-2026/0142' })).status, 202);
  });
});
