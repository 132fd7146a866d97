import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Publication integrity: an approved item's public text changes only through staff. */
describe('publication integrity', () => {
  let server: TestServer;
  let aino: string;
  let kari: string;
  let tiina: string;
  before(async () => {
    server = await startTestServer();
    aino = await signInAs(server, 'aino');
    kari = await signInAs(server, 'kari');
    tiina = await signInAs(server, 'tiina');
  });
  after(() => server.close());

  /** A public item from the widget, with the edit key its browser got back. */
  async function submit(extra: object = {}): Promise<{ id: string; editKey: string }> {
    const { status, json } = await postFeedback(server.url, {
      topic: 'business',
      rating: 4,
      comment: 'Hyvä neuvonta, kiitos Mari Koskinen',
      public: true,
      contact: { name: 'Mari Koskinen', email: 'mari@example.com' },
      ...extra,
    });
    assert.equal(status, 201);
    return json;
  }

  const giverEdit = async (id: string, body: object) =>
    (
      await fetch(`${server.url}/api/feedback/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status;

  const onPublicPage = async (id: string) => {
    const response = await fetch(`${server.url}/api/public/feedback`);
    return ((await response.json()) as { items: any[] }).items.find((f) => f.id === id);
  };
  const staffView = async (id: string) => (await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).json;
  const inQueue = async (id: string) =>
    (await asStaff(server, aino, 'GET', '/api/me/feedback?public=true&published=false&pageSize=100')).json.items.some((f: any) => f.id === id);
  const approve = async (id: string, body: object = {}) => {
    const { status, json } = await asStaff(server, aino, 'PUT', `/api/feedback/${id}/publication`, body);
    assert.equal(status, 200, JSON.stringify(json));
    return json;
  };
  /** The audit log's newest entries, newest first. */
  const recentAudit = async (n: number) => (await asStaff(server, tiina, 'GET', `/api/admin/audit?pageSize=${n}`)).json.items;
  const lastAudit = async () => (await recentAudit(1))[0];

  for (const [what, change] of [
    ['changes the comment', { comment: 'Nyt aivan eri teksti' }],
    ['changes the rating', { rating: 1 }],
    // The public page showed the redacted comment: it would not have changed, but the text it was made of did.
    ['clears the comment', { comment: '' }],
  ] as const) {
    it(`an approved item whose giver ${what} leaves the public page and is back in the queue`, async () => {
      const { id, editKey } = await submit();
      await approve(id, { comment: 'Hyvä neuvonta, kiitos' });
      const before = await onPublicPage(id);
      assert.ok(before, 'published');

      assert.equal(await giverEdit(id, { editKey, ...change }), 204);
      assert.equal(await onPublicPage(id), undefined, 'the public page shows only what staff approved');
      const item = await staffView(id);
      assert.equal(item.published, false);
      assert.ok(await inQueue(id), 'back in the publication queue');
      const audit = await lastAudit();
      assert.deepEqual([audit.action, audit.actorId, audit.feedbackId, audit.detail], ['unpublish', null, id, 'giver-edit']);

      // A new approval publishes the item as it is now.
      await approve(id);
      const after = await onPublicPage(id);
      assert.deepEqual([after.comment, after.rating], [item.originalComment, item.rating]);
    });
  }

  it('a giver’s change no public reader sees (contact details) leaves the item published', async () => {
    const { id, editKey } = await submit();
    await approve(id);
    assert.equal(await giverEdit(id, { editKey, contact: { email: 'mari.k@example.com' }, wantsReply: true, locale: 'en' }), 204);
    assert.ok(await onPublicPage(id));
    assert.equal((await staffView(id)).published, true);
  });

  it('switching public off withdraws publication, and on again needs a new approval', async () => {
    const { id, editKey } = await submit();
    await approve(id);
    assert.ok(await onPublicPage(id));

    assert.equal(await giverEdit(id, { editKey, public: false }), 204);
    assert.equal(await onPublicPage(id), undefined);
    assert.equal(await giverEdit(id, { editKey, public: true }), 204);
    assert.equal(await onPublicPage(id), undefined, 'not without a new approval');
    assert.equal((await staffView(id)).published, false);
    assert.ok(await inQueue(id));

    await approve(id);
    assert.ok(await onPublicPage(id));
  });

  it('a redacted reply is what the public page and the decision-makers see; the original stays for staff', async () => {
    const { id } = await submit();
    const reply = 'Kiitos Mari Koskinen, välitimme asian eteenpäin.';
    assert.equal((await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply })).status, 200);
    const approved = await approve(id, { comment: 'Hyvä neuvonta, kiitos', reply: 'Kiitos, välitimme asian eteenpäin.' });
    assert.deepEqual([approved.reply.text, approved.publishedReply], [reply, 'Kiitos, välitimme asian eteenpäin.']);

    const published = await onPublicPage(id);
    assert.deepEqual([published.comment, published.reply.text], ['Hyvä neuvonta, kiitos', 'Kiitos, välitimme asian eteenpäin.']);
    assert.doesNotMatch(JSON.stringify(published), /Koskinen/);

    const council = await asStaff(server, kari, 'GET', '/api/council/feedback?pageSize=100');
    const seen = council.json.items.find((f: any) => f.id === id);
    assert.deepEqual([seen.comment, seen.reply.text], ['Hyvä neuvonta, kiitos', 'Kiitos, välitimme asian eteenpäin.']);
    assert.doesNotMatch(JSON.stringify(seen), /Koskinen/);

    const staff = await staffView(id);
    assert.deepEqual(
      [staff.originalComment, staff.reply.text, staff.comment, staff.publishedReply],
      ['Hyvä neuvonta, kiitos Mari Koskinen', reply, 'Hyvä neuvonta, kiitos', 'Kiitos, välitimme asian eteenpäin.'],
    );
    const audit = await lastAudit();
    assert.deepEqual([audit.action, audit.feedbackId, audit.detail], ['publish', id, 'redacted: comment, reply']);
    // The person's access copy holds both texts, as it holds the published comment.
    const access = await asStaff(server, tiina, 'GET', '/api/admin/personal-data?email=mari@example.com');
    const copy = access.json.items.find((f: any) => f.id === id);
    assert.deepEqual([copy.reply.text, copy.publishedComment, copy.publishedReply], [reply, 'Hyvä neuvonta, kiitos', 'Kiitos, välitimme asian eteenpäin.']);
  });

  it('refuses a redacted reply where there is no reply, or an empty one', async () => {
    const { id } = await submit();
    const none = await asStaff(server, aino, 'PUT', `/api/feedback/${id}/publication`, { reply: 'Kiitos' });
    assert.deepEqual([none.status, none.json.error.code], [409, 'no_reply']);
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos Mari' });
    const empty = await asStaff(server, aino, 'PUT', `/api/feedback/${id}/publication`, { reply: '  ' });
    assert.deepEqual([empty.status, empty.json.error.code, Object.keys(empty.json.error.fields)], [400, 'invalid_publication', ['reply']]);
    assert.equal(await onPublicPage(id), undefined);
  });

  it('a reply changed after a redacted approval withdraws it: no stale redaction hides the new reply, and the new one is not shown unreviewed', async () => {
    const { id } = await submit();
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos Mari Koskinen.' });
    await approve(id, { reply: 'Kiitos.' });
    assert.equal((await onPublicPage(id)).reply.text, 'Kiitos.');

    // The same text again keeps the redaction that was made of it.
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos Mari Koskinen.' });
    assert.equal((await onPublicPage(id)).reply.text, 'Kiitos.');

    const changed = await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos Mari Koskinen, asia on nyt korjattu.' });
    assert.deepEqual([changed.status, changed.json.published, changed.json.publishedReply], [200, false, null]);
    assert.equal(await onPublicPage(id), undefined);
    assert.ok(await inQueue(id));
    assert.deepEqual(
      (await recentAudit(2)).map((e: any) => [e.action, e.actorId, e.feedbackId, e.detail]),
      [
        ['reply', 'aino', id, null],
        ['unpublish', 'aino', id, 'reply-changed'],
      ],
    );

    await approve(id, { reply: 'Asia on nyt korjattu.' });
    assert.equal((await onPublicPage(id)).reply.text, 'Asia on nyt korjattu.');
  });

  it('a reply given or changed after an approval that left the reply as written waits for approval too', async () => {
    const { id } = await submit();
    await approve(id);
    assert.equal((await onPublicPage(id)).reply, null);
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos palautteesta.' });
    assert.equal(await onPublicPage(id), undefined);
    await approve(id);
    assert.equal((await onPublicPage(id)).reply.text, 'Kiitos palautteesta.');
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos palautteesta, asia on hoidettu.' });
    assert.equal(await onPublicPage(id), undefined);
  });

  it('withdrawing an approval drops its redactions: the next approval starts from the texts as they are', async () => {
    const { id } = await submit();
    await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: 'Kiitos Mari.' });
    await approve(id, { comment: 'Hyvä neuvonta', reply: 'Kiitos.' });
    const withdrawn = await asStaff(server, aino, 'DELETE', `/api/feedback/${id}/publication`);
    assert.deepEqual([withdrawn.json.published, withdrawn.json.publishedReply, withdrawn.json.comment], [false, null, 'Hyvä neuvonta, kiitos Mari Koskinen']);
  });
});
