import assert from 'node:assert/strict';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { register } from 'prom-client';
import { readConfig } from '../../server/src/config.js';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
const FEEDBACK = { topic: 'business', rating: 4, comment: 'Metrics please' };

async function metricsOf(server: TestServer, authorization = `Bearer ${TOKEN}`): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: authorization } });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The value of one sample, e.g. `suora_submissions_total{channel="widget"}`; undefined when absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('health and readiness', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('answers /healthz while the process serves', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('is ready while the data directory can be written, and says why not when it cannot', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });

    const segments = path.join(server.dataDir, 'feedback');
    await rename(segments, `${segments}.away`);
    await writeFile(segments, 'in the way'); // writes under feedback/ now fail, even as root
    try {
      const unready = await fetch(`${server.url}/readyz`);
      assert.equal(unready.status, 503);
      const body = (await unready.json()) as { status: string; reason: string };
      assert.equal(body.status, 'unavailable');
      assert.equal(body.reason, "The data directory's feedback folder is not a folder (ENOTDIR).");
      assert.ok(!body.reason.includes(server.dataDir), 'the reason names no path on the server');
    } finally {
      await rm(segments);
      await rename(`${segments}.away`, segments);
    }
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'ready again');
  });
});

describe('readiness on PostgreSQL', () => {
  let database: ThrowawayPostgres;
  let server: TestServer;
  before(async () => {
    database = await startPostgres();
    server = await startTestServer({ databaseUrl: database.url });
  });
  after(async () => {
    await server.close();
    await database.stop();
  });

  it('is ready while the database answers, 503 with the reason while it is stopped, and ready again', async () => {
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    await database.pause();
    try {
      const unready = await fetch(`${server.url}/readyz`);
      assert.equal(unready.status, 503);
      assert.match(((await unready.json()) as { reason: string }).reason, /^PostgreSQL is unavailable \(ECONNREFUSED\)/);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the process still serves');
    } finally {
      await database.resume();
    }
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  });
});

