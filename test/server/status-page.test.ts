import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Outbox } from '../../server/src/mail/outbox.js';
import { until } from '../helpers/smtp-peer.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('the status page link dies with its data', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function statusKeyFor(email: string): Promise<string> {
    const outbox = new Outbox(path.join(server.dataDir, 'outbox'));
    let messages: Awaited<ReturnType<Outbox['messages']>> = [];
    const found = await until(() => {
      void outbox.messages().then((m) => (messages = m));
      return messages.find((m) => m.to.includes(email));
    }, `the acknowledgement to ${email}`);
    return /\/f\/([A-Za-z0-9_-]{21})/.exec(found.text)![1]!;
  }

  it('answers 404 once the retention purge has removed the item’s personal data, and takes the acknowledgement out of the outbox', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 3, contact: { email: 'old@example.com' } });
    const key = await statusKeyFor('old@example.com');
    assert.equal((await fetch(`${server.url}/api/status/${key}`)).status, 200);
    // A year later, with a retention of 30 days.
    const purged = await server.personalData.purge(30, { now: new Date(Date.now() + 365 * 86_400_000) });
    assert.ok(purged >= 1);
    assert.equal((await server.store.getFeedback(json.id))?.statusKeyHash, null);
    assert.equal((await fetch(`${server.url}/api/status/${key}`)).status, 404);
    const page = await fetch(`${server.url}/f/${key}`, { headers: { 'Accept-Language': 'sv-FI,sv;q=0.9' } });
    assert.equal(page.status, 404);
    assert.match(await page.text(), /<html lang="sv">[\s\S]*Responsen hittades inte/);
    const outbox = await new Outbox(path.join(server.dataDir, 'outbox')).messages();
    assert.ok(!outbox.some((m) => m.to.includes('old@example.com')));
  });

  it('answers 404 in the browser’s language to a key that is malformed or unknown', async () => {
    for (const key of ['short', 'x'.repeat(21), '../../etc/passwd']) {
      const page = await fetch(`${server.url}/f/${encodeURIComponent(key)}`, { headers: { 'Accept-Language': 'en' } });
      assert.equal(page.status, 404, key);
      assert.match(await page.text(), /Feedback not found/);
    }
  });
});
