import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { createLink } from '../../server/src/domain/signature-links.js';
import { isShowableText } from '../../contract/free-text.js';
import { routesOf } from '../helpers/routes.js';
import { postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { capturedLog } from '../helpers/captured-log.js';

/** How many bad requests the fuzzer sends, over all public endpoints. */
const REQUESTS = 8_000;
const SEED = 20261127;

interface BadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** JSON endpoints answer in the contract's error shape; pages answer with HTML. */
  json: boolean;
}

const VALID = { topic: 'business', rating: 4, comment: 'Hyvä palvelu', public: false, locale: 'fi' };
const FIELDS = ['topic', 'serviceArea', 'official', 'token', 'ref', 'rating', 'comment', 'public', 'contact', 'wantsReply', 'pageUrl', 'locale', 'website'];

/** Text that stays unreadable after reading (direction marks are dropped, not refused): controls, NUL, lone surrogates, floods. */
const unshowableText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\u202Eg\u0000np.exe', '\uD800', 'x\uDFFFy', '\u0007bell', '\u001b[31m', '\u009b'),
  fc.nat({ max: 50_000 }).map((n) => 'x'.repeat(4001 + n)),
  // The server reads and trims first, so what counts is what is left.
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !isShowableText(s.trim())),
);

/** Strings that are fine as a comment ("../../etc/passwd" is text) but never an id, code or address. */
const hostileString = fc.oneof(
  unshowableText,
  fc.constantFrom('../../etc/passwd?x', '..%2F..%2F', '%00', '<script>alert(1)</script>', '${7*7}', "' OR 1=1 --", 'javascript:alert(1)', 'a b'),
);

const STRING_FIELDS = ['topic', 'serviceArea', 'official', 'token', 'ref', 'comment', 'pageUrl', 'locale'];
const BOOLEAN_FIELDS = ['public', 'wantsReply'];

/** A value of the wrong type for `field`: never the type the field takes. */
function wrongTypeFor(field: string): fc.Arbitrary<unknown> {
  const kinds: Record<string, fc.Arbitrary<unknown>> = {
    null: fc.constant(null),
    number: fc.oneof(fc.integer(), fc.double()),
    boolean: fc.boolean(),
    string: fc.string({ maxLength: 10 }),
    array: fc.array(fc.jsonValue(), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
  };
  const right = STRING_FIELDS.includes(field) ? 'string' : BOOLEAN_FIELDS.includes(field) ? 'boolean' : field === 'rating' ? 'number' : 'object';
  return fc.oneof(...Object.entries(kinds).filter(([kind]) => kind !== right).map(([, arbitrary]) => arbitrary));
}

/** One corruption of a valid submission: each result is a request a form would never send. */
const badFeedbackBody = fc.oneof(
  // a field of the wrong type
  fc.constantFrom(...FIELDS.filter((f) => f !== 'website')).chain((field) => wrongTypeFor(field).map((value) => ({ ...VALID, [field]: value }))),
  // a hostile string in a text field
  fc.tuple(fc.constantFrom('topic', 'ref', 'token', 'pageUrl', 'locale', 'official', 'serviceArea'), hostileString).map(([field, value]) => ({ ...VALID, [field]: value })),
  fc.tuple(fc.constantFrom('email', 'phone', 'businessId'), hostileString).map(([field, value]) => ({ ...VALID, contact: { [field]: value } })),
  unshowableText.map((comment) => ({ ...VALID, comment })),
  fc.tuple(fc.constantFrom('name', 'organisation'), unshowableText).map(([field, value]) => ({ ...VALID, contact: { [field]: value } })),
  // an unknown field, at the top or in contact
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !FIELDS.includes(k)), fc.jsonValue()).map(([key, value]) => ({ ...VALID, [key]: value })),
  fc.tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['name', 'email', 'phone', 'organisation', 'businessId'].includes(k)), fc.jsonValue()).map(([key, value]) => ({ ...VALID, contact: { [key]: value } })),
  // missing what is required
  fc.constantFrom({ topic: 'business' }, { rating: 4 }, {}, { comment: '   ', topic: 'business' }, { ...VALID, wantsReply: true }),
  // out of range and malformed
  fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 6, max: 1000 }), fc.double({ min: 1.01, max: 4.99, noInteger: true })).map((rating) => ({ ...VALID, rating })),
  fc.constantFrom('de', 'FI', 'fi-FI', '', 'xx').map((locale) => ({ ...VALID, locale })),
  // unknown ids and tokens
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).map((id) => ({ ...VALID, topic: `zz${id}`.slice(0, 64) })),
  fc.stringMatching(/^[A-Za-z0-9_-]{21}$/).map((token) => ({ rating: 3, token })),
  // the honeypot filled in
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '').map((website) => ({ ...VALID, website })),
  // deeply nested
  fc.integer({ min: 100, max: 3000 }).map((depth) => ({ ...VALID, contact: JSON.parse('{"name":'.repeat(1) + '['.repeat(depth) + ']'.repeat(depth) + '}') })),
);

