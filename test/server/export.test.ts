import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { csvCell } from '../../server/src/domain/csv-export.js';
import { SEGMENT_SIZE } from '../../server/src/store/lowdb/segment.js';
import { feedbackItem } from '../store-contract/contract.js';
import { postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

describe('GET /api/export.csv', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  it('opens in Excel: BOM, semicolons, the right columns, quotes and formula cells defused', async () => {
    await postFeedback(server.url, {
      topic: 'business',
      rating: 3,
      comment: 'Hyvä; mutta "hidas"\nToinen rivi',
      contact: { name: '=HYPERLINK("http://evil")', organisation: 'Åbo Öl Oy' },
    });
    const cookie = await signInAs(server, 'tiina');
    const response = await fetch(`${server.url}/api/export.csv`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } });
    const { status, headers } = response;
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(status, 200);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const text = bytes.toString('utf8');
    assert.match(headers.get('content-type') ?? '', /text\/csv; charset=utf-8/);
    assert.match(headers.get('content-disposition') ?? '', /attachment; filename="suora-feedback.csv"/);
    const [header, ...rest] = text.slice(1).split('\r\n');
    assert.equal(
      header,
      'id;created_at;channel;topic;service_area;official;rating;comment;public;published;status;contact_name;contact_email;contact_phone;organisation;business_id;wants_reply;ref;page_url;locale;reply;replied_at;due_at',
    );
    const row = rest.join('\r\n');
    assert.match(row, /;Yritykset ja elinkeinopolitiikka;Elinvoima;Aino Virtanen;3;"Hyvä; mutta ""hidas""\nToinen rivi";false;false;new;"'=HYPERLINK\(""http:\/\/evil""\)";;;Åbo Öl Oy;/);
  });

  it('escapes cells by RFC 4180', () => {
    assert.equal(csvCell('plain', ';'), 'plain');
    assert.equal(csvCell('a;b', ';'), '"a;b"');
    assert.equal(csvCell('a,b', ';'), 'a,b');
    assert.equal(csvCell('say "hi"', ';'), '"say ""hi"""');
    assert.equal(csvCell('+358 40', ';'), "'+358 40");
    assert.equal(csvCell(-3, ';'), '-3', 'numbers are not formulas');
    assert.equal(csvCell(null, ';'), '');
  });
});

describe('an export that fails halfway', () => {
  let server: TestServer;
  before(async () => {
    // Three segments on disk before the server starts: the two closed ones are read from disk when exported.
    server = await startTestServer({}, async (dataDir) => {
      await mkdir(path.join(dataDir, 'feedback'));
      for (let segment = 1; segment <= 3; segment++) {
        const items = Array.from({ length: SEGMENT_SIZE }, () => feedbackItem());
        await writeFile(path.join(dataDir, 'feedback', `00000${segment}.json`), JSON.stringify({ feedback: items }));
      }
    });
  });
  after(() => server.close());

  it('is broken off, not ended as if the file were whole, and the server goes on', async () => {
    await writeFile(path.join(server.dataDir, 'feedback', '000002.json'), '{"feedback": [ cut short');
    const cookie = await signInAs(server, 'tiina');
    const response = await fetch(`${server.url}/api/export.csv`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(response.status, 200, 'the first segment was read, so the download had begun');
    await assert.rejects(response.text(), 'the download fails, rather than ending after the first segment');
    assert.equal((await fetch(`${server.url}/api/topics`)).status, 200);
  });
});

