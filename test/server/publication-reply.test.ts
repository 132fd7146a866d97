import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asStaff, postFeedback, signInAs, type TestServer } from '../helpers/test-server.js';

const SIGNED = 'Asia on korjattu. Terveisin Aino Virtanen, p. 040 123 4567';

/** Only texts as approved are public: a reply written after publication waits for its own approval. */
for (const kind of STORES) {
  describe(`a reply after publication is not public until approved (${kind})`, () => {
    let server: TestServer;
    let aino: string;
    let tiina: string;
    before(async () => {
      server = await startTestServerOn(kind);
      [aino, tiina] = (await Promise.all(['aino', 'tiina'].map((id) => signInAs(server, id)))) as [string, string];
    });
    after(() => server.close());

    async function published(): Promise<string> {
      const { status, json } = await postFeedback(server.url, { topic: 'business', rating: 4, comment: 'Hyvä neuvonta', public: true });
      assert.equal(status, 201);
      await approve(json.id);
      return json.id;
    }
    const approve = async (id: string, body: object = {}) => {
      const { status, json } = await asStaff(server, aino, 'PUT', `/api/feedback/${id}/publication`, body);
      assert.equal(status, 200, JSON.stringify(json));
      return json;
    };
    const reply = async (id: string, text: string) => {
      const { status, json } = await asStaff(server, aino, 'PATCH', `/api/feedback/${id}`, { reply: text });
      assert.equal(status, 200, JSON.stringify(json));
      return json;
    };
    /** Every public reader's reply text for the item: undefined where the item is not public at all. */
    async function publicReplies(id: string): Promise<{ feed: unknown; open311: unknown; open311List: unknown }> {
      const feed = ((await (await fetch(`${server.url}/api/public/feedback`)).json()) as { items: any[] }).items.find((f) => f.id === id);
      const one = await fetch(`${server.url}/open311/v2/requests/${id}.json`);
      const list = (await (await fetch(`${server.url}/open311/v2/requests.json`)).json()) as any[];
      const listed = list.find((r) => r.service_request_id === id);
      return {
        feed: feed === undefined ? undefined : (feed.reply?.text ?? null),
        open311: one.status === 404 ? undefined : ((await one.json()) as any[])[0].status_notes,
        open311List: listed === undefined ? undefined : listed.status_notes,
      };
    }
    const everywhere = (value: unknown) => ({ feed: value, open311: value, open311List: value });
    const inQueue = async (id: string) =>
      (await asStaff(server, aino, 'GET', '/api/me/feedback?public=true&published=false&pageSize=100')).json.items.some((f: any) => f.id === id);

    it('a first reply given after publication takes the item off every public reader and back to the queue, audited', async () => {
      const id = await published();
      assert.deepEqual(await publicReplies(id), everywhere(null));

      const answered = await reply(id, SIGNED);
      assert.deepEqual([answered.published, answered.publishedReply], [false, null]);
      assert.deepEqual(await publicReplies(id), everywhere(undefined));
      assert.ok(await inQueue(id));
      const audit = (await asStaff(server, tiina, 'GET', '/api/admin/audit?pageSize=2')).json.items;
      assert.deepEqual(
        audit.map((e: any) => [e.action, e.feedbackId, e.detail]),
        [
          ['reply', id, null],
          ['unpublish', id, 'reply-changed'],
        ],
      );
      const history = (await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).json.history;
      assert.deepEqual(history.at(-1).kind, 'withdrawn');

      await approve(id, { reply: 'Asia on korjattu.' });
      assert.deepEqual(await publicReplies(id), everywhere('Asia on korjattu.'));
    });

    it('a reply approved as written and then edited shows only the approved text until approved again', async () => {
      const id = await published();
      await reply(id, 'Kiitos palautteesta.');
      await approve(id);
      assert.deepEqual(await publicReplies(id), everywhere('Kiitos palautteesta.'));

      // The same text again is the approved one: nothing changes.
      await reply(id, 'Kiitos palautteesta.');
      assert.deepEqual(await publicReplies(id), everywhere('Kiitos palautteesta.'));

      const edited = await reply(id, SIGNED);
      assert.equal(edited.published, false);
      assert.deepEqual(await publicReplies(id), everywhere(undefined));
      await approve(id, { reply: 'Asia on korjattu.' });
      assert.deepEqual(await publicReplies(id), everywhere('Asia on korjattu.'));
      const staff = (await asStaff(server, aino, 'GET', `/api/feedback/${id}`)).json;
      assert.deepEqual([staff.reply.text, staff.publishedReply], [SIGNED, 'Asia on korjattu.']);
    });

    it('the approval keeps the reply as approved: the staff view says null for a reply published as written', async () => {
      const id = await published();
      await reply(id, 'Kiitos palautteesta.');
      const approved = await approve(id);
      assert.equal(approved.publishedReply, null);
      const audit = (await asStaff(server, tiina, 'GET', '/api/admin/audit?pageSize=1')).json.items[0];
      assert.deepEqual([audit.action, audit.detail], ['publish', null]);
    });

    it('unpublishing takes the reply off every public reader; a reply written meanwhile shows only once approved', async () => {
      const id = await published();
      await reply(id, 'Kiitos palautteesta.');
      await approve(id);
      assert.equal((await asStaff(server, aino, 'DELETE', `/api/feedback/${id}/publication`)).status, 200);
      assert.deepEqual(await publicReplies(id), everywhere(undefined));
      await reply(id, SIGNED);
      assert.deepEqual(await publicReplies(id), everywhere(undefined));
      await approve(id, { reply: 'Asia on korjattu.' });
      assert.deepEqual(await publicReplies(id), everywhere('Asia on korjattu.'));
    });
  });
}
