import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashSecret } from '../../server/src/domain/secrets.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('POST /api/feedback', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('stores a submission with its topic’s service area and official, and answers 201 with a reference', async () => {
    const { status, json } = await postFeedback(server.url, {
      topic: 'business',
      rating: 4,
      comment: '  Hyvää palvelua.  ',
      public: true,
      contact: { name: 'Mari', email: 'mari@example.com', organisation: 'Leipomo Oy', businessId: '1572860-0' },
      wantsReply: true,
      pageUrl: 'https://www.lahti.fi/yrityspalvelut/?email=mari@example.com#top',
      locale: 'sv',
    });
    assert.equal(status, 201);
    assert.match(json.id, /^[2-9A-HJKMNP-Z]{10}$/);
    assert.ok(json.editKey.length >= 21);

    const stored = await server.store.getFeedback(json.id);
    assert.ok(stored);
    assert.equal(stored.channel, 'widget');
    assert.equal(stored.topicId, 'business');
    assert.equal(stored.serviceAreaId, 'vitality');
    assert.equal(stored.officialId, 'aino');
    assert.equal(stored.rating, 4);
    assert.equal(stored.comment, 'Hyvää palvelua.');
    assert.equal(stored.public, true);
    assert.equal(stored.published, false, 'public is permission, not publication');
    assert.equal(stored.status, 'new');
    assert.equal(stored.locale, 'sv');
    assert.equal(stored.wantsReply, true);
    assert.deepEqual(stored.contact, {
      name: 'Mari',
      email: 'mari@example.com',
      organisation: 'Leipomo Oy',
      businessId: '1572860-0',
    });
    assert.equal(stored.pageUrl, 'https://www.lahti.fi/yrityspalvelut/', 'query and fragment dropped');
    assert.equal(stored.editKeyHash, hashSecret(json.editKey));
    assert.ok(!JSON.stringify(stored).includes(json.editKey), 'the edit key itself is not stored');
  });

  it('defaults to private, Finnish, no reply wanted', async () => {
    const { status, json } = await postFeedback(server.url, { topic: 'streets', comment: 'Kuoppa Aleksanterinkadulla' });
    assert.equal(status, 201);
    const stored = await server.store.getFeedback(json.id);
    assert.equal(stored?.public, false);
    assert.equal(stored?.locale, 'fi');
    assert.equal(stored?.wantsReply, false);
    assert.equal(stored?.rating, null);
    assert.equal(stored?.contact, null);
  });

  it('stores the item’s own fields and nothing else; empty texts and a contact without details are none, sent or edited', async () => {
    const { status, json } = await postFeedback(server.url, {
      topic: 'streets',
      rating: 3,
      comment: '   ',
      contact: { name: ' ', email: '' },
      website: '',
      fillMs: 5000,
    });
    assert.equal(status, 201);
    const stored = await server.store.getFeedback(json.id);
    assert.equal(stored?.comment, null);
    assert.equal(stored?.contact, null);
    assert.deepEqual(
      Object.keys(stored!).sort(),
      ['channel', 'comment', 'contact', 'createdAt', 'dueAt', 'editKeyHash', 'editableUntil', 'id', 'linkId', 'locale', 'officialId', 'pageUrl',
        'public', 'published', 'rating', 'ref', 'reply', 'serviceAreaId', 'status', 'topicId', 'wantsReply'],
      'where it belongs is decided, not copied; the checks against bots are not kept',
    );

    const edit = async (body: object) =>
      (
        await fetch(`${server.url}/api/feedback/${json.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ editKey: json.editKey, ...body }),
        })
      ).status;
    assert.equal(await edit({ comment: ' Kuoppa ', contact: { name: 'Mari ', phone: '' } }), 204);
    assert.deepEqual([(await server.store.getFeedback(json.id))?.comment, (await server.store.getFeedback(json.id))?.contact], ['Kuoppa', { name: 'Mari' }]);
    assert.equal(await edit({ comment: '', contact: { name: '' } }), 204);
    const cleared = await server.store.getFeedback(json.id);
    assert.deepEqual([cleared?.comment, cleared?.contact, cleared?.rating], [null, null, 3]);
    assert.deepEqual(Object.keys(cleared!).sort(), Object.keys(stored!).sort(), 'an edit adds no field');
  });

  it('accepts a rating alone', async () => {
    const { status } = await postFeedback(server.url, { topic: 'streets', rating: 1 });
    assert.equal(status, 201);
  });

  it('stores no IP address', async () => {
    await postFeedback(server.url, { topic: 'streets', rating: 2 }, { 'X-Forwarded-For': '203.0.113.77' });
    const { readdir, readFile } = await import('node:fs/promises');
    const files = [...(await readdir(server.dataDir)).filter((n) => n.endsWith('.json')), ...(await readdir(`${server.dataDir}/feedback`)).map((n) => `feedback/${n}`)];
    for (const name of files) {
      // Mail waiting in the queue links to the server's own address (http://127.0.0.1:PORT/dashboard): not a giver's.
      const text = (await readFile(`${server.dataDir}/${name}`, 'utf8')).replaceAll(server.url, '');
      assert.doesNotMatch(text, /127\.0\.0\.1|::1|203\.0\.113\.77/, name);
    }
  });

  it('survives a restart: what was acknowledged is on disk', async () => {
    const { json } = await postFeedback(server.url, { topic: 'streets', rating: 3 });
    // A second store opened on the same files, as a restarted server would open them.
    const { LowdbStore } = await import('../../server/src/store/lowdb/lowdb-store.js');
    const reopened = await LowdbStore.open(server.dataDir, { readOnly: true });
    assert.equal((await reopened.getFeedback(json.id))?.rating, 3);
  });
});

describe('attribution', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  async function attributed(body: object) {
    const { status, json } = await postFeedback(server.url, { rating: 5, ...body });
    assert.equal(status, 201, JSON.stringify(json));
    const stored = (await server.store.getFeedback(json.id))!;
    return { topicId: stored.topicId, serviceAreaId: stored.serviceAreaId, officialId: stored.officialId };
  }

  it('a topic decides the area and official; a spoofed official or area is ignored', async () => {
    assert.deepEqual(await attributed({ topic: 'business', official: 'laura', serviceArea: 'urban' }), {
      topicId: 'business',
      serviceAreaId: 'vitality',
      officialId: 'aino',
    });
  });

  it('a preset service area without a topic goes to the area’s contact official', async () => {
    assert.deepEqual(await attributed({ serviceArea: 'urban' }), {
      topicId: null,
      serviceAreaId: 'urban',
      officialId: 'laura',
    });
  });

  it('a preset official without a topic gets it, in their own area', async () => {
    assert.deepEqual(await attributed({ official: 'jussi' }), {
      topicId: null,
      serviceAreaId: 'vitality',
      officialId: 'jussi',
    });
  });

  it('refuses an official outside the preset area, an area without a contact, and no topic at all', async () => {
    const outside = await postFeedback(server.url, { rating: 5, official: 'laura', serviceArea: 'vitality' });
    assert.equal(outside.status, 400);
    assert.equal(outside.json.error.code, 'unknown_official');

    const noContact = await postFeedback(server.url, { rating: 5, serviceArea: 'vitality' });
    assert.equal(noContact.status, 400);
    assert.equal(noContact.json.error.code, 'topic_required');

    const nothing = await postFeedback(server.url, { rating: 5 });
    assert.equal(nothing.status, 400);
    assert.equal(nothing.json.error.code, 'topic_required');
    assert.ok(nothing.json.error.fields.topic);
  });

  it('refuses unknown topics, areas, officials and survey links', async () => {
    for (const [body, code, expectedStatus] of [
      [{ topic: 'nope' }, 'unknown_topic', 400],
      [{ serviceArea: 'nope' }, 'unknown_service_area', 400],
      [{ official: 'nope' }, 'unknown_official', 400],
      [{ token: 'V1StGXR8_Z5jdHi6B-myT' }, 'unknown_link', 404],
    ] as const) {
      const { status, json } = await postFeedback(server.url, { rating: 5, ...body });
      assert.equal(status, expectedStatus, JSON.stringify(body));
      assert.equal(json.error.code, code);
      assert.equal(typeof json.error.message, 'string');
    }
  });
});