/** Percent-encodes anything, lone surrogates too (as the broken UTF-8 bytes a client might send). */
function encode(text: string): string {
  return [...text]
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const unit = ch.charCodeAt(0);
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
    })
    .join('');
}

/** A path segment that is never an id: traversal, broken percent-encoding, floods. */
const hostileSegment = fc.oneof(
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%2e%2e', '.%252e', 'a'.repeat(5000), '%E2%80%AE', '%C0%AE%C0%AE', '~root', '%FF%FE', '%', '%E0%A4%A'),
  fc.string({ maxLength: 80 }).map((s) => encode(s)).filter((s) => !/^[A-Za-z0-9_-]{1,64}$/.test(s)),
);

function jsonRequest(method: string, path: string, body: unknown): BadRequest {
  return { method, path, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)), json: true };
}

function badRequests(token: string, id: string): fc.Arbitrary<BadRequest> {
  const path = hostileSegment;
  return fc.oneof(
    { weight: 40, arbitrary: badFeedbackBody.map((body) => jsonRequest('POST', '/api/feedback', body)) },
    // not JSON, or not what it says it is
    {
      weight: 6,
      arbitrary: fc.oneof(
        fc.constantFrom('{', '{"rating": 4,', '[1,2', 'null', '"text"', 'rating=4&topic=business', '\u0000\u0000').map((text) => ({
          method: 'POST',
          path: '/api/feedback',
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(text),
          json: true,
        })),
        fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml').map((type) => ({
          method: 'POST',
          path: '/api/feedback',
          headers: { 'content-type': type },
          body: Buffer.from(JSON.stringify(VALID)),
          json: true,
        })),
        // broken UTF-8 inside an otherwise valid body
        fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => ({
          method: 'POST',
          path: '/api/feedback',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: Buffer.concat([Buffer.from('{"topic":"business","comment":"'), Buffer.from([0xc3, 0x28, ...bytes.filter((b) => b > 0x7f)]), Buffer.from('"}')]),
          json: true,
        })),
        // too large
        fc.integer({ min: 40_000, max: 200_000 }).map((n) => jsonRequest('POST', '/api/feedback', { ...VALID, comment: 'ä'.repeat(n) })),
      ),
    },
    { weight: 10, arbitrary: badFeedbackBody.map((body) => jsonRequest('PATCH', `/api/feedback/${id}`, { ...body, editKey: 'x'.repeat(21) })) },
    { weight: 4, arbitrary: fc.tuple(path, badFeedbackBody).map(([p, body]) => jsonRequest('PATCH', `/api/feedback/${p}`, { ...body, editKey: 'y'.repeat(21) })) },
    {
      weight: 6,
      arbitrary: fc.oneof(fc.string({ maxLength: 10 }), hostileString.map((s) => s.slice(0, 200))).map((locale) => ({
        method: 'GET',
        path: `/api/topics?locale=${encode(locale)}`,
        headers: {},
        json: true,
      })).filter((r) => !/locale=(fi|sv|en)$/.test(r.path)),
    },
    {
      weight: 6,
      arbitrary: fc.record({ page: fc.oneof(fc.integer({ max: 0 }), fc.constantFrom('x', '1.5', '-1', '1e9')), topic: fc.constantFrom('', '../x', '%00') }).map(({ page, topic }) => ({
        method: 'GET',
        path: `/api/public/feedback?page=${encode(String(page))}&topic=${encode(topic)}`,
        headers: {},
        json: true,
      })),
    },
    { weight: 8, arbitrary: path.map((p) => ({ method: 'GET', path: `/api/links/${p}`, headers: {}, json: true })) },
    { weight: 8, arbitrary: path.map((p) => ({ method: 'GET', path: `/s/${p}?r=${encode(token)}`, headers: {}, json: false })) },
    { weight: 4, arbitrary: path.map((p) => ({ method: 'HEAD', path: `/s/${p}`, headers: {}, json: false })) },
    { weight: 4, arbitrary: path.map((p) => ({ method: 'GET', path: `/login/${p}`, headers: {}, json: false })) },
    { weight: 4, arbitrary: path.map((p) => ({ method: 'POST', path: `/login/${p}`, headers: {}, json: false })) },
  );
}

