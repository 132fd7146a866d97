import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newFeedbackRecord } from '../../server/src/domain/feedback-record.js';
import type { Feedback } from '../../server/src/domain/model.js';
import { factsOf } from '../../server/src/domain/feedback-facts.js';
import { feedbackItem } from '../store-contract/contract.js';
import { asStaff, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';
import { periodOfTime } from '../../server/src/domain/city-time.js';
import { hoursToAnswer, median, scoresByKeys, scoresOf } from '../../server/src/domain/scores.js';

function item(rating: number | null, createdAt: string, replyAt?: string): Feedback {
  return newFeedbackRecord(
    {
      channel: 'email',
      topicId: null,
      serviceAreaId: 'a',
      officialId: 'o',
      linkId: 'l',
      rating,
      ...(replyAt && { status: 'answered' as const, reply: { text: 'x', authorId: 'o', at: replyAt } }),
    },
    new Date(createdAt),
  ).feedback;
}

describe('scores', () => {
  it('count, mean, CSAT and distribution, by hand', () => {
    // Ratings 5, 4, 4, 2, 1 and one comment without a rating:
    // mean (5+4+4+2+1)/5 = 3.2; CSAT 3 of 5 rated = 60 %.
    const items = [5, 4, 4, 2, 1, null].map((r, i) => item(r, `2026-11-0${i + 2}T10:00:00.000Z`));
    assert.deepEqual(scoresOf(items), { count: 6, rated: 5, mean: 3.2, csat: 60, distribution: [1, 1, 0, 2, 1] });
  });

  it('rounds mean to two decimals and CSAT to one', () => {
    // 5, 4, 3: mean 4, CSAT 66.666… → 66.7.  5, 5, 4, 1, 1, 2: mean 18/6 = 3, CSAT 3/6 = 50.
    assert.deepEqual(scoresOf([5, 4, 3].map((r) => item(r, '2026-11-02T00:00:00Z'))).csat, 66.7);
    assert.equal(scoresOf([4, 4, 5].map((r) => item(r, '2026-11-02T00:00:00Z'))).mean, 4.33);
  });

  it('no ratings: mean and CSAT are null, not zero', () => {
    assert.deepEqual(scoresOf([item(null, '2026-11-02T00:00:00Z')]), { count: 1, rated: 0, mean: null, csat: null, distribution: [0, 0, 0, 0, 0] });
  });

  it('ISO weeks and months', () => {
    const periodOf = (iso: string, period: 'week' | 'month') => periodOfTime(Date.parse(iso), period, 'Europe/Helsinki');
    assert.equal(periodOf('2026-11-27T12:00:00Z', 'week'), '2026-W48');
    assert.equal(periodOf('2027-01-01T12:00:00Z', 'week'), '2026-W53', '1 Jan 2027 is a Friday: still 2026’s last week');
    assert.equal(periodOf('2026-01-01T12:00:00Z', 'week'), '2026-W01', '1 Jan 2026 is a Thursday');
    assert.equal(periodOf('2026-11-27T12:00:00Z', 'month'), '2026-11');
  });

  it('by period, oldest first', () => {
    const items = [item(5, '2026-11-23T08:00:00Z'), item(1, '2026-11-16T08:00:00Z'), item(3, '2026-11-29T08:00:00Z')];
    assert.deepEqual(
      scoresByKeys(items.map(factsOf), 'week', 'Europe/Helsinki', [() => ''])[0]![0]!.byPeriod.map((p) => [p.period, p.scores.mean]),
      [
        ['2026-W47', 1],
        ['2026-W48', 4],
      ],
    );
  });

  it('median time to answer in hours', () => {
    const items = [
      item(3, '2026-11-02T00:00:00Z', '2026-11-02T02:00:00Z'), // 2 h
      item(3, '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'), // 24 h
      item(3, '2026-11-02T00:00:00Z', '2026-11-02T05:00:00Z'), // 5 h
      item(3, '2026-11-02T00:00:00Z'),
    ];
    const hours = items.map(factsOf).filter((f) => f.repliedAt).map(hoursToAnswer);
    assert.equal(median(hours), 5);
    assert.equal(median(hours.slice(0, 2)), 13);
    assert.equal(median([]), null);
  });
});

describe('the decision-makers’ statistics, by hand', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
    const reply = (day: number, hour: number) => ({ status: 'answered' as const, reply: { text: 'Kiitos', authorId: 'aino', at: at(day, hour) } });
    const items = [
      // vitality / business: ratings 5 and 3, one answered in 4 h, one in 10 h (week 45 and week 46)
      feedbackItem({ createdAt: at(2), topicId: 'business', serviceAreaId: 'vitality', rating: 5, ...reply(2, 14) }),
      feedbackItem({ createdAt: at(9), topicId: 'business', serviceAreaId: 'vitality', rating: 3, ...reply(9, 20) }),
      // vitality / employment: a comment without a rating, in progress
      feedbackItem({ createdAt: at(9), topicId: 'employment', serviceAreaId: 'vitality', officialId: 'jussi', rating: null, status: 'in-progress' }),
      // urban / streets: rating 1, new
      feedbackItem({ createdAt: at(10), topicId: 'streets', serviceAreaId: 'urban', officialId: 'laura', rating: 1 }),
    ];
    for (const item of items) await server.store.addFeedback(item);
  });
  after(() => server.close());

  it('counts, means, CSAT, statuses and the median time to answer per area and topic', async () => {
    const cookie = await signInAs(server, 'kari');
    const { status, json } = await asStaff(server, cookie, 'GET', '/api/stats?period=week&locale=en');
    assert.equal(status, 200);
    // All: 4 items, 3 rated (5, 3, 1): mean 3, CSAT 1 of 3 = 33.3 %; answered in 4 h and 10 h: median 7 h.
    assert.deepEqual(json.total.scores, { count: 4, rated: 3, mean: 3, csat: 33.3, distribution: [1, 0, 1, 0, 1] });
    assert.deepEqual(json.total.byStatus, { new: 1, 'in-progress': 1, answered: 2, closed: 0 });
    assert.equal(json.total.medianHoursToAnswer, 7);
    assert.deepEqual(
      json.total.byPeriod.map((p: { period: string; scores: { count: number } }) => [p.period, p.scores.count]),
      [['2026-W45', 1], ['2026-W46', 3]],
    );

    const area = (id: string) => json.byServiceArea.find((a: { key: string }) => a.key === id);
    assert.deepEqual([area('vitality').scores.count, area('vitality').scores.mean, area('vitality').medianHoursToAnswer], [3, 4, 7]);
    assert.deepEqual([area('urban').scores.count, area('urban').scores.csat, area('urban').byStatus.new], [1, 0, 1]);

    const topic = (id: string) => json.byTopic.find((t: { key: string }) => t.key === id);
    assert.deepEqual([topic('business').label, topic('business').forBusinesses, topic('business').scores.count], ['Businesses and economic policy', true, 2]);
    assert.deepEqual(topic('employment').scores, { count: 1, rated: 0, mean: null, csat: null, distribution: [0, 0, 0, 0, 0] });
    assert.equal(topic('employment').medianHoursToAnswer, null);
  });
});
