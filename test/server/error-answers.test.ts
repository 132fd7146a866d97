import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('refusals that fit the route they answer', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('a 404 under /api names the whole path asked for, also where a router is mounted', async () => {
    for (const [method, pathAsked] of [
      ['GET', '/api/sms-surveys'],
      ['GET', '/api/nothing/here'],
      ['DELETE', '/api/topics'],
    ] as const) {
      const response = await fetch(`${server.url}${pathAsked}?x=1`, { method });
      assert.equal(response.status, 404, pathAsked);
      assert.equal(((await response.json()) as any).error.message, `There is no ${method} ${pathAsked} here.`);
    }
  });

  it('any unknown path under /open311 answers 404 in Open311’s error shape, JSON or XML by its extension', async () => {
    for (const pathAsked of ['/open311/discovery.json', '/open311/v2/discovery.json', '/open311/services.json', '/open311']) {
      const response = await fetch(`${server.url}${pathAsked}`);
      assert.equal(response.status, 404, pathAsked);
      if (pathAsked.endsWith('.json')) {
        assert.deepEqual(await response.json(), [{ code: 404, description: `There is no GET ${pathAsked} here.` }], pathAsked);
      } else {
        assert.match(response.headers.get('content-type')!, /^text\/xml/, pathAsked);
        assert.match(await response.text(), /<errors><error><code>404<\/code><description>There is no GET \/open311 here\.<\/description><\/error><\/errors>/);
      }
    }
    const xml = await fetch(`${server.url}/open311/discovery.xml`);
    assert.equal(xml.status, 404);
    assert.match(await xml.text(), /<errors>/);
  });

  it('a 413 says only what the route’s limit is: a comment’s length on feedback, nothing of comments elsewhere', async () => {
    const feedback = await postFeedback(server.url, { topic: 'streets', comment: 'ä'.repeat(40_000) });
    assert.equal(feedback.status, 413);
    assert.equal(feedback.json.error.message, 'The request is too large. A comment can be at most 4000 characters.');

    const cookie = await signInAs(server, 'aino');
    const settings = await asStaff(server, cookie, 'PATCH', '/api/me/settings', { x: 'y'.repeat(100_000) });
    assert.equal(settings.status, 413);
    assert.equal(settings.json.error.message, 'The request is too large.');
  });
});