/** Sends raw bytes: fetch would refuse or repair some of what the fuzzer makes. */
function send(base: string, r: BadRequest): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: { ...r.headers, ...(r.body && { 'content-length': String(r.body.length) }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

describe(`${REQUESTS.toLocaleString('en')} fuzzed bad requests to the public endpoints`, () => {
  let server: TestServer;
  let requests: BadRequest[];
  before(async () => {
    server = await startTestServer();
    const { link } = await createLink(server.store, 'server', { officialId: 'aino' });
    const { json } = await postFeedback(server.url, VALID);
    requests = fc.sample(badRequests(link.token, json.id), { numRuns: REQUESTS, seed: SEED });
  });
  after(() => server.close());

  it('answers each with a 4xx, in the error shape on the API; no 5xx; stores nothing; stays healthy', async () => {
    const before = (await server.store.queryFeedback({})).total;
    const before1 = JSON.stringify(await server.store.getFeedback((await server.store.queryFeedback({})).items[0]!.id));
    const failures: string[] = [];
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const answer = await send(server.url, r);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const ok = answer.status >= 400 && answer.status < 500;
        let shaped = true;
        if (r.json && r.method !== 'HEAD') {
          try {
            const body = JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } };
            shaped = typeof body.error?.code === 'string' && typeof body.error.message === 'string' && !/\n\s+at /.test(answer.body);
          } catch {
            shaped = false;
          }
        }
        if (!ok || !shaped) failures.push(`${r.method} ${r.path.slice(0, 80)} ${r.body?.subarray(0, 120).toString() ?? ''} → ${answer.status} ${answer.body.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${requests.length} not answered as they should be`);
    assert.equal([...statuses.keys()].filter((s) => s >= 500).length, 0);
    assert.equal((await server.store.queryFeedback({})).total, before, 'nothing stored by a rejected request');
    assert.equal(JSON.stringify(await server.store.getFeedback((await server.store.queryFeedback({})).items[0]!.id)), before1, 'nothing changed');
    assert.equal((await postFeedback(server.url, VALID)).status, 201, 'still healthy');
    console.log(`fuzzed ${requests.length} requests: ${[...statuses].sort().map(([s, n]) => `${n}× ${s}`).join(', ')}`);
  });
});

/** How many requests with fuzzed headers and cookies go to every route, signed in or not. */
const HEADER_REQUESTS = 3_000;

