import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../server/src/paths.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';
import { printedUrls } from '../helpers/server-output.js';

const BIN = path.join(PACKAGE_ROOT, 'bin/suora.js');

describe('two server processes on one PostgreSQL database', () => {
  let database: ThrowawayPostgres;
  const servers: ChildProcess[] = [];
  let a: string;
  let b: string;

  const env = () => ({ ...process.env, DATABASE_URL: database.url, SUORA_RATE_LIMIT: 'off' });
  const suora = async (...args: string[]) => (await promisify(execFile)(process.execPath, [BIN, ...args], { env: env() })).stdout;

  async function startServer(): Promise<string> {
    const server = spawn(process.execPath, [BIN, 'start', '--json'], { env: { ...env(), PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    servers.push(server);
    return (await printedUrls(server.stdout!)).server;
  }

  before(async () => {
    database = await startPostgres();
    // The command line works beside running servers: PostgreSQL has no single-writer lock.
    await suora('area', 'add', '--id', 'vitality', '--fi', 'Elinvoima', '--sv', 'Livskraft', '--en', 'Vitality');
    await suora('official', 'add', '--id', 'aino', '--name', 'Aino Virtanen', '--email', 'aino@example.fi', '--area', 'vitality');
    await suora('topic', 'add', '--id', 'business', '--area', 'vitality', '--official', 'aino', '--fi', 'Yritykset', '--sv', 'Företag', '--en', 'Businesses');
    [a, b] = await Promise.all([startServer(), startServer()]);
  });

  after(async () => {
    for (const server of servers) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    await database.stop();
  });

  it('what is sent to one server is seen through the other, with one shared session', async () => {
    const sent = await fetch(`${a}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ topic: 'business', rating: 5, comment: 'Sent to server A' }),
    });
    assert.equal(sent.status, 201);
    const { id } = (await sent.json()) as { id: string };

    const { url } = JSON.parse(await suora('login-link', '--official', 'aino', '--json')) as { url: string };
    const key = url.split('/login/')[1]!;
    const signIn = await fetch(`${b}/login/${key}`, { method: 'POST', headers: { Origin: b }, redirect: 'manual' });
    assert.equal(signIn.status, 303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const inbox = (await (await fetch(`${b}/api/me/feedback`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } })).json()) as { items: { id: string; comment: string }[] };
    assert.deepEqual(inbox.items.map((f) => f.id), [id]);
    assert.equal(inbox.items[0]!.comment, 'Sent to server A');

    const me = await fetch(`${a}/api/me`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(me.status, 200, 'the session made on B works on A');
    const again = await fetch(`${a}/login/${key}`, { method: 'POST', headers: { Origin: a }, redirect: 'manual' });
    assert.equal(again.status, 410, 'a login key used on B is used up on A too');
  });

  it('a change to the directory made elsewhere is seen by both servers at once', async () => {
    // Both servers have read (and keep) the directory; the command line then changes it.
    for (const server of [a, b]) assert.equal((await fetch(`${server}/api/topics`)).status, 200);
    const token = /\/s\/([A-Za-z0-9_-]{21})/.exec(await suora('link', 'create', '--official', 'aino'))![1]!;
    await suora('topic', 'add', '--id', 'permits', '--area', 'vitality', '--official', 'aino', '--fi', 'Luvat', '--sv', 'Tillstånd', '--en', 'Permits');
    for (const server of [a, b]) {
      const topics = (await (await fetch(`${server}/api/topics?locale=en`)).json()) as { topics: { id: string }[] };
      assert.ok(topics.topics.some((t) => t.id === 'permits'), `${server} lists the new topic`);
      assert.equal((await fetch(`${server}/api/links/${token}`)).status, 200, `${server} knows the new link`);
    }
    await suora('link', 'revoke', token);
    for (const server of [a, b]) assert.equal((await fetch(`${server}/api/links/${token}`)).status, 410, `${server} knows the link is revoked`);
  });

  it('keeps every concurrent submission from both servers', async () => {
    const posts = Array.from({ length: 40 }, (_, i) =>
      fetch(`${i % 2 ? a : b}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ topic: 'business', rating: (i % 5) + 1 }),
      }),
    );
    const answers = await Promise.all(posts);
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [201]);
    const exported = JSON.parse(await suora('export', '--json')) as unknown[];
    assert.equal(exported.length, 41);
  });
});
