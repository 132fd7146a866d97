import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import smpp from 'smpp';
import { createApiKey, revokeApiKey } from '../../server/src/domain/api-keys.js';
import { gsm7Segments, gsm7Septets } from '../../server/src/domain/gsm7.js';
import { smsSurveyUrl, surveyText } from '../../server/src/domain/sms-surveys.js';
import { LOCALES } from '../../contract/api.js';
import { smppGateway } from '../../server/src/sms/smpp-gateway.js';
import { capturedLog } from '../helpers/captured-log.js';
import { startSmppPeer, type SmppPeer } from '../helpers/smpp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/** POST /api/sms-surveys as the customer-service line's system would. */
async function askSurvey(server: TestServer, body: unknown, key?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/sms-surveys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key !== undefined && { Authorization: `Bearer ${key}` }), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any, headers: response.headers };
}

describe('SMS surveys after a phone call, through a real SMPP server', () => {
  let peer: SmppPeer;
  let server: TestServer;
  let key: string;
  let open311Key: string;
  let revokedKey: string;
  before(async () => {
    peer = await startSmppPeer();
    // Retries after 10 ms and then 10 ms: the test waits for the SMS centre, not for a clock.
    server = await startTestServer({ sms: { gateway: smppGateway(peer.url), retryDelaysMs: [10, 10] } });
    key = (await createApiKey(server.store, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
    open311Key = (await createApiKey(server.store, 'server', { name: 'open-data', scope: 'open311' })).key;
    revokedKey = (await createApiKey(server.store, 'server', { name: 'old-line', scope: 'sms-surveys' })).key;
    await revokeApiKey(server.store, 'server', 'old-line');
  });
  after(async () => {
    await server.close();
    await peer.close();
  });

  let sent = 0;
  /** The next submit_sm the SMS centre receives. */
  const nextSubmit = () => peer.submit(++sent);

  it('sends one SMS in the caller’s language, GSM 7-bit in one part, whose link opens a survey attributed to the official and the call', async () => {
    const asked = await askSurvey(server, { phone: '040 123 4567', official: 'aino', ref: 'LP-2026-0142', locale: 'sv' }, key);
    assert.equal(asked.status, 202);
    const sms = await nextSubmit();
    assert.equal(sms.status, smpp.ESME_ROK);
    assert.deepEqual(peer.binds.at(-1), { systemId: 'suora', password: 'secret', status: smpp.ESME_ROK });
    assert.equal(sms.pdu.destination_addr, '358401234567', 'the number in international form');
    assert.equal(sms.pdu.dest_addr_ton, 1);
    assert.equal(sms.pdu.data_coding, 0, 'the SMS centre’s default alphabet: GSM 7-bit');
    assert.equal((sms.pdu.esm_class ?? 0) & 0x40, 0, 'no user data header: not a part of a longer message');
    const url = /https?:\/\/\S+/.exec(sms.text)![0];
    assert.equal(sms.text, `Tack för ditt samtal! Hur lyckades vi? Svara på 1 minut: ${url}`);
    assert.equal(gsm7Segments(sms.text), 1);
    assert.match(url, new RegExp(`^${server.url}/s/[A-Za-z0-9][A-Za-z0-9_-]{20}\\?ref=LP-2026-0142&lang=sv$`));

    // The link opens the existing survey page in the SMS's language (not the phone browser's), with the call's reference.
    const page = await fetch(url, { headers: { 'Accept-Language': 'fi-FI,fi;q=0.9,en;q=0.8' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="sv"/);
    assert.match(html, /<suora-survey [^>]*lang="sv"/);
    const token = /token="([^"]+)"/.exec(html)![1]!;
    assert.match(html, /ref="LP-2026-0142"/);
    const answer = await postFeedback(server.url, { token, rating: 5, ref: 'LP-2026-0142', press: 'pointer' });
    assert.equal(answer.status, 201);
    const item = (await server.store.getFeedback(answer.json.id))!;
    assert.deepEqual(
      { channel: item.channel, officialId: item.officialId, serviceAreaId: item.serviceAreaId, ref: item.ref, rating: item.rating },
      { channel: 'sms', officialId: 'aino', serviceAreaId: 'vitality', ref: 'LP-2026-0142', rating: 5 },
    );
    const link = (await server.store.getLinkByToken(token))!;
    assert.equal(item.linkId, link.id);
    assert.equal(link.channel, 'sms');
  });

  it('speaks Finnish when no language is given, and reuses the official’s SMS link', async () => {
    assert.equal((await askSurvey(server, { phone: '+358 50 765 4321', official: 'aino' }, key)).status, 202);
    const sms = await nextSubmit();
    assert.match(sms.text, /^Kiitos puhelustasi! Miten onnistuimme\? Vastaa 1 minuutissa: \S+\/s\/\S+$/);
    assert.equal((await server.store.listLinks()).filter((l) => l.officialId === 'aino' && l.channel === 'sms').length, 1);
  });

  it('sends a number nothing more within the quiet period, in whatever form it is written, and still answers 202', async () => {
    assert.equal((await askSurvey(server, { phone: '045 111 2222', official: 'jussi' }, key)).status, 202);
    assert.equal((await nextSubmit()).pdu.destination_addr, '358451112222');
    for (const phone of ['+358 45 111 2222', '00358451112222', '045-111 2222']) {
      const again = await askSurvey(server, { phone, official: 'laura', ref: 'X-1' }, key);
      assert.equal(again.status, 202, 'the answer does not tell whether the number called recently');
      assert.deepEqual(again.json, { accepted: true });
    }
    // The queue sends in order: had any of those been queued, it would come before this one.
    assert.equal((await askSurvey(server, { phone: '+46 70 123 45 67', official: 'laura', locale: 'en' }, key)).status, 202);
    const next = await nextSubmit();
    assert.equal(next.pdu.destination_addr, '46701234567');
    assert.match(next.text, /^Thank you for your call!/);
    const audit = (await server.store.listAuditEntries()).items.filter((e) => e.action === 'sms-survey');
    assert.equal(audit.filter((e) => e.detail === 'key=lahti-piste, quiet').length, 3);
    assert.ok(audit.every((e) => e.detail?.startsWith('key=lahti-piste') && e.actorId === null));
    assert.doesNotMatch(JSON.stringify(await server.store.listAuditEntries()), /111|2222|4567/, 'never the number');
  });

  it('tries again after the SMS centre refuses a message or a bind, and sends it once', async () => {
    peer.refuseNextSubmit(smpp.ESME_RTHROTTLED);
    assert.equal((await askSurvey(server, { phone: '040 222 3333', official: 'aino' }, key)).status, 202);
    const refused = await nextSubmit();
    assert.equal(refused.status, smpp.ESME_RTHROTTLED);
    const retried = await nextSubmit();
    assert.equal(retried.status, smpp.ESME_ROK);
    assert.equal(retried.text, refused.text);

    peer.refuseNextBind();
    const binds = peer.binds.length;
    assert.equal((await askSurvey(server, { phone: '040 222 4444', official: 'aino' }, key)).status, 202);
    const afterBind = await nextSubmit();
    assert.equal(afterBind.pdu.destination_addr, '358402224444');
    assert.deepEqual(peer.binds.slice(binds).map((b) => b.status), [smpp.ESME_RBINDFAIL, smpp.ESME_ROK]);
    await server.smsQueue.idle();
    const accepted = peer.submitted.filter((s) => s.status === smpp.ESME_ROK).map((s) => s.pdu.destination_addr);
    assert.equal(new Set(accepted).size, accepted.length, 'no number got two messages');
  });

  it('shows admins a message it gave up on, without the number', async () => {
    for (let i = 0; i < 3; i++) peer.refuseNextSubmit(smpp.ESME_RSYSERR);
    const before = peer.submitted.length;
    assert.equal((await askSurvey(server, { phone: '040 999 8888', official: 'jussi' }, key)).status, 202);
    await peer.submit(before + 3);
    sent = before + 3;
    await server.smsQueue.idle();
    const admin = await signInAs(server, 'tiina');
    const state = await asStaff(server, admin, 'GET', '/api/admin/sms');
    assert.equal(state.status, 200);
    assert.equal(state.json.failed, 1);
    assert.deepEqual(
      state.json.failures.map((f: any) => ({ officialId: f.officialId, attempts: f.attempts })),
      [{ officialId: 'jussi', attempts: 3 }],
    );
    assert.match(state.json.failures[0].reason, /refused the message/);
    assert.doesNotMatch(state.text, /999|8888/);
    assert.equal((await asStaff(server, await signInAs(server, 'aino'), 'GET', '/api/admin/sms')).status, 403);
  });

  it('does not send again a message whose answer was lost, since it may have gone', async () => {
    peer.dropNextSubmit();
    const failedBefore = (await server.smsQueue.counts()).failed;
    assert.equal((await askSurvey(server, { phone: '040 777 6666', official: 'aino' }, key)).status, 202);
    assert.equal((await nextSubmit()).pdu.destination_addr, '358407776666');
    await server.smsQueue.idle();
    assert.equal((await server.smsQueue.counts()).failed, failedBefore + 1);
    assert.match((await server.smsQueue.failed())[0]!.reason, /may or may not have gone/);
    // The next message is another number's: the lost one was not tried again.
    assert.equal((await askSurvey(server, { phone: '040 777 5555', official: 'aino' }, key)).status, 202);
    assert.equal((await nextSubmit()).pdu.destination_addr, '358407775555');
  });

  it('refuses a request without a key, with an unknown or revoked key, or with a key of another scope', async () => {
    const body = { phone: '040 123 4567', official: 'aino' };
    const none = await askSurvey(server, body);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.match(none.json.error.message, /API key of scope sms-surveys.*Authorization: Bearer/);
    const unknown = await askSurvey(server, body, 'Zx9aaaaaaaaaaaaaaaaaa');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.error.code, 'api_key_unknown');
    const revoked = await askSurvey(server, body, revokedKey);
    assert.equal(revoked.status, 401);
    assert.match(revoked.json.error.message, /old-line was revoked/);
    const wrongScope = await askSurvey(server, body, open311Key);
    assert.equal(wrongScope.status, 403);
    assert.match(wrongScope.json.error.message, /open-data is for open311, not for sms-surveys/);
    const basic = await askSurvey(server, body, undefined, { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    assert.equal(basic.status, 401);
  });

  it('gives a request with a key no session powers, even with an admin’s cookie', async () => {
    const admin = await signInAs(server, 'tiina');
    const response = await fetch(`${server.url}/api/admin/sms`, { headers: { Cookie: admin, Origin: server.url, Authorization: `Bearer ${key}` } });
    assert.equal(response.status, 401);
  });

  it('refuses numbers it cannot read, and officials who cannot receive feedback, with messages a person understands', async () => {
    for (const phone of ['abc', '123 4567', '+1', '', 4012345, '040 123 4567 ext 5', '+358 40 123 4567 8901 234']) {
      const refused = await askSurvey(server, { phone, official: 'aino' }, key);
      assert.equal(refused.status, 400, `${phone}`);
      assert.equal(refused.json.error.code, 'invalid_phone');
      assert.match(refused.json.error.message, /040 123 4567/);
    }
    const unknown = await askSurvey(server, { phone: '040 123 4567', official: 'nobody' }, key);
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /no official "nobody"/);
    const decisionMaker = await askSurvey(server, { phone: '040 123 4567', official: 'kari' }, key);
    assert.equal(decisionMaker.status, 400);
    const laura = (await server.store.getOfficial('laura'))!;
    await server.store.saveOfficial({ ...laura, active: false });
    const inactive = await askSurvey(server, { phone: '040 123 4567', official: 'laura' }, key);
    await server.store.saveOfficial(laura);
    assert.equal(inactive.status, 400);
    assert.match(inactive.json.error.message, /no longer active/);
    assert.equal((await askSurvey(server, { phone: '040 123 4567' }, key)).json.error.code, 'official_missing');
    assert.equal((await askSurvey(server, { phone: '040 123 4567', official: 'aino', locale: 'de' }, key)).json.error.code, 'invalid_locale');
    assert.equal((await askSurvey(server, { phone: '040 123 4567', official: 'aino', ref: 'has space' }, key)).json.error.code, 'invalid_ref');
  });
});

describe('the SMS survey text', () => {
  // The longest city host in use in Finland is about this long; the token is 21 characters.
  const LONG_PUBLIC_URL = 'https://palaute.mantta-vilppula.fi';
  const TOKEN = 'A'.repeat(21);

  it('fits one GSM 7-bit message in every language with a realistic reference, and says how long one may be when not', () => {
    for (const locale of LOCALES) {
      for (const ref of [null, 'LP-2026-014273', 'HEL-2026-0001234-PUHELU']) {
        const text = surveyText(locale, smsSurveyUrl(LONG_PUBLIC_URL, TOKEN, locale, ref), ref);
        assert.equal(gsm7Segments(text), 1, `${locale}: ${gsm7Septets(text)} septets: ${text}`);
      }
      const long = 'R'.repeat(64);
      assert.throws(() => surveyText(locale, smsSurveyUrl(LONG_PUBLIC_URL, TOKEN, locale, long), long), (error: Error) => {
        const room = Number(/at most (\d+) characters/.exec(error.message)![1]);
        const fits = 'R'.repeat(room);
        assert.equal(gsm7Segments(surveyText(locale, smsSurveyUrl(LONG_PUBLIC_URL, TOKEN, locale, fits), fits)), 1);
        assert.throws(() => surveyText(locale, smsSurveyUrl(LONG_PUBLIC_URL, TOKEN, locale, `${fits}R`), `${fits}R`));
        return true;
      });
    }
  });

  it('counts septets as a gateway does: extension characters take two, others make it UCS-2', () => {
    assert.equal(gsm7Septets('äöåÄÖÅ'), 6);
    assert.equal(gsm7Septets('€[]{}'), 10);
    assert.equal(gsm7Septets('’'), undefined);
    assert.equal(gsm7Segments('a'.repeat(160)), 1);
    assert.equal(gsm7Segments('a'.repeat(159) + '€'), 2);
    assert.equal(gsm7Segments('a'.repeat(307)), 3);
  });
});

describe('an SMS gateway that fails is seen at once, not only when a message is given up', () => {
  it('logs each failed try, counts it in /metrics and shows the message with its next try to admins, never the number', async () => {
    const TOKEN = 'metrics-token-for-the-sms-tests-0123456789';
    const peer = await startSmppPeer();
    const captured = capturedLog('warn');
    // The next try is an hour away: the message stays failing while the test looks.
    const server = await startTestServer({ sms: { gateway: smppGateway(peer.url), retryDelaysMs: [3_600_000] }, log: captured.log, metricsToken: TOKEN });
    try {
      const key = (await createApiKey(server.store, 'server', { name: 'lahti-piste', scope: 'sms-surveys' })).key;
      peer.refuseNextSubmit(smpp.ESME_RTHROTTLED);
      assert.equal((await askSurvey(server, { phone: '040 555 1212', official: 'aino' }, key)).status, 202);
      await peer.submit(1);
      await server.smsQueue.idle();

      const warned = captured.lines().filter((line) => line.msg === 'an SMS could not be sent: it is tried again');
      assert.equal(warned.length, 1);
      assert.equal(warned[0]!.attempts, 1);
      assert.match(warned[0]!.reason, /refused the message/);
      assert.ok(warned[0]!.nextAttemptAt);
      assert.doesNotMatch(captured.text(), /555|1212|aino\.fi|\/s\//);

      const metrics = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
      assert.match(metrics, /^suora_sms_failures_total 1$/m);
      assert.match(metrics, /^suora_sms_given_up_total 0$/m);

      const state = await asStaff(server, await signInAs(server, 'tiina'), 'GET', '/api/admin/sms');
      assert.equal(state.json.failedAttempts, 1);
      assert.equal(state.json.failed, 0);
      assert.deepEqual(state.json.failures, []);
      assert.equal(state.json.retrying.length, 1);
      const failing = state.json.retrying[0];
      assert.equal(failing.officialId, 'aino');
      assert.equal(failing.attempts, 1);
      assert.match(failing.reason, /refused the message/);
      assert.ok(Date.parse(failing.nextAttemptAt) > Date.parse(failing.failedAt));
      assert.doesNotMatch(state.text, /555|1212/);
    } finally {
      await server.close();
      await peer.close();
    }
  });
});