/** Header text a client can put on the wire: printable ASCII and Latin-1, no line breaks. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength });

/** Session cookies that are not ours: broken percent-encoding, quotes, floods, strangers. */
const badCookie = fc.oneof(
  fc.constantFrom('suora_session=%', 'suora_session=%E0%A4%A', 'suora_session=', 'suora_session', '=;;=', 'suora_session="abc"', 'suora_session=a=b=c', 'suora_session=%00'),
  fc.nat({ max: 6_000 }).map((n) => `suora_session=${'A'.repeat(n)}`),
  headerText(100).map((v) => `suora_session=${v}`),
  headerText(100),
);

interface Signed {
  admin: string;
  /** For `POST /api/logout`: a session it may end, not the admin's. */
  spare: string;
}

/** Headers a browser, a proxy or an attacker may send; each one optional. */
function fuzzedHeaders(own: string, signed: Signed, logout: boolean): fc.Arbitrary<Record<string, string>> {
  const admin = logout ? signed.spare : signed.admin;
  return fc
    .record(
      {
        cookie: fc.oneof({ weight: 3, arbitrary: fc.constant(admin) }, badCookie, badCookie.map((bad) => `${bad}; ${admin}`), fc.constant(`${admin}; ${admin}`)),
        'sec-fetch-site': fc.oneof({ weight: 3, arbitrary: fc.constant('same-origin') }, fc.constantFrom('cross-site', 'same-site', 'none', '', 'SAME-ORIGIN'), headerText(20)),
        origin: fc.oneof(fc.constant(own), fc.constantFrom('null', 'https://evil.example', '', '%%', 'http://'), headerText(40)),
        'x-suora-dashboard': fc.constantFrom('1', '', 'x'),
        'content-type': fc.oneof(
          fc.constantFrom('application/json', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset="', 'application/json;;;', '/', '*/*', 'text/plain', 'multipart/form-data'),
          headerText(40),
        ),
        'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip'),
        'accept-language': fc.oneof(fc.constantFrom('fi', 'sv-FI;q=0.9,en;q=abc', '*;q=-1', ';;;', 'x'.repeat(3000)), headerText(60)),
        accept: fc.oneof(fc.constantFrom('text/csv', 'application/json;q=0', '*/*;q=x'), headerText(40)),
        'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', '::1', 'unknown', ',,,', '999.999.1.1'), headerText(40)),
        'x-forwarded-proto': fc.constantFrom('https', 'gopher', '%%'),
        range: fc.constantFrom('bytes=0-0', 'bytes=x-y', 'bytes=99999999-', 'bytes=-0,,,'),
        'if-none-match': headerText(40),
        'if-modified-since': fc.constantFrom('x', 'Thu, 01 Jan 1970 00:00:00 GMT', ''),
        // Mostly within Node's 16 KB of headers, sometimes past it (a 431 from Node itself).
        'x-huge': fc.oneof({ weight: 9, arbitrary: fc.nat({ max: 8_000 }) }, fc.integer({ min: 8_000, max: 20_000 })).map((n) => 'h'.repeat(n)),
      },
      { requiredKeys: [] },
    )
    .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

/** Query strings no form sends: repeated and empty parameters, broken percent-encoding, floods. */
const fuzzedQuery = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?page=1&page=2', '?status=new&status=closed', '?locale=fi&locale=sv', '?email=a@example.fi&email=b@example.fi', '?email=%',
    '?%=%', '?%E0%A4%A=1', '?locale[]=fi', '?page[a]=1', '?separator=comma&separator=x', '?period=week&period=', '?topic=%00',
    '?id=%FF', '?from=2026-02-30&to=x', '?r=1&r=2&ref=a&ref=b&lang=fi&lang=xx', `?q=${'x'.repeat(6000)}`, `?${'a=1&'.repeat(2000)}`,
  ),
  fc.array(fc.tuple(headerText(10), headerText(20)), { maxLength: 4 }).map((pairs) => `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`),
);

