import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateTopic } from '../../server/src/domain/directory.js';
import { newFeedbackRecord } from '../../server/src/domain/feedback-record.js';
import type { Feedback } from '../../server/src/domain/model.js';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asXmlFields, assertRequestShape, get311, SERVICE_FIELDS, type Record311 } from '../helpers/open311-client.js';
import { asStaff, postFeedback, signInAs, type TestServer } from '../helpers/test-server.js';

const FORMATS = ['json', 'xml'] as const;

for (const kind of STORES) {
  describe(`Open311 GeoReport v2 on ${kind}`, () => {
    let server: TestServer;
    let aino: string;
    let laura: string;
    let tiina: string;
    /** Items by what they are, made once in `before`. */
    const ids: Record<string, string> = {};
    const lastYear = new Date().getUTCFullYear() - 1;

    /** Feedback given through the widget; `reply` and `publish` as staff do them. */
    async function give(fields: object, staff: { as?: () => string; reply?: string; publish?: object } = {}): Promise<string> {
      const { status, json } = await postFeedback(server.url, { rating: 4, comment: 'Hyvä palvelu', public: true, ...fields });
      assert.equal(status, 201, JSON.stringify(json));
      const cookie = (staff.as ?? (() => aino))();
      if (staff.reply) assert.equal((await asStaff(server, cookie, 'PATCH', `/api/feedback/${json.id}`, { reply: staff.reply })).status, 200);
      if (staff.publish) assert.equal((await asStaff(server, cookie, 'PUT', `/api/feedback/${json.id}/publication`, staff.publish)).status, 200);
      return json.id;
    }

    /** A published item stored as it arrived at `at` (a past date no request can give). */
    async function storedAt(at: string, fields: Partial<Feedback> = {}): Promise<string> {
      const { feedback } = newFeedbackRecord(
        { channel: 'widget', topicId: 'streets', serviceAreaId: 'urban', officialId: 'laura', linkId: null, public: true, published: true, comment: 'Katu', ...fields },
        new Date(at),
      );
      await server.store.addFeedback(feedback);
      return feedback.id;
    }

    const listed = async (query = '', format: 'json' | 'xml' = 'json') => (await get311(server.url, `requests.${format}${query}`)).records;
    const listedIds = async (query = '') => (await listed(query)).map((r) => r.service_request_id);

    before(async () => {
      server = await startTestServerOn(kind);
      [aino, laura, tiina] = await Promise.all([signInAs(server, 'aino'), signInAs(server, 'laura'), signInAs(server, 'tiina')]);
      ids.private = await give({ topic: 'business', public: false, comment: 'Yksityinen asia' });
      ids.unpublished = await give({ topic: 'business', comment: 'Odottaa julkaisua' });
      ids.withdrawn = await give({ topic: 'business', comment: 'Julkaistu ja poistettu' }, { publish: {} });
      assert.equal((await asStaff(server, aino, 'DELETE', `/api/feedback/${ids.withdrawn}/publication`)).status, 200);
      ids.answered = await give(
        { topic: 'business', comment: 'Kiitos Mari Koskinen, neuvonta auttoi', contact: { name: 'Mari Koskinen', email: 'mari@example.com', phone: '0401234567' } },
        { reply: 'Kiitos palautteesta, Mari!', publish: { comment: 'Kiitos, neuvonta auttoi', reply: 'Kiitos palautteesta!' } },
      );
      ids.open = await give({ topic: 'streets', comment: 'Kuoppa kadulla' }, { as: () => laura, publish: {} });
      ids.areaOnly = await give({ serviceArea: 'urban', comment: 'Yleisesti hyvä' }, { as: () => laura, publish: {} });
      ids.summer = await storedAt(`${lastYear}-07-15T09:30:00.000Z`);
      ids.winter = await storedAt(`${lastYear}-01-15T09:30:00.000Z`);
    });
    after(() => server.close());

    for (const format of FORMATS) {
      it(`services.${format}: every topic and area with the spec's fields, in the language asked for`, async () => {
        const answer = await get311(server.url, `services.${format}?locale=sv_FI`);
        assert.equal(answer.status, 200);
        if (answer.xml) assert.deepEqual(answer.xml, { root: 'services', item: 'service' });
        for (const service of answer.records) assert.deepEqual(Object.keys(service).sort(), [...SERVICE_FIELDS].sort());
        const codes = answer.records.map((s) => s.service_code);
        assert.deepEqual(codes, ['business', 'employment', 'streets', 'area:urban', 'area:vitality']);
        const streets = answer.records[2]!;
        const flag = format === 'json' ? false : 'false';
        assert.deepEqual(streets, { service_code: 'streets', service_name: 'Gator', description: 'Respons om detta ämne och stadens svar.', metadata: flag, type: 'realtime', keywords: 'Kadut, Streets', group: 'Stadsmiljö' });
        assert.equal(answer.headers.get('content-language'), 'sv');
        assert.equal((await get311(server.url, `services.${format}`, { 'Accept-Language': 'en-GB,en;q=0.8' })).records[2]!.service_name, 'Streets');
        assert.equal((await get311(server.url, `services.${format}?locale=de_DE`)).records[2]!.service_name, 'Kadut', 'Finnish when the language is not one of ours');
      });

      it(`requests.${format}: published items only, with the spec's fields, the city's reply and the area, never personal data`, async () => {
        const answer = await get311(server.url, `requests.${format}`);
        assert.equal(answer.status, 200);
        if (answer.xml) assert.deepEqual(answer.xml, { root: 'service_requests', item: 'request' });
        // Newest first; items older than the default 90 days are not in it.
        assert.deepEqual(
          answer.records.map((r) => r.service_request_id),
          [ids.areaOnly, ids.open, ids.answered],
        );
        const json = await listed();
        for (const [i, request] of answer.records.entries()) {
          assertRequestShape(json[i]!);
          assert.deepEqual(request, format === 'json' ? json[i] : asXmlFields(json[i]!));
        }
        const answered = json[2]!;
        assert.equal(answered.status, 'closed');
        assert.equal(answered.description, 'Kiitos, neuvonta auttoi', 'the comment as published');
        assert.equal(answered.status_notes, 'Kiitos palautteesta!', 'the reply as published');
        assert.equal(answered.service_name, 'Yritykset ja elinkeinopolitiikka');
        assert.equal(answered.agency_responsible, 'Elinvoima');
        for (const secret of ['Mari', 'Koskinen', 'mari@example.com', '0401234567', '+358401234567', 'Aino', 'Virtanen', 'Laura', 'Nieminen', 'Yksityinen', 'Odottaa', 'poistettu']) {
          assert.ok(!answer.text.includes(secret), `${secret} is not in the answer`);
        }
      });

      it(`requests/:id.${format}: a published item; 404 in the spec's shape for any other`, async () => {
        const one = await get311(server.url, `requests/${ids.answered}.${format}`);
        assert.equal(one.status, 200);
        assert.deepEqual(one.records, format === 'json' ? await listed(`?service_request_id=${ids.answered}`) : (await listed(`?service_request_id=${ids.answered}`, 'xml')));
        for (const id of [ids.private, ids.unpublished, ids.withdrawn, 'NOSUCHITEM']) {
          const missing = await get311(server.url, `requests/${id}.${format}`);
          assert.equal(missing.status, 404, id);
          if (missing.xml) assert.deepEqual(missing.xml, { root: 'errors', item: 'error' });
          assert.deepEqual(Object.keys(missing.records[0]!), ['code', 'description']);
          assert.equal(String(missing.records[0]!.code), '404');
          assert.equal(missing.text.includes('Yksityinen'), false);
        }
      });
    }

    it('service_request_id lists the published ones among the ids asked for, whatever else is asked', async () => {
      const asked = [ids.winter, ids.private, ids.answered, ids.unpublished, 'NOSUCHITEM'].join(',');
      assert.deepEqual(await listedIds(`?service_request_id=${asked}&status=open&start_date=2000-01-01`), [ids.winter, ids.answered]);
    });

    it('service_code narrows to topics and to areas as a whole; status to open or closed', async () => {
      assert.deepEqual(await listedIds('?service_code=streets'), [ids.open]);
      assert.deepEqual(await listedIds('?service_code=area:urban'), [ids.areaOnly]);
      assert.deepEqual(await listedIds('?service_code=business,area:urban'), [ids.areaOnly, ids.answered]);
      assert.deepEqual(await listedIds('?service_code=nosuchtopic'), []);
      const areaOnly = (await listed('?service_code=area:urban'))[0]!;
      assert.deepEqual([areaOnly.service_code, areaOnly.service_name, areaOnly.agency_responsible], ['area:urban', 'Kaupunkiympäristö', 'Kaupunkiympäristö']);
      assert.deepEqual(await listedIds('?status=open'), [ids.areaOnly, ids.open]);
      assert.deepEqual(await listedIds('?status=closed'), [ids.answered]);
      assert.deepEqual(await listedIds('?status=open,closed&service_code=streets'), [ids.open]);
    });

    it('dates are the city’s clock with its offset: +03:00 in summer, +02:00 in winter; a range finds by them', async () => {
      const [summer] = await listed(`?service_request_id=${ids.summer}`);
      assert.equal(summer!.requested_datetime, `${lastYear}-07-15T12:30:00+03:00`);
      assert.equal(summer!.updated_datetime, `${lastYear}-07-15T12:30:00+03:00`);
      const [winter] = await listed(`?service_request_id=${ids.winter}`);
      assert.equal(winter!.requested_datetime, `${lastYear}-01-15T11:30:00+02:00`);
      // A date alone is the city's day; a date and time is that instant, end_date included.
      assert.deepEqual(await listedIds(`?start_date=${lastYear}-07-01&end_date=${lastYear}-07-15`), [ids.summer]);
      assert.deepEqual(await listedIds(`?start_date=${lastYear}-07-16&end_date=${lastYear}-08-01`), []);
      assert.deepEqual(await listedIds(`?start_date=${lastYear}-07-01T00:00:00Z&end_date=${lastYear}-07-15T12:30:00%2B03:00`), [ids.summer]);
      assert.deepEqual(await listedIds(`?start_date=${lastYear}-07-01T00:00:00Z&end_date=${lastYear}-07-15T12:29:59.999%2B03:00`), []);
      assert.deepEqual(await listedIds(`?start_date=${lastYear}-07-15T09:30:00.001Z`), []);
      // One end given: the 90 days from or up to it.
      assert.deepEqual(await listedIds(`?start_date=${lastYear}-01-01`), [ids.winter]);
      assert.deepEqual(await listedIds(`?end_date=${lastYear}-08-01`), [ids.summer]);
    });

    it('answers what the answer updates: a later reply moves updated_datetime, not requested_datetime', async () => {
      const before = (await listed(`?service_request_id=${ids.open}`))[0]!;
      assert.equal(before.status, 'open');
      assert.equal(before.status_notes, null);
      assert.equal((await asStaff(server, laura, 'PATCH', `/api/feedback/${ids.open}`, { reply: 'Korjataan ensi viikolla.' })).status, 200);
      // A reply after publication is public only once approved.
      assert.deepEqual(await listed(`?service_request_id=${ids.open}`), []);
      assert.equal((await asStaff(server, laura, 'PUT', `/api/feedback/${ids.open}/publication`, {})).status, 200);
      const after = (await listed(`?service_request_id=${ids.open}`))[0]!;
      assert.deepEqual([after.status, after.status_notes, after.requested_datetime], ['closed', 'Korjataan ensi viikolla.', before.requested_datetime]);
      assert.ok(Date.parse(String(after.updated_datetime)) >= Date.parse(String(before.updated_datetime)));
      assert.equal((await get311(server.url, `requests/${ids.open}.xml`)).records[0]!.status_notes, 'Korjataan ensi viikolla.');
    });

    for (const format of FORMATS) {
      it(`refuses bad parameters with 400 in the spec's shape (${format})`, async () => {
        for (const query of [
          'start_date=2026-02-30',
          'start_date=2026-06-01T00:00:00',
          'start_date=yesterday',
          `start_date=${lastYear}-01-01&end_date=${lastYear}-06-01`,
          `start_date=${lastYear}-06-02&end_date=${lastYear}-06-01`,
          'status=pending',
          'service_code=../etc',
          'service_request_id=a%20b',
          'page=0',
          'page_size=1001',
          'status=open&status=closed',
        ]) {
          const answer = await get311(server.url, `requests.${format}?${query}`);
          assert.equal(answer.status, 400, query);
          assert.deepEqual(Object.keys(answer.records[0]!), ['code', 'description'], query);
          assert.equal(String(answer.records[0]!.code), '400');
          assert.ok(String(answer.records[0]!.description).length > 10);
        }
        const unknown = await get311(server.url, `nothing-here.${format}`);
        assert.equal(unknown.status, 404);
      });
    }

    it('pages with page and page_size, says the total and links the next page', async () => {
      const first = await get311(server.url, 'requests.json?page_size=2');
      assert.equal(first.headers.get('x-total-count'), '3');
      assert.deepEqual(first.records.map((r) => r.service_request_id), [ids.areaOnly, ids.open]);
      assert.equal(first.headers.get('link'), '</open311/v2/requests.json?page_size=2&page=2>; rel="next"');
      const second = await get311(server.url, 'requests.json?page_size=2&page=2');
      assert.deepEqual(second.records.map((r) => r.service_request_id), [ids.answered]);
      assert.equal(second.headers.get('link'), null, 'the last page links no further');
      assert.deepEqual((await get311(server.url, 'requests.json?page_size=2&page=9')).records, []);
    });

    it('writes well-formed XML whatever the text holds, and the same text in JSON', async () => {
      const hostile = 'a < b && c > d ]]> <![CDATA[x]]> <!-- --> "q" \'s\' \u0001\u0008\u000b\u001f \uFFFE \r\n end';
      const id = await storedAt(new Date().toISOString(), { comment: hostile, reply: { text: `</status_notes><x>${hostile}`, authorId: 'laura', at: new Date().toISOString() }, status: 'answered' });
      const [json] = await listed(`?service_request_id=${id}`);
      assert.equal(json!.description, hostile);
      const xml = await get311(server.url, `requests/${id}.xml`); // parsed by a strict parser, or the test fails
      const unreadable = (s: string) => s.replace(/[\u0001\u0008\u000b\u001f\uFFFE]/g, '\uFFFD');
      assert.equal(xml.records[0]!.description, unreadable(hostile));
      assert.equal(xml.records[0]!.status_notes, unreadable(`</status_notes><x>${hostile}`));
      assert.deepEqual(Object.keys(xml.records[0]!).sort(), Object.keys(json!).sort());
    });

    it('a retired topic stays a service while it has published requests', async () => {
      await updateTopic(server.store, 'server', 'employment', { retired: true });
      await updateTopic(server.store, 'server', 'business', { retired: true });
      const codes = (await get311(server.url, 'services.json')).records.map((s: Record311) => s.service_code);
      assert.deepEqual(codes, ['business', 'streets', 'area:urban', 'area:vitality']);
      await updateTopic(server.store, 'server', 'employment', { retired: false });
      await updateTopic(server.store, 'server', 'business', { retired: false });
    });

    it('services: keywords are clean comma-separated terms, whatever commas and spaces the names hold', async () => {
      const before = (await server.store.getTopic('employment'))!.name;
      await updateTopic(server.store, 'server', 'employment', { name: { fi: 'Työ,  työllisyys', sv: 'Arbete, sysselsättning ,', en: 'Työ' } });
      try {
        const keywords = async (locale: string) => (await get311(server.url, `services.json?locale=${locale}`)).records.find((s: Record311) => s.service_code === 'employment')!.keywords;
        assert.equal(await keywords('fi_FI'), 'Arbete, sysselsättning', 'a term of the own name is no keyword');
        assert.equal(await keywords('en_GB'), 'työllisyys, Arbete, sysselsättning', 'each term once');
        for (const service of (await get311(server.url, 'services.xml?locale=sv_FI')).records) {
          assert.match(String(service.keywords), /^([^,\s]+( [^,\s]+)*(, [^,\s]+( [^,\s]+)*)*)?$/, String(service.service_code));
        }
      } finally {
        await updateTopic(server.store, 'server', 'employment', { name: before });
      }
    });

    it('an erased item disappears', async () => {
      const id = await give({ topic: 'streets', comment: 'Poistettava' }, { as: () => laura, publish: {} });
      assert.ok((await listedIds()).includes(id));
      assert.deepEqual((await asStaff(server, tiina, 'POST', '/api/admin/erase', { id })).json.erased, [id]);
      assert.ok(!(await listedIds()).includes(id));
      assert.equal((await get311(server.url, `requests/${id}.json`)).status, 404);
      assert.deepEqual(await listedIds(`?service_request_id=${id}`), []);
    });
  });
}
