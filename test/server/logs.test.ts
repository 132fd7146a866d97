import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { logSafe } from '../../server/src/observability/log-safe.js';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { capturedLog } from '../helpers/captured-log.js';
import { printedUrls } from '../helpers/server-output.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

const COMMENT = 'Katulamppu Vesijärvenkadulla ei pala';
const CONTACT = { name: 'Maija Meikäläinen', email: 'maija.meikalainen@example.com', phone: '+358 40 765 4321' };

describe('the log: one JSON line per request, no personal data', () => {
  const captured = capturedLog();
  let server: TestServer;
  before(async () => (server = await startTestServer({ log: captured.log })));
  after(() => server.close());

  it('says what each request was by its route pattern, and holds no text, contact detail, token or address', async () => {
    const sent = await postFeedback(server.url, { topic: 'business', rating: 2, comment: COMMENT, contact: CONTACT, wantsReply: true }, { 'X-Forwarded-For': '203.0.113.7' });
    assert.equal(sent.status, 201);
    const cookie = await signInAs(server, 'aino');
    const search = await asStaff(server, cookie, 'GET', `/api/me/feedback?q=${encodeURIComponent('Vesijärvenkadulla')}`);
    assert.equal(search.status, 200);
    for (const email of ['aino@example.fi', 'tuntematon.henkilo@example.org']) {
      const asked = await fetch(`${server.url}/api/login-links`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ email }) });
      assert.equal(asked.status, 202);
    }
    await fetch(`${server.url}/s/survey-token-abc123`);
    await fetch(`${server.url}/api/links/survey-token-abc123`);
    const status = await fetch(`${server.url}/f/status-key-xyz789?lang=fi`);
    const edited = await fetch(`${server.url}/api/feedback/${sent.json.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ editKey: sent.json.editKey, comment: `${COMMENT} vieläkään` }),
    });
    assert.equal(edited.status, 204);

    // A failure on our side (the store cannot write) is logged with its stack, and still without the comment.
    const segments = path.join(server.dataDir, 'feedback');
    await rename(segments, `${segments}.away`);
    await writeFile(segments, 'in the way');
    const refused = await postFeedback(server.url, { topic: 'business', rating: 1, comment: COMMENT, contact: CONTACT });
    await rm(segments);
    await rename(`${segments}.away`, segments);
    assert.equal(refused.status, 503);
    await server.notifier.flush();

    const lines = captured.lines();
    const requests = lines.filter((l) => l.msg === 'request');
    for (const line of requests) {
      assert.deepEqual(Object.keys(line).sort(), ['hostname', 'level', 'method', 'ms', 'msg', 'pid', 'requestId', 'route', 'status', 'time'].sort());
      assert.match(line.requestId, /^[0-9a-f-]{36}$/);
      assert.equal(typeof line.ms, 'number');
    }
    const routes = requests.map((l) => `${l.method} ${l.route} ${l.status}`);
    for (const expected of [
      'POST /api/feedback 201',
      'GET /api/me/feedback 200',
      'POST /api/login-links 202',
      'GET /s/*path 404',
      'GET /api/links/:token 404',
      'GET /f/:key 404',
      'PATCH /api/feedback/:id 204',
      'POST /api/feedback 503',
    ]) {
      assert.ok(routes.includes(expected), `${expected} in ${routes.join(', ')}`);
    }
    const statusLine = requests.find((l) => l.route === '/f/:key')!;
    assert.equal(status.headers.get('x-request-id'), statusLine.requestId, 'the answer names its log line');

    const failure = lines.find((l) => l.level === 'error')!;
    assert.equal(failure.msg, 'storage unavailable');
    assert.equal(failure.requestId, requests.find((l) => l.status === 503)!.requestId, 'the error carries its request id');
    assert.match(failure.err.stack, /^StoreUnavailableError: .*cannot be written \(ENOTDIR\)\.\n\s+at /);

    const text = captured.text().toLowerCase();
    const personal = [
      ...COMMENT.split(' ').filter((w) => w.length > 3),
      'vieläkään',
      CONTACT.name,
      'Meikäläinen',
      CONTACT.email,
      '40 765 4321',
      '407654321',
      'aino@example.fi',
      'tuntematon.henkilo',
      'survey-token-abc123',
      'status-key-xyz789',
      sent.json.editKey,
      'lang=fi',
      '127.0.0.1',
      '203.0.113.7',
      server.url.slice('http://'.length),
    ];
    for (const needle of personal) assert.ok(!text.includes(needle.toLowerCase()), `${needle} is not in the log`);
  });
});

describe('what an error may carry into the log', () => {
  it("leaves out the address an SMTP server's refusal quotes", async () => {
    // A real SMTP server that refuses the recipient, quoting the address, as mail servers do.
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo: (address, _session, callback) => callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const captured = capturedLog();
    const outbox = new Outbox(path.join(tmpdir(), 'suora-refused'));
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    const server = await startTestServer({ log: captured.log, mailer: createMailer({ smtpUrl, outbox, from: 'suora@example.fi' }) });
    try {
      assert.equal((await postFeedback(server.url, { topic: 'business', rating: 3, contact: { email: CONTACT.email } })).status, 201);
      let given: Record<string, any> | undefined;
      for (let i = 0; i < 500 && !given; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        given = captured.lines().find((l) => l.kind === 'acknowledgement' && String(l.msg).startsWith('a mail could not be sent'));
      }
      assert.ok(given, 'the failure is logged');
      // The mail queue logs what an admin can act on: the kind, the try, the cause and the server's code.
      assert.equal(given.attempts, 1);
      assert.equal(given.failure, 'rejected');
      assert.equal(given.smtpCode, 550);
      assert.ok(!captured.text().toLowerCase().includes(CONTACT.email), 'the address is not in the log');
    } finally {
      await server.close();
      await new Promise((resolve) => smtp.close(() => resolve(undefined)));
    }
  });

  it('loses quoted values, emails, phone numbers and IP addresses, and keeps the rest', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "maija@example.com" from 10.1.2.3 (::ffff:192.0.2.1), call +358 40 765 4321'), {
      code: '22P02',
      detail: 'Key (email)=(maija@example.com) already exists.',
    });
    const safe = logSafe(error);
    assert.equal(safe.message, 'invalid input syntax for type uuid: [quoted] from [address] ([address]), call [number]');
    assert.equal(safe.code, '22P02');
    assert.equal(safe.type, 'Error');
    assert.ok(!JSON.stringify(safe).includes('maija'), 'neither the message nor a property such as detail');
    assert.match(safe.stack!, /^Error: invalid input syntax for type uuid: \[quoted\].*\n\s+at .*logs\.test\.js:\d+:\d+/);
    assert.equal(logSafe(new Error("Can't read the file 'x y'.")).message, "Can't read the file [quoted].");
  });
});

describe('suora start logs', () => {
  let dataDir: string;
  before(async () => (dataDir = await mkdtemp(path.join(tmpdir(), 'suora-logs-'))));
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('JSON lines on stdout: start-up, each request (probes only at debug level), shutdown', async () => {
    const server = spawn(process.execPath, [BIN, 'start', '--json'], { env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const output: string[] = [];
    const { server: url } = await printedUrls(server.stdout, output);
    assert.equal((await fetch(`${url}/api/topics`)).status, 200);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    assert.equal(await exited, 0);
    const lines = output.map((line) => JSON.parse(line) as Record<string, any>).filter((line) => 'level' in line);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg, l.route]),
      [
        ['info', 'Suora started', undefined],
        ['info', 'request', '/api/topics'],
        ['info', 'Suora stopping: finishing the requests and email under way', undefined],
        ['info', 'Suora stopped', undefined],
      ],
    );
    assert.equal(lines[0]!.store, 'lowdb');
    assert.ok(lines.every((l) => !Number.isNaN(Date.parse(l.time))));
  });
});