const fuzzedBody = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('{}', 'null', '[]', '"x"', '{', '{"status":"nope"}', '{"email":"%"}', '{"officialId":{}}', '{"editKey":1}').map((t) => Buffer.from(t)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

describe(`${HEADER_REQUESTS.toLocaleString('en')} requests with fuzzed headers and cookies to every route, signed in as an admin`, () => {
  let server: TestServer;
  let widgetDir: string;
  let requests: BadRequest[];
  let signed: Signed;
  // What the server logs while it answers, warnings and errors: a client's mistake must not reach the log.
  const captured = capturedLog('warn');

  before(async () => {
    // The bundles' directory as a build leaves it: a missing build is not the client's fault.
    widgetDir = await mkdtemp(nodePath.join(tmpdir(), 'suora-fuzz-widget-'));
    for (const name of ['suora.js', 'survey.js', 'dashboard.js', 'public-feed.js']) await writeFile(nodePath.join(widgetDir, name), 'export {};\n');
    server = await startTestServer({ demo: true, widgetDir, log: captured.log });
    signed = { admin: await signInAs(server, 'tiina'), spare: await signInAs(server, 'jussi') };
    const { link } = await createLink(server.store, 'server', { officialId: 'aino' });
    const { json } = await postFeedback(server.url, { ...VALID, public: true, contact: { email: 'mari@example.com' } });
    const fill = (path: string, valid: boolean) =>
      fc.constant(path).chain((p) =>
        p.includes(':')
          ? (valid ? fc.constant(p.replace(':id', p.startsWith('/api/admin/topics') ? 'streets' : p.startsWith('/api/admin/officials') ? 'aino' : p.startsWith('/api/admin/links') ? link.id : json.id).replace(':token', link.token).replace(':key', 'x'.repeat(21))) : hostileSegment.map((segment) => p.replace(/:\w+/, segment)))
          : fc.constant(p),
      );
    // Every route the app has, and what its static files and demo pages answer beside them.
    const routes = [...routesOf(server.app), { method: 'GET', path: '/assets/page.css' }, { method: 'GET', path: '/demo/' }, { method: 'HEAD', path: '/api/me' }];
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        path: fc.boolean().chain((valid) => fill(route.path, valid)),
        query: fuzzedQuery,
        headers: fuzzedHeaders(server.url, signed, route.path === '/api/logout'),
        body: route.method === 'GET' || route.method === 'HEAD' ? fc.constant(undefined) : fuzzedBody,
      }).map(({ path, query, headers, body }): BadRequest => ({ method: route.method, path: path + query, headers, ...(body && { body }), json: path.startsWith('/api/') })),
    );
    requests = fc.sample(request, { numRuns: HEADER_REQUESTS, seed: SEED });
  });
  after(async () => {
    await server.close();
    await rm(widgetDir, { recursive: true, force: true });
  });

  it('never answers with a 5xx, answers the API’s errors in its shape, and logs nothing', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const answer = await send(server.url, r);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        let shaped = true;
        // 431 (headers too large) comes from Node's HTTP parser, before Suora, without a body.
        if (r.json && r.method !== 'HEAD' && answer.status >= 400 && answer.status !== 431) {
          try {
            const body = JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } };
            shaped = typeof body.error?.code === 'string' && typeof body.error.message === 'string';
          } catch {
            shaped = false;
          }
        }
        if (answer.status >= 500 || !shaped || /\n\s+at /.test(answer.body)) {
          failures.push(`${r.method} ${r.path.slice(0, 80)} ${JSON.stringify(r.headers).slice(0, 300)} → ${answer.status} ${answer.body.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${requests.length} not answered as they should be`);
    assert.deepEqual(captured.lines().slice(0, 3), [], 'nothing a client sends is logged as our failure');
    const signedIn = await fetch(`${server.url}/api/me`, { headers: { Cookie: signed.admin, 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(signedIn.status, 200, 'the admin is still signed in, and the server healthy');
    assert.ok((statuses.get(200) ?? 0) > HEADER_REQUESTS / 20, 'many requests got through to the routes themselves');
    console.log(`fuzzed ${requests.length} requests' headers: ${[...statuses].sort().map(([s, n]) => `${n}× ${s}`).join(', ')}`);
  });
});