describe('metrics', () => {
  let server: TestServer;
  let other: TestServer;
  before(async () => {
    // A digest waits a minute here: it is the mail queue while the test looks.
    server = await startTestServer({ metricsToken: TOKEN, digestDelayMs: 60_000 });
    other = await startTestServer({ metricsToken: TOKEN });
  });
  after(async () => {
    await server.close();
    await other.close();
  });

  it('are not served without SUORA_METRICS_TOKEN', async () => {
    const plain = await startTestServer();
    try {
      assert.equal((await metricsOf(plain)).status, 404);
    } finally {
      await plain.close();
    }
  });

  it('need the bearer token', async () => {
    for (const authorization of ['', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const refused = await metricsOf(server, authorization);
      assert.equal(refused.status, 401, authorization);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer realm="metrics"');
      assert.equal(JSON.parse(refused.text).error.code, 'unauthorized');
    }
  });

  it('count requests by route pattern and status, submissions by channel, store commits and mail', async () => {
    const sent = await postFeedback(server.url, { ...FEEDBACK, contact: { email: 'metrics@example.com' } });
    assert.equal(sent.status, 201);
    assert.equal((await postFeedback(server.url, { topic: 'no-such-topic', rating: 4 })).status, 400);
    await fetch(`${server.url}/api/links/secret-link-token-123`);
    await fetch(`${server.url}/f/secret-status-key-456`);
    await fetch(`${server.url}/no/such/page?q=search-words`);
    await server.notifier.flush(); // the acknowledgement is sent; the digest…
    const { status, text, headers } = await metricsOf(server);
    assert.equal(status, 200);
    assert.match(headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);

    assert.equal(sample(text, 'suora_http_requests_total{method="POST",route="/api/feedback",status="201"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="POST",route="/api/feedback",status="400"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="/api/links/:token",status="404"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="/f/:key",status="404"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="(other)",status="404"}'), 1);
    assert.equal(sample(text, 'suora_http_request_duration_seconds_count{method="POST",route="/api/feedback"}'), 2);
    for (const secret of ['secret-link-token-123', 'secret-status-key-456', 'search-words', sent.json.id, 'metrics@example.com']) {
      assert.ok(!text.includes(secret), `${secret} is not in the metrics`);
    }
    assert.equal(sample(text, 'suora_submissions_total{channel="widget"}'), 1);
    assert.equal(sample(text, 'suora_store_commit_seconds_count{operation="addFeedback"}'), 1);
    assert.ok(sample(text, 'suora_store_commit_seconds_sum{operation="addFeedback"}')! > 0);
    assert.equal(sample(text, 'suora_mail_sent_total'), 2, 'the acknowledgement and the digest (flushed)');
    assert.equal(sample(text, 'suora_mail_failures_total'), 0);
    assert.ok(sample(text, 'process_resident_memory_bytes')! > 0, "the process's own metrics");

    const otherText = (await metricsOf(other)).text;
    assert.equal(sample(otherText, 'suora_submissions_total{channel="widget"}'), undefined, 'each server counts its own');
    assert.equal(sample(otherText, 'suora_http_requests_total{method="POST",route="/api/feedback",status="201"}'), undefined);
    assert.equal((await register.getMetricsAsJSON()).length, 0, "prom-client's global registry is not used");
  });

  it('label an error by the pattern of the route it came from, also in a router mounted with a path', async () => {
    assert.equal((await fetch(`${other.url}/open311/v2/requests.json`)).status, 200);
    assert.equal((await fetch(`${other.url}/open311/v2/requests/NOPE.json`)).status, 404);
    assert.equal((await fetch(`${other.url}/open311/v2/requests.json?page=0`)).status, 400);
    assert.equal((await fetch(`${other.url}/chunks/nope.js`)).status, 404);
    const { text } = await metricsOf(other);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="/open311/v2/requests.:format",status="200"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="/open311/v2/requests/:id.:format",status="404"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="/open311/v2/requests.:format",status="400"}'), 1);
    assert.equal(sample(text, 'suora_http_requests_total{method="GET",route="/chunks/:file",status="404"}'), 1);
    assert.doesNotMatch(text, /route="undefined|route="\/open311\/v2\/open311/);
  });

  it('show the mail waiting to be sent, and the failures', async () => {
    assert.equal((await postFeedback(server.url, FEEDBACK)).status, 201);
    assert.equal(sample((await metricsOf(server)).text, 'suora_mail_queue_length'), 1, "the official's digest waits");
    await server.notifier.flush();
    assert.equal(sample((await metricsOf(server)).text, 'suora_mail_queue_length'), 0);

    // An SMTP server that is not there: the acknowledgement fails, is tried twice more, and is given up.
    const outbox = new Outbox(path.join(tmpdir(), 'suora-unsent'));
    const failing = await startTestServer({ metricsToken: TOKEN, mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:1', outbox, from: 'suora@example.fi' }) });
    try {
      assert.equal((await postFeedback(failing.url, { ...FEEDBACK, contact: { email: 'unsent@example.com' } })).status, 201);
      let failures: number | undefined;
      for (let i = 0; i < 200 && failures !== 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        failures = sample((await metricsOf(failing)).text, 'suora_mail_failures_total');
      }
      assert.equal(failures, 3);
    } finally {
      await failing.close();
    }
  });
});

describe('settings for operations', () => {
  it('check SUORA_LOG_LEVEL and SUORA_METRICS_TOKEN', () => {
    assert.equal(readConfig({}).logLevel, 'info');
    assert.equal(readConfig({ SUORA_LOG_LEVEL: 'WARN' }).logLevel, 'warn');
    assert.equal(readConfig({}).metricsToken, undefined);
    assert.throws(() => readConfig({ SUORA_LOG_LEVEL: 'loud' }), /^Error: SUORA_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, not "loud"\.$/);
    assert.throws(() => readConfig({ SUORA_METRICS_TOKEN: 'short' }), (error: Error) => {
      assert.match(error.message, /^SUORA_METRICS_TOKEN must be at least 24 characters/);
      assert.ok(!error.message.includes('short'), 'the token is not repeated');
      return true;
    });
  });
});
