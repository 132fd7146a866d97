import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newFeedbackRecord } from '../../server/src/domain/feedback-record.js';
import { statsOfFacts, type FeedbackStats } from '../../server/src/domain/stats.js';
import type { Feedback } from '../../server/src/domain/model.js';
import { factsOf, holdsPersonalData } from '../../server/src/domain/feedback-facts.js';
import type { Store } from '../../server/src/domain/store-port.js';
import { handlingContract } from './handling-contract.js';
import { mailQueueContract } from './mail-queue-contract.js';
import { smsQueueContract } from './sms-queue-contract.js';
import { assertSameStats } from './aggregates-contract.js';

export interface StoreUnderTest {
  /** Opens the store on the same data every time: the second open is a restart. */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

let sequence = 0;

/** An item as a submission makes it (`newFeedbackRecord`), with a predictable id and time. */
export function feedbackItem(overrides: Partial<Feedback> = {}): Feedback {
  sequence++;
  const createdAt = new Date(Date.UTC(2026, 10, 1, 8, 0, sequence));
  return newFeedbackRecord(
    {
      id: `ITEM${String(sequence).padStart(6, '0')}`,
      channel: 'widget',
      topicId: 'business',
      serviceAreaId: 'vitality',
      officialId: 'aino',
      linkId: null,
      rating: 4,
      comment: 'Hyvä palvelu',
      // What a database hands back for every item, set or not.
      publishedComment: null,
      publishedReply: null,
      publishedAt: null,
      purgedAt: null,
      dueAt: null,
      statusKeyHash: null,
      routedVia: null,
      ...overrides,
    },
    createdAt,
  ).feedback;
}

/** One suite, every adapter: what the rest of Suora may rely on from any store. */
export function describeStoreContract(name: string, setup: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    before(async () => {
      subject = await setup();
      store = await subject.open();
    });
    after(async () => {
      await store.close();
      await subject.cleanup();
    });

    it('saves, replaces and lists the directory', async () => {
      await store.saveServiceArea({ id: 'vitality', name: { fi: 'Elinvoima', sv: 'Livskraft', en: 'Vitality' }, retired: false });
      await store.saveOfficial({ id: 'aino', name: 'Aino', title: '', email: 'aino@example.fi', serviceAreaId: 'vitality', role: 'official', active: true, locale: 'fi' });
      await store.saveOfficial({ id: 'jussi', name: 'Jussi', title: 'Päällikkö', email: 'j@example.fi', serviceAreaId: 'vitality', role: 'admin', active: true, locale: 'sv' });
      await store.saveOfficial({ id: 'leaver', name: 'Left', title: '', email: 'left@example.fi', serviceAreaId: 'vitality', role: 'official', active: false, locale: 'en' });
      await store.saveServiceArea({ id: 'vitality', name: { fi: 'Elinvoima', sv: 'Livskraft', en: 'Vitality' }, officialId: 'aino', retired: true });
      await store.saveTopic({
        id: 'business',
        name: { fi: 'Yritykset', sv: 'Företag', en: 'Businesses' },
        serviceAreaId: 'vitality',
        officialId: 'aino',
        forBusinesses: true,
        retired: false,
        targetDays: 7,
      });
      assert.deepEqual(await store.getServiceArea('vitality'), {
        id: 'vitality',
        name: { fi: 'Elinvoima', sv: 'Livskraft', en: 'Vitality' },
        officialId: 'aino',
        retired: true,
      });
      assert.equal((await store.listServiceAreas()).length, 1);
      assert.deepEqual((await store.listOfficials()).map((o) => o.id).sort(), ['aino', 'jussi', 'leaver']);
      assert.equal((await store.getOfficial('jussi'))?.role, 'admin');
      assert.equal((await store.getOfficial('jussi'))?.active, true);
      assert.equal((await store.getOfficial('leaver'))?.active, false);
      assert.deepEqual((await store.listOfficials()).map((o) => [o.id, o.locale]).sort(), [['aino', 'fi'], ['jussi', 'sv'], ['leaver', 'en']], 'each keeps the language of their mail');
      assert.equal((await store.getTopic('business'))?.forBusinesses, true);
      assert.equal((await store.getTopic('business'))?.targetDays, 7);
      assert.equal(await store.getTopic('nope'), undefined);
    });

    it('keeps a retired topic retired, through a restart', async () => {
      const old = { id: 'permits', name: { fi: 'Luvat', sv: 'Tillstånd', en: 'Permits' }, serviceAreaId: 'vitality', officialId: 'aino', forBusinesses: false, retired: false, targetDays: 5 };
      await store.saveTopic(old);
      await store.saveTopic({ ...old, retired: true });
      await store.close();
      store = await subject.open();
      assert.deepEqual(await store.getTopic('permits'), { ...old, retired: true });
      assert.equal((await store.getTopic('business'))?.retired, false);
    });

    it('keeps signature links, found by token', async () => {
      const link = {
        id: 'L1',
        token: 'V1StGXR8_Z5jdHi6B-myT',
        officialId: 'aino',
        serviceAreaId: 'vitality',
        channel: 'email' as const,
        createdAt: '2026-11-01T08:00:00.000Z',
        revokedAt: null,
      };
      await store.saveLink(link);
      assert.deepEqual(await store.getLinkByToken(link.token), link);
      await store.saveLink({ ...link, revokedAt: '2026-11-02T08:00:00.000Z' });
      assert.equal((await store.getLinkByToken(link.token))?.revokedAt, '2026-11-02T08:00:00.000Z');
      assert.equal((await store.listLinks()).length, 1);
      assert.equal(await store.getLinkByToken('unknown'), undefined);
    });

    it('keeps periods away and reply templates, through a restart', async () => {
      const away = { id: 'D1', officialId: 'aino', deputyId: 'jussi', from: '2026-12-21', to: '2027-01-06' };
      await store.saveDeputyship(away);
      await store.saveDeputyship({ id: 'D2', officialId: 'jussi', deputyId: 'aino', from: '2026-07-01', to: '2026-07-01' });
      await store.saveDeputyship({ ...away, to: '2027-01-07' });
      const template = { id: 'T1', name: 'Kiitos', serviceAreaId: null, text: { fi: 'Kiitos', sv: 'Tack', en: 'Thanks' } };
      await store.saveReplyTemplate(template);
      await store.saveReplyTemplate({ id: 'T2', name: 'Alue', serviceAreaId: 'vitality', text: { fi: 'a', sv: 'b', en: 'c' } });
      assert.equal(await store.deleteReplyTemplate('T2'), true);
      assert.equal(await store.deleteReplyTemplate('T2'), false);
      assert.equal(await store.deleteDeputyship('D2'), true);
      assert.equal(await store.deleteDeputyship('D2'), false);
      await store.close();
      store = await subject.open();
      assert.deepEqual(await store.listDeputyships(), [{ ...away, to: '2027-01-07' }]);
      assert.deepEqual(await store.listReplyTemplates(), [template]);
      assert.equal(await store.deleteDeputyship('D1'), true);
      assert.deepEqual(await store.listDeputyships(), []);
    });

    it('keeps why an item reached a deputy', async () => {
      const item = feedbackItem({ officialId: 'jussi', routedVia: { deputyFor: 'aino' } });
      await store.addFeedback(item);
      assert.deepEqual((await store.getFeedback(item.id))?.routedVia, { deputyFor: 'aino' });
      await store.updateFeedback({ ...item, status: 'closed' });
      assert.deepEqual(await store.getFeedback(item.id), { ...item, status: 'closed' });
      assert.equal(await store.deleteFeedback(item.id), true);
    });

    it('adds, reads and replaces feedback, nested data intact', async () => {
      const item = feedbackItem({ contact: { name: 'Mari', email: 'mari@example.com' }, public: true });
      await store.addFeedback(item);
      assert.deepEqual(await store.getFeedback(item.id), item);
      const answered: Feedback = {
        ...item,
        status: 'answered',
        reply: { text: 'Kiitos', authorId: 'aino', at: '2026-11-03T10:00:00.000Z' },
        published: true,
        publishedComment: 'Hyvä',
        publishedReply: 'Kiitos, [nimi poistettu]',
        publishedAt: '2026-11-03T10:00:00.000Z',
      };
      await store.updateFeedback(answered);
      assert.deepEqual(await store.getFeedback(item.id), answered, 'the redacted reply is kept beside the reply as written');
      await assert.rejects(store.updateFeedback(feedbackItem({ id: 'MISSING' })));
      assert.equal(await store.getFeedback('MISSING'), undefined);
    });

    it('queries newest first, by every filter, a page at a time with the total', async () => {
      const batch = [
        feedbackItem({ officialId: 'jussi', channel: 'email', linkId: 'L1', topicId: null }),
        feedbackItem({ status: 'closed', public: true, published: true }),
        feedbackItem({ serviceAreaId: 'urban', topicId: 'streets', channel: 'sms' }),
        feedbackItem({ public: true }),
      ];
      for (const item of batch) await store.addFeedback(item);
      const ids = async (filter: object, page?: object) => (await store.queryFeedback(filter, page)).items.map((f) => f.id);
      const [first, second, third, fourth] = batch.map((f) => f.id) as [string, string, string, string];

      const all = await store.queryFeedback({});
      assert.equal(all.total, 5);
      assert.deepEqual(all.items.slice(0, 4).map((f) => f.id), [fourth, third, second, first]);
      assert.deepEqual(await ids({ officialId: 'jussi' }), [first]);
      assert.deepEqual(await ids({ linkId: 'L1' }), [first]);
      assert.deepEqual(await ids({ channel: 'sms' }), [third]);
      assert.deepEqual(await ids({ serviceAreaId: 'urban' }), [third]);
      assert.deepEqual(await ids({ topicId: 'streets' }), [third]);
      assert.deepEqual(await ids({ status: 'closed' }), [second]);
      // Any of several statuses, or of several services: topics, and areas' items without a topic (Open311).
      assert.deepEqual(await ids({ statuses: ['answered', 'closed'], from: batch[0]!.createdAt }), [second]);
      assert.deepEqual(await ids({ statuses: ['new', 'closed'], officialId: 'jussi' }), [first]);
      assert.deepEqual(await ids({ services: { topicIds: ['streets'], areaIdsWithoutTopic: ['vitality'] } }), [third, first]);
      assert.deepEqual(await ids({ services: { topicIds: [], areaIdsWithoutTopic: ['urban'] } }), [], 'an area’s items with a topic are its topic’s');
      assert.deepEqual(await ids({ services: { topicIds: [], areaIdsWithoutTopic: [] } }), []);
      assert.deepEqual((await ids({ public: true, published: true })).includes(second), true);
      assert.deepEqual(await ids({ public: true, published: false }), [fourth]);
      assert.deepEqual(await ids({ officialId: 'aino', public: false }), [third]);
      assert.deepEqual(await ids({ from: batch[1]!.createdAt, before: batch[3]!.createdAt }), [third, second]);
      // A manager's reach: the area's items, or those with one of its people (either suffices).
      const reach = { serviceAreaId: 'urban', officialIds: ['jussi'] };
      assert.deepEqual(await ids({ reach }), [third, first]);
      assert.deepEqual(await ids({ reach, channel: 'email' }), [first]);
      assert.deepEqual(await ids({ reach: { serviceAreaId: 'nowhere', officialIds: [] } }), []);
      assert.deepEqual((await store.feedbackFacts({ reach })).map((f) => f.id), [first, third]);

      const page = await store.queryFeedback({ officialId: 'aino' }, { limit: 2, offset: 1 });
      assert.equal(page.total, 4);
      assert.deepEqual(page.items.map((f) => f.id), [third, second]);
      assert.deepEqual(await ids({ officialId: 'aino' }, { sort: 'newest', limit: 2 }), [fourth, third]);
      const oldest = await store.queryFeedback({ officialId: 'aino' }, { sort: 'oldest', limit: 2, offset: 2 });
      assert.deepEqual([oldest.total, oldest.items.map((f) => f.id)], [4, [third, fourth]]);
      assert.deepEqual((await ids({}, { sort: 'oldest' })).slice(-4), [first, second, third, fourth]);
      const exported: string[] = [];
      for await (const batch of store.feedbackBatches()) exported.push(...batch.map((f) => f.id));
      assert.equal(exported.length, all.total);
      assert.deepEqual(exported.slice(-2), [third, fourth], 'oldest first');
    });

    it('gives the facts of matching items, oldest first, as they are after a change', async () => {
      const replied = feedbackItem({ officialId: 'jussi', ref: 'CASE-9', contact: { email: 'Liisa@Example.fi' } });
      const purged = feedbackItem({ officialId: 'jussi', rating: 2, comment: null, purgedAt: '2026-11-20T00:00:00.000Z' });
      await store.addFeedback(replied);
      await store.addFeedback(purged);
      const answered = { ...replied, status: 'answered' as const, reply: { text: 'Kiitos', authorId: 'jussi', at: '2026-11-21T08:00:00.000Z' } };
      await store.updateFeedback(answered);

      const facts = await store.feedbackFacts({ officialId: 'jussi' });
      assert.deepEqual(facts.slice(-2), [factsOf(answered), factsOf(purged)]);
      assert.equal(facts.at(-2)!.repliedAt, '2026-11-21T08:00:00.000Z');
      assert.equal(facts.at(-2)!.contactEmail, 'liisa@example.fi');
      const withoutText = (await store.feedbackFacts({ officialId: 'jussi', personalData: false })).map((f) => f.id);
      const withText = (await store.queryFeedback({ officialId: 'jussi', personalData: true })).items.map((f) => f.id);
      assert.deepEqual([withoutText.includes(purged.id), withoutText.includes(replied.id)], [true, false]);
      assert.deepEqual([withText.includes(purged.id), withText.includes(replied.id)], [false, true]);
      assert.equal((await store.feedbackFacts({})).length, (await store.queryFeedback({})).total);
    });

    it('works out the statistics per area and topic, by ISO week and month in the zone asked for, as the facts give them', async () => {
      const at = (iso: string, reply?: { hours: number; status: 'answered' | 'closed' }) => ({
        createdAt: iso,
        ...(reply && {
          status: reply.status,
          reply: { text: 'Kiitos', authorId: 'aino', at: new Date(Date.parse(iso) + reply.hours * 3_600_000).toISOString() },
        }),
      });
      const inArea = { serviceAreaId: 'stats-area', topicId: 'stats-topic' };
      for (const item of [
        // In Helsinki (UTC+2 in winter): 23:30 on Thursday 31 December 2026; 00:30 on Friday
        // 1 January 2027, January but still ISO week 2026-W53; 00:30 on Monday 4 January, 2027-W01.
        { ...feedbackItem({ ...inArea, rating: 5 }), ...at('2026-12-31T21:30:00.000Z', { hours: 4, status: 'answered' }) },
        { ...feedbackItem({ ...inArea, rating: 2, status: 'in-progress' }), ...at('2026-12-31T22:30:00.000Z') },
        { ...feedbackItem({ ...inArea, rating: null }), ...at('2027-01-03T22:30:00.000Z', { hours: 10.5, status: 'closed' }) },
        // A signature link's item: an area, no topic.
        { ...feedbackItem({ ...inArea, topicId: null, rating: 4 }), ...at('2027-01-04T12:00:00.000Z') },
      ]) {
        await store.addFeedback(item);
      }

      const weekly = await store.feedbackStats('week', 'Europe/Helsinki');
      const area = weekly.byServiceArea.get('stats-area')!;
      // Ratings 5, 2 and 4 of four items: mean 3.67, CSAT 2 of 3; replies after 4 h and 10.5 h: median 7.25 h.
      assert.deepEqual(area.scores, { count: 4, rated: 3, mean: 3.67, csat: 66.7, distribution: [0, 1, 0, 1, 1] });
      assert.deepEqual(area.byStatus, { new: 1, 'in-progress': 1, answered: 1, closed: 1 });
      assert.equal(area.medianHoursToAnswer, 7.3);
      assert.deepEqual(area.byPeriod.map((p) => [p.period, p.scores.count, p.scores.mean]), [['2026-W53', 2, 3.5], ['2027-W01', 2, 4]]);
      assert.deepEqual(weekly.byTopic.get('stats-topic')!.scores.count, 3);
      const monthly = await store.feedbackStats('month', 'Europe/Helsinki');
      assert.deepEqual(monthly.byServiceArea.get('stats-area')!.byPeriod.map((p) => [p.period, p.scores.count]), [['2026-12', 1], ['2027-01', 3]]);

      // In New York the same instants are all still Sunday 3 January or earlier, but the last.
      const newYork = (stats: FeedbackStats) => stats.byServiceArea.get('stats-area')!.byPeriod.map((p) => [p.period, p.scores.count]);
      assert.deepEqual(newYork(await store.feedbackStats('week', 'America/New_York')), [['2026-W53', 3], ['2027-W01', 1]]);
      assert.deepEqual(newYork(await store.feedbackStats('month', 'America/New_York')), [['2026-12', 2], ['2027-01', 2]]);

      // And over everything this suite has stored: what the store works out is what its facts
      // give, counted at once or in slices of three.
      const facts = await store.feedbackFacts({});
      // (The medians to the aggregates' resolution: see hoursBucket.)
      assertSameStats(weekly, await statsOfFacts(facts, 'week', 'Europe/Helsinki'));
      assertSameStats(monthly, await statsOfFacts(facts, 'month', 'Europe/Helsinki', 3));
      assertSameStats(await store.feedbackStats('week', 'Asia/Kolkata'), await statsOfFacts(facts, 'week', 'Asia/Kolkata'));
      assert.equal(weekly.total.scores.count, facts.length);
    });

    it('exports every item once, oldest first, a batch at a time', async () => {
      const many = Array.from({ length: 2345 }, () => feedbackItem({ officialId: 'export' }));
      await Promise.all(many.map((item) => store.addFeedback(item)));
      const batches: Feedback[][] = [];
      for await (const batch of store.feedbackBatches()) batches.push(batch);
      const ids = batches.flat().filter((f) => f.officialId === 'export').map((f) => f.id);
      assert.deepEqual(ids, many.map((f) => f.id));
      assert.ok(batches.length > 1, 'more than one batch');
      assert.equal(new Set(batches.flat().map((f) => f.id)).size, batches.flat().length, 'no item twice');
    });

    it('finds a person’s feedback by email in any case, and deletes an item for good', async () => {
      const mine = feedbackItem({ contact: { name: 'Mari', email: 'Mari.K@Example.com' } });
      await store.addFeedback(mine);
      assert.deepEqual((await store.queryFeedback({ contactEmail: 'mari.k@example.COM' })).items.map((f) => f.id), [mine.id]);
      assert.equal(await store.deleteFeedback(mine.id), true);
      assert.equal(await store.getFeedback(mine.id), undefined);
      assert.equal(await store.deleteFeedback(mine.id), false);
      assert.equal((await store.queryFeedback({ contactEmail: 'mari.k@example.com' })).total, 0);
    });

    it('finds an email stored with spaces around it, and counts a reply’s text as personal data', async () => {
      const spaced = feedbackItem({ officialId: 'laura', comment: null, contact: { email: ' Pekka@Example.fi ' } });
      const replyOnly = feedbackItem({ officialId: 'laura', comment: null, reply: { text: 'Hei Pekka', authorId: 'laura', at: '2026-11-21T08:00:00.000Z' } });
      await store.addFeedback(spaced);
      await store.addFeedback(replyOnly);
      assert.deepEqual((await store.queryFeedback({ contactEmail: ' pekka@example.FI' })).items.map((f) => f.id), [spaced.id]);
      assert.deepEqual((await store.feedbackFacts({ officialId: 'laura', personalData: true })).map((f) => f.id), [spaced.id, replyOnly.id]);
      const purged = { ...replyOnly, reply: { ...replyOnly.reply!, text: '' } };
      await store.updateFeedback(purged);
      assert.deepEqual((await store.feedbackFacts({ officialId: 'laura', personalData: true })).map((f) => f.id), [spaced.id]);
    });

    it('holds personal data exactly as factsOf says: each such field alone, and none', async () => {
      // The rule is written twice, in TypeScript (holdsPersonalData, which factsOf and so the
      // lowdb store use) and in SQL (PERSONAL_DATA in postgres/rows.ts): each field the purge clears, set alone.
      const reply = (text: string) => ({ text, authorId: 'aino', at: '2026-11-21T08:00:00.000Z' });
      const cases: [string, Partial<Feedback>, boolean][] = [
        ['none', {}, false],
        ['contact', { contact: { email: 'mari@example.fi' } }, true],
        ['contact without details', { contact: {} }, true],
        ['comment', { comment: 'Mari soitti' }, true],
        ['empty comment', { comment: '' }, true],
        ['publishedComment', { publishedComment: 'Asukas soitti' }, true],
        ['empty publishedComment', { publishedComment: '' }, false],
        ['publishedReply', { publishedReply: 'Kiitos' }, true],
        ['empty publishedReply', { publishedReply: '' }, false],
        ['pageUrl', { pageUrl: 'https://city.example.fi/parking' }, true],
        ['empty pageUrl', { pageUrl: '' }, true],
        ['wantsReply', { wantsReply: true }, true],
        ['reply text', { reply: reply('Hei Mari') }, true],
        ['reply without text', { reply: reply('') }, false],
      ];
      const items = cases.map(([, fields]) => feedbackItem({ officialId: 'personal-rule', comment: null, ...fields }));
      for (const item of items) await store.addFeedback(item);

      const rule = items.map((item) => factsOf(item).personalData);
      assert.deepEqual(rule, cases.map(([, , holds]) => holds), 'factsOf says which fields hold personal data');
      assert.deepEqual(items.map(holdsPersonalData), rule, 'as holdsPersonalData does');
      const found = (await store.queryFeedback({ officialId: 'personal-rule', personalData: true })).items.map((f) => f.id);
      const notFound = (await store.queryFeedback({ officialId: 'personal-rule', personalData: false })).items.map((f) => f.id);
      const facts = new Map((await store.feedbackFacts({ officialId: 'personal-rule' })).map((f) => [f.id, f.personalData]));
      const seen = (ids: string[], item: Feedback) => ids.includes(item.id);
      assert.deepEqual(
        items.map((item, i) => [cases[i]![0], seen(found, item), seen(notFound, item), facts.get(item.id)]),
        items.map((_, i) => [cases[i]![0], rule[i], !rule[i], rule[i]]),
      );
    });

    it('refuses an item whose arrival time cannot be read', async () => {
      for (const createdAt of ['yesterday', 'infinity', '']) {
        const item = { ...feedbackItem(), createdAt };
        await assert.rejects(store.addFeedback(item), /cannot be read/, createdAt);
        assert.equal(await store.getFeedback(item.id), undefined);
      }
    });

    it('keeps the audit log, newest first', async () => {
      await store.addAuditEntry({ at: '2026-11-01T08:00:00.000Z', actorId: 'aino', action: 'reply', feedbackId: 'X1', detail: null });
      await store.addAuditEntry({ at: '2026-11-01T09:00:00.000Z', actorId: null, action: 'purge', feedbackId: null, detail: '3 items' });
      const { items, total } = await store.listAuditEntries({ limit: 1 });
      assert.equal(total, 2);
      assert.deepEqual(items, [{ at: '2026-11-01T09:00:00.000Z', actorId: null, action: 'purge', feedbackId: null, detail: '3 items' }]);
      assert.equal((await store.listAuditEntries({ limit: 5, offset: 1 })).items[0]!.action, 'reply');
      const roleChange = { at: '2026-11-01T10:00:00.000Z', actorId: 'jussi', action: 'role-change' as const, feedbackId: null, targetId: 'aino', detail: 'role=official→admin' };
      await store.addAuditEntry(roleChange);
      assert.deepEqual((await store.listAuditEntries({ limit: 1 })).items, [roleChange]);
    });

    it('lets a login key be used once', async () => {
      const key = { keyHash: 'k'.repeat(64), officialId: 'aino', expiresAt: new Date(Date.now() + 60_000).toISOString(), usedAt: null };
      await store.saveLoginKey(key);
      const used = await store.useLoginKey(key.keyHash, new Date().toISOString());
      assert.equal(used?.officialId, 'aino');
      assert.equal(await store.useLoginKey(key.keyHash, new Date().toISOString()), undefined);
      assert.equal(await store.useLoginKey('x'.repeat(64), new Date().toISOString()), undefined);
    });

    it('keeps and forgets sessions', async () => {
      const session = {
        idHash: 's'.repeat(64),
        officialId: 'aino',
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      };
      await store.saveSession(session);
      assert.deepEqual(await store.getSession(session.idHash), session);
      await store.deleteSession(session.idHash);
      assert.equal(await store.getSession(session.idHash), undefined);
    });

    it('keeps a redacted reply (text the purge clears) until the approval is withdrawn', async () => {
      const published = (f: Feedback): Feedback => ({
        ...f,
        status: 'answered',
        reply: { text: 'Kiitos, Mari', authorId: 'aino', at: '2026-11-03T10:00:00.000Z' },
        published: true,
        publishedAt: '2026-11-03T11:00:00.000Z',
        publishedReply: 'Kiitos',
      });
      // No comment, no contact: the redacted reply is the only text left. It stays for the restart below.
      const kept = published(feedbackItem({ public: true, comment: null }));
      const withdrawn = published(feedbackItem({ public: true, comment: null }));
      for (const item of [kept, withdrawn]) {
        await store.addFeedback({ ...item, status: 'new', reply: null, published: false, publishedAt: null, publishedReply: null });
        await store.updateFeedback(item);
        assert.deepEqual(await store.getFeedback(item.id), item);
      }
      const withText = (await store.queryFeedback({ personalData: true })).items.map((f) => f.id);
      assert.deepEqual([withText.includes(kept.id), withText.includes(withdrawn.id)], [true, true]);
      const cleared: Feedback = { ...withdrawn, published: false, publishedAt: null, publishedReply: null };
      await store.updateFeedback(cleared);
      assert.deepEqual(await store.getFeedback(withdrawn.id), cleared);
    });

    it('ends every session of one official at once, and no one else’s', async () => {
      const session = (idHash: string, officialId: string) => ({
        idHash,
        officialId,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      await store.saveSession(session('a'.repeat(64), 'aino'));
      await store.saveSession(session('b'.repeat(64), 'aino'));
      await store.saveSession(session('c'.repeat(64), 'jussi'));
      assert.equal(await store.deleteSessionsOf('aino'), 2);
      assert.equal(await store.getSession('a'.repeat(64)), undefined);
      assert.equal(await store.getSession('b'.repeat(64)), undefined);
      assert.equal((await store.getSession('c'.repeat(64)))?.officialId, 'jussi');
      assert.equal(await store.deleteSessionsOf('aino'), 0);
    });

    it('voids the unused sign-in keys of one official at once, and no one else’s', async () => {
      const key = (keyHash: string, officialId: string) => ({ keyHash, officialId, expiresAt: new Date(Date.now() + 60_000).toISOString(), usedAt: null });
      await store.saveLoginKey(key('d'.repeat(64), 'aino'));
      await store.saveLoginKey(key('e'.repeat(64), 'aino'));
      await store.saveLoginKey(key('f'.repeat(64), 'jussi'));
      assert.equal((await store.useLoginKey('e'.repeat(64), new Date().toISOString()))?.officialId, 'aino');
      assert.equal(await store.deleteLoginKeysOf('aino'), 1, 'only the unused key is voided');
      assert.equal(await store.useLoginKey('d'.repeat(64), new Date().toISOString()), undefined);
      assert.equal((await store.useLoginKey('f'.repeat(64), new Date().toISOString()))?.officialId, 'jussi');
      assert.equal(await store.deleteLoginKeysOf('aino'), 0);
    });

    it('still has everything after a restart', async () => {
      const before = await store.queryFeedback({});
      await store.close();
      store = await subject.open();
      const after = await store.queryFeedback({});
      assert.deepEqual(after, before);
      assert.equal((await store.getTopic('business'))?.officialId, 'aino');
      assert.equal((await store.listLinks()).length, 1);
    });

    handlingContract({
      store: () => store,
      restart: async () => {
        await store.close();
        store = await subject.open();
      },
    });

    mailQueueContract({
      store: () => store,
      restart: async () => {
        await store.close();
        store = await subject.open();
      },
    });

    smsQueueContract({
      store: () => store,
      restart: async () => {
        await store.close();
        store = await subject.open();
      },
    });
  });
}
