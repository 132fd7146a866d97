import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('GET /api/topics', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('lists the topics with their service area, in the requested language', async () => {
    const response = await fetch(`${server.url}/api/topics?locale=en`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as any;
    assert.equal(body.locale, 'en');
    assert.deepEqual(body.topics[0], {
      id: 'business',
      name: 'Businesses and economic policy',
      serviceArea: { id: 'vitality', name: 'Vitality' },
      forBusinesses: true,
    });
    assert.equal(body.topics.length, 3);
  });

  it('defaults to Finnish', async () => {
    const body = (await (await fetch(`${server.url}/api/topics`)).json()) as any;
    assert.equal(body.locale, 'fi');
    assert.equal(body.topics[0].name, 'Yritykset ja elinkeinopolitiikka');
  });

  it('400 for an unknown locale', async () => {
    const response = await fetch(`${server.url}/api/topics?locale=de`);
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as any).error.code, 'invalid_locale');
  });
});

describe('CORS and headers', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ allowedOrigins: ['https://www.lahti.fi'] })));
  after(() => server.close());

  it('lets an allowed origin preflight and post', async () => {
    const preflight = await fetch(`${server.url}/api/feedback`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.lahti.fi',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://www.lahti.fi');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);

    const post = await postFeedback(server.url, { topic: 'streets', rating: 5 }, { Origin: 'https://www.lahti.fi' });
    assert.equal(post.status, 201);
    assert.equal(post.headers.get('access-control-allow-origin'), 'https://www.lahti.fi');
  });

  it('refuses another origin with a 403 that says why, and stores nothing', async () => {
    const before = (await server.store.queryFeedback({})).total;
    const preflight = await fetch(`${server.url}/api/feedback`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);

    const post = await postFeedback(server.url, { topic: 'streets', rating: 5 }, { Origin: 'https://evil.example' });
    assert.equal(post.status, 403);
    assert.equal(post.json.error.code, 'origin_not_allowed');
    assert.match(post.json.error.message, /SUORA_ALLOWED_ORIGINS/);
    assert.equal((await server.store.queryFeedback({})).total, before);
  });

  it('lets the server’s own pages post', async () => {
    const post = await postFeedback(server.url, { topic: 'streets', rating: 5 }, { Origin: server.url });
    assert.equal(post.status, 201);
  });

  it('serves the widget script to any site, as a module with CORS', async () => {
    const response = await fetch(`${server.url}/suora.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    // The entry imports the chunk that holds the form and Lit: served the same way, cached for good.
    const chunk = /from"\.\/(chunks\/widget-[\w-]+\.js)"/.exec(await response.text())?.[1];
    assert.ok(chunk, 'suora.js imports its chunk');
    const imported = await fetch(`${server.url}/${chunk}`);
    assert.equal(imported.status, 200);
    assert.match(imported.headers.get('content-type') ?? '', /javascript/);
    assert.equal(imported.headers.get('access-control-allow-origin'), '*');
    assert.equal(imported.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(imported.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(await imported.text(), /suora-feedback/);
    assert.equal((await fetch(`${server.url}/chunks/widget-00000000.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/chunks/..%2Fsuora.js`)).status, 404);
  });

  it('keeps helmet’s same-origin resource policy everywhere else', async () => {
    const response = await fetch(`${server.url}/api/topics`);
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  it('GET / says what this server is and how to embed the widget', async () => {
    const response = await fetch(`${server.url}/`);
    const page = await response.text();
    assert.equal(response.status, 200);
    assert.match(page, /Suora/);
    assert.match(page, /&lt;suora-feedback&gt;/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('sends a strict Content-Security-Policy with every page: no inline script or style, no eval, no framing', async () => {
    for (const page of ['/', '/dashboard', '/public', '/login/V1StGXR8_Z5jdHi6B-myT', '/s/unknown-token', '/api/topics']) {
      const csp = (await fetch(`${server.url}${page}`)).headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, page);
      assert.match(csp, /script-src 'self'(;|$)/, page);
      assert.match(csp, /style-src 'self'(;|$)/, page);
      assert.match(csp, /frame-ancestors 'none'/, page);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, page);
    }
  });

  it('answers unknown API routes with the error shape', async () => {
    const response = await fetch(`${server.url}/api/nothing-here`);
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as any).error.code, 'not_found');
  });
});

describe('frame-ancestors', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer({ frameAncestors: ['https://intra.lahti.fi'] })));
  after(() => server.close());

  it('lets the configured origins, and no others, frame Suora’s pages', async () => {
    const csp = (await fetch(`${server.url}/dashboard`)).headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors https:\/\/intra\.lahti\.fi(;|$)/);
  });
});

describe('rate limits', () => {
  let server: TestServer;
  // Behind one reverse proxy (SUORA_TRUST_PROXY=1), the proxy appends the address it saw to
  // X-Forwarded-For, and that last entry is the client's. The test plays the proxy: the
  // addresses below are only header values, no traffic goes to them.
  before(async () => (server = await startTestServer({ rateLimit: 3, trustProxy: 1 })));
  after(() => server.close());
  const from = (address: string, claimed?: string) => ({ 'X-Forwarded-For': claimed ? `${claimed}, ${address}` : address });

  it('answers 429 with Retry-After and a clear message past the limit per address', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await postFeedback(server.url, { topic: 'streets', rating: 5 }, from('192.0.2.1'))).status, 201);
    const { status, json, headers } = await postFeedback(server.url, { topic: 'streets', rating: 5 }, from('192.0.2.1'));
    assert.equal(status, 429);
    assert.equal(json.error.code, 'too_many_requests');
    assert.match(json.error.message, /wait a minute/);
    assert.ok(Number(headers.get('retry-after')) > 0);
    assert.equal((await postFeedback(server.url, { topic: 'streets', rating: 5 }, from('192.0.2.2'))).status, 201, 'another address is not limited');
  });

  it('limits each real client behind the proxy, whatever address it claims', async () => {
    for (let i = 0; i < 3; i++) {
      const sent = await postFeedback(server.url, { topic: 'streets', rating: 5 }, from('192.0.2.50', `203.0.113.${i}`));
      assert.equal(sent.status, 201);
    }
    const claimed = await postFeedback(server.url, { topic: 'streets', rating: 5 }, from('192.0.2.50', '203.0.113.99'));
    assert.equal(claimed.status, 429, 'a new X-Forwarded-For entry of its own does not make it a new client');
  });

  it('limits one survey link across addresses too', async () => {
    const { createLink } = await import('../../server/src/domain/signature-links.js');
    const { link } = await createLink(server.store, 'server', { officialId: 'laura' });
    for (let i = 0; i < 12; i++) {
      assert.equal((await postFeedback(server.url, { token: link.token, rating: 4, press: 'pointer' }, from(`198.51.100.${i}`))).status, 201);
    }
    const { status, json } = await postFeedback(server.url, { token: link.token, rating: 4, press: 'pointer' }, from('198.51.100.200'));
    assert.equal(status, 429);
    assert.match(json.error.message, /this survey link/);
  });

  it('counts a stranger’s invalid requests with a link’s token against the stranger’s address only', async () => {
    const { createLink } = await import('../../server/src/domain/signature-links.js');
    const { link } = await createLink(server.store, 'server', { officialId: 'aino' });
    const { json: answer } = await postFeedback(server.url, { token: link.token, rating: 5, press: 'pointer' }, from('192.0.2.100'));
    const invalid: [string, unknown][] = [
      ['POST', { token: link.token, rating: 9, press: 'pointer' }],
      ['POST', { token: link.token, rating: 4, website: 'http://spam.example' }],
      ['PATCH', { token: link.token, editKey: 'x'.repeat(21), comment: 'not mine' }],
    ];
    // Four addresses, each up to its own limit: as many requests as the link's limit (3 × 4).
    for (let a = 1; a <= 4; a++) {
      for (const [method, body] of invalid) {
        const path = method === 'POST' ? '/api/feedback' : `/api/feedback/${answer.id}`;
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'Content-Type': 'application/json', ...from(`203.0.113.${a}`) },
          body: JSON.stringify(body),
        });
        assert.ok(response.status >= 400 && response.status < 429, `${method}: ${response.status}`);
      }
      const more = await postFeedback(server.url, { token: link.token, rating: 9, press: 'pointer' }, from(`203.0.113.${a}`));
      assert.equal(more.status, 429, 'the sender’s own address is limited');
    }
    for (let i = 0; i < 11; i++) {
      const real = await postFeedback(server.url, { token: link.token, rating: 4, press: 'pointer' }, from(`198.51.100.${100 + i}`));
      assert.equal(real.status, 201, `real answer ${i + 2} through the link`);
    }
  });
});

describe('a survey link’s limit, against a few senders with valid answers', () => {
  let server: TestServer;
  // Link-wide: 10 × 4 = 40 answers a minute.
  before(async () => (server = await startTestServer({ rateLimit: 10, trustProxy: 1 })));
  after(() => server.close());
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  it('lets no one address, nor a handful, use up a link for everyone', async () => {
    const { createLink } = await import('../../server/src/domain/signature-links.js');
    const { ANSWERS_PER_ADDRESS_PER_LINK } = await import('../../server/src/routes/feedback.js');
    const { link } = await createLink(server.store, 'server', { officialId: 'aino' });
    // 45 valid answers, each address staying within its own limit of 10 requests.
    for (let a = 1; a <= 5; a++) {
      for (let i = 0; i < 9; i++) {
        const sent = await postFeedback(server.url, { token: link.token, rating: 1, press: 'pointer' }, from(`203.0.113.${a}`));
        if (i < ANSWERS_PER_ADDRESS_PER_LINK) {
          assert.equal(sent.status, 201, `answer ${i + 1} from address ${a}`);
        } else {
          assert.equal(sent.status, 429, `answer ${i + 1} from address ${a}`);
          assert.match(sent.json.error.message, /already answered through this survey link/);
        }
      }
    }
    const real = await postFeedback(server.url, { token: link.token, rating: 4, press: 'pointer' }, from('198.51.100.1'));
    assert.equal(real.status, 201, 'a real answer from a sixth address goes through');
    // Five addresses spent one unit each of the link's 40, and the sixth its own.
    assert.match(real.headers.get('ratelimit') ?? '', /limit=40, remaining=34\b/);

    // The limit is per address and link: the same address may still answer another survey.
    const { link: other } = await createLink(server.store, 'server', { officialId: 'laura' });
    assert.equal((await postFeedback(server.url, { token: other.token, rating: 4, press: 'pointer' }, from('203.0.113.1'))).status, 201);
  });

  it('still stops a crowd: the link-wide limit counts each address’s first answer', async () => {
    const { createLink } = await import('../../server/src/domain/signature-links.js');
    const { link } = await createLink(server.store, 'server', { officialId: 'laura' });
    for (let i = 0; i < 40; i++) {
      assert.equal((await postFeedback(server.url, { token: link.token, rating: 4, press: 'pointer' }, from(`198.51.100.${100 + i}`))).status, 201);
    }
    const { status, json } = await postFeedback(server.url, { token: link.token, rating: 4, press: 'pointer' }, from('198.51.100.200'));
    assert.equal(status, 429);
    assert.match(json.error.message, /Too many answers through this survey link/);
  });
});
