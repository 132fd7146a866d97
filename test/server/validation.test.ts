import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Each bad body, the field the error must name, and the words its message must contain. */
const BAD_BODIES: [string, unknown, string, RegExp][] = [
  ['rating 0', { topic: 'streets', rating: 0 }, 'rating', /1 to 5/],
  ['rating 6', { topic: 'streets', rating: 6 }, 'rating', /1 to 5/],
  ['rating 3.5', { topic: 'streets', rating: 3.5 }, 'rating', /whole number/],
  ['rating as text', { topic: 'streets', rating: '5' }, 'rating', /whole number/],
  ['comment too long', { topic: 'streets', comment: 'a'.repeat(4001) }, 'comment', /at most 4000/],
  ['comment not text', { topic: 'streets', comment: 42 }, 'comment', /text/],
  ['bad email', { topic: 'streets', rating: 5, contact: { email: 'mari@' } }, 'contact.email', /email address/],
  ['bad phone', { topic: 'streets', rating: 5, contact: { phone: 'call me' } }, 'contact.phone', /phone number/],
  ['business id check digit', { topic: 'business', rating: 5, contact: { businessId: '1572860-1' } }, 'contact.businessId', /check digit/],
  ['business id format', { topic: 'business', rating: 5, contact: { businessId: '157286000' } }, 'contact.businessId', /Business ID/],
  ['phone without a country code or a trunk 0', { topic: 'streets', rating: 5, contact: { phone: '40 123 4567' } }, 'contact.phone', /phone number/],
  ['email with a Unicode local part', { topic: 'streets', rating: 5, contact: { email: 'mäijä@example.fi' } }, 'contact.email', /email address/],
  ['unknown field', { topic: 'streets', rating: 5, admin: true }, 'admin', /not part of the feedback form/],
  ['unknown contact field', { topic: 'streets', rating: 5, contact: { ssn: '010101-123A' } }, 'contact.ssn', /not part/],
  ['neither rating nor comment', { topic: 'streets', comment: '   ' }, 'rating', /rating or write a comment/],
  ['reply without email', { topic: 'streets', rating: 5, wantsReply: true }, 'contact.email', /email address/],
  ['unknown locale', { topic: 'streets', rating: 5, locale: 'de' }, 'locale', /one of fi, sv, en/],
  ['javascript page url', { topic: 'streets', rating: 5, pageUrl: 'javascript:alert(1)' }, 'pageUrl', /http/],
  ['public as text', { topic: 'streets', rating: 5, public: 'yes' }, 'public', /true or false/],
  ['topic with slashes', { topic: '../etc/passwd', rating: 5 }, 'topic', /not a valid identifier/],
  ['ref with spaces', { topic: 'streets', rating: 5, ref: 'a b' }, 'ref', /reference/],
  ['contact not an object', { topic: 'streets', rating: 5, contact: 'mari' }, 'contact', /object/],
];

describe('validation of POST /api/feedback', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  for (const [name, body, field, message] of BAD_BODIES) {
    it(`400 for ${name}, naming the field`, async () => {
      const { status, json } = await postFeedback(server.url, body);
      assert.equal(status, 400);
      assert.equal(typeof json.error.code, 'string');
      assert.equal(typeof json.error.message, 'string');
      assert.match(json.error.fields?.[field] ?? '', message, JSON.stringify(json));
    });
  }

  it('400 with a message for a body that is not an object', async () => {
    for (const body of ['[]', 'null', '"text"', '42']) {
      const { status, json } = await postFeedback(server.url, body);
      assert.equal(status, 400, body);
      assert.match(json.error.message, /JSON object/);
    }
  });

  it('400 for malformed JSON, never a 500', async () => {
    const { status, json } = await postFeedback(server.url, '{"rating": 5,');
    assert.equal(status, 400);
    assert.equal(json.error.code, 'invalid_json');
  });

  it('415 for a body that is not JSON', async () => {
    const { status, json } = await postFeedback(server.url, 'rating=5', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(status, 415);
    assert.match(json.error.message, /JSON/);
  });

  it('413 for a body over the limit', async () => {
    const { status, json } = await postFeedback(server.url, { topic: 'streets', comment: 'ä'.repeat(40_000) });
    assert.equal(status, 413);
    assert.equal(json.error.code, 'too_large');
  });

  it('a comment of 4000 four-byte characters fits the body limit', async () => {
    const { status } = await postFeedback(server.url, { topic: 'streets', comment: '😀'.repeat(2000) });
    assert.equal(status, 201);
  });

  it('refuses a form sent faster than a person fills it in, and takes one at a person’s pace', async () => {
    const fast = await postFeedback(server.url, { topic: 'streets', rating: 5, fillMs: 300 });
    assert.equal(fast.status, 400);
    assert.equal(fast.json.error.code, 'too_fast');
    assert.equal((await postFeedback(server.url, { topic: 'streets', rating: 5, fillMs: 4200 })).status, 201);
  });

  it('refuses a filled honeypot with a message a person can act on', async () => {
    const { status, json } = await postFeedback(server.url, { topic: 'streets', rating: 5, website: 'http://spam' });
    assert.equal(status, 400);
    assert.equal(json.error.code, 'looks_automated');
  });

  it('stores nothing for any rejected request', async () => {
    const before = (await server.store.queryFeedback({})).total;
    for (const [, body] of BAD_BODIES) await postFeedback(server.url, body);
    await postFeedback(server.url, { topic: 'streets', rating: 5, website: 'x' });
    await postFeedback(server.url, { topic: 'streets', rating: 5, fillMs: 10 });
    const after = (await server.store.queryFeedback({})).total;
    assert.equal(after, before);
  });

  it('never answers with a stack trace', async () => {
    const { json } = await postFeedback(server.url, '{"rating":');
    assert.doesNotMatch(JSON.stringify(json), /at .*\.js:\d+/);
  });
});
