import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { TEXTS } from '../../server/src/texts/index.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/** The workbook as Excel would open it, read back with the library that wrote it. */
async function download(server: TestServer, cookie: string, query = '', headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/export.xlsx${query}`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin', ...headers } });
  assert.equal(response.status, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows = new Map<string, Map<string, ExcelJS.Cell>>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells = new Map(header.map((name, i) => [name, row.getCell(i + 1)]));
    rows.set(String(cells.get(header[0]!)!.value), cells);
  });
  return { response, sheet, header, rows };
}

describe('GET /api/export.xlsx', () => {
  let server: TestServer;
  let admin: string;
  const ids: string[] = [];
  before(async () => {
    server = await startTestServer();
    admin = await signInAs(server, 'tiina');
    const given = [
      { comment: '=HYPERLINK("http://evil","klikkaa")', contact: { name: '+1', phone: '0401234567', organisation: '007', businessId: '0112038-9' } },
      { comment: '@x', rating: 4, contact: { name: '-2', phone: '+358 40 123 4567', email: 'maija@ylöjärvi.fi' } },
    ];
    for (const body of given) {
      const { status, json } = await postFeedback(server.url, { topic: 'business', ...body });
      assert.equal(status, 201);
      ids.push(json.id);
    }
    // Known instants, one in summer time (UTC+3) and one in winter time (UTC+2).
    const first = (await server.store.getFeedback(ids[0]!))!;
    await server.store.updateFeedback({ ...first, createdAt: '2026-07-01T21:30:00.000Z', reply: { text: '-', authorId: 'aino', at: '2026-01-15T10:00:00.000Z' } });
  });
  after(() => server.close());

  it('keeps every text exactly as typed, in text cells, and no cell is a formula', async () => {
    const { rows, sheet, response } = await download(server, admin);
    assert.equal((await server.store.getFeedback(ids[1]!))?.contact?.email, 'maija@xn--yljrvi-dua6l.fi', 'stored for mail in ASCII');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="suora-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const [a, b] = ids.map((id) => rows.get(id)!);
    const texts: [ExcelJS.Cell, string][] = [
      [a!.get('Kommentti')!, '=HYPERLINK("http://evil","klikkaa")'],
      [a!.get('Nimi')!, '+1'],
      // Phone numbers are stored in one form (E.164): a text cell, never the number 358401234567.
      [a!.get('Puhelin')!, '+358401234567'],
      // Leading zeros stay.
      [a!.get('Organisaatio')!, '007'],
      [a!.get('Y-tunnus')!, '0112038-9'],
      [a!.get('Vastaus')!, '-'],
      [b!.get('Kommentti')!, '@x'],
      [b!.get('Nimi')!, '-2'],
      [b!.get('Puhelin')!, '+358401234567'],
      // Stored in punycode for mail, shown to people as written.
      [b!.get('Sähköposti')!, 'maija@ylöjärvi.fi'],
    ];
    for (const [cell, typed] of texts) {
      assert.equal(cell.type, ExcelJS.ValueType.String, `${cell.address} is a string cell`);
      assert.equal(cell.value, typed);
      assert.equal(cell.numFmt, '@', `${cell.address} stays text when edited`);
    }
    assert.deepEqual([b!.get('Tila')!.value, b!.get('Kanava')!.value, b!.get('Kieli')!.value], ['Uusi', 'Verkkolomake', 'suomi'], 'codes by their names');
    assert.equal(b!.get('Arvio')!.value, 4, 'the rating is a number');
    assert.equal(b!.get('Arvio')!.type, ExcelJS.ValueType.Number);
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${cell.address} is no formula`);
        assert.equal(cell.formula, undefined);
      }),
    );
  });

  it('gives times as date cells holding the wall-clock time in Helsinki, and says so in the header in words', async () => {
    const { rows, header } = await download(server, admin);
    assert.ok(header.every((name) => !name.includes('Europe/')), `no zone id in ${header.join(' | ')}`);
    const created = rows.get(ids[0]!)!.get('Saapunut (Itä-Euroopan aika)')!;
    const replied = rows.get(ids[0]!)!.get('Vastattu (Itä-Euroopan aika)')!;
    assert.equal(created.type, ExcelJS.ValueType.Date);
    assert.equal((created.value as Date).toISOString(), '2026-07-02T00:30:00.000Z', '00:30 on 2 July on a Helsinki clock');
    assert.equal((replied.value as Date).toISOString(), '2026-01-15T12:00:00.000Z', '12:00 on a Helsinki clock in winter');
  });

  it('names the columns in the admin’s language, the same columns as the CSV', async () => {
    const csv = await (await fetch(`${server.url}/api/export.csv`, { headers: { Cookie: admin, 'Sec-Fetch-Site': 'same-origin' } })).text();
    const keys = csv.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(';');
    const cases: [string, Record<string, string>, 'fi' | 'sv' | 'en', string][] = [
      ['', {}, 'fi', 'Itä-Euroopan aika'],
      ['?lang=sv', {}, 'sv', 'östeuropeisk tid'],
      ['', { 'Accept-Language': 'en-GB,en;q=0.8' }, 'en', 'Eastern European Time'],
    ];
    for (const [query, headers, locale, zone] of cases) {
      const { header } = await download(server, admin, query, headers);
      const t = TEXTS[locale].export;
      const expected = keys.map((key) => {
        const name = t.columns[key as keyof typeof t.columns];
        return key.endsWith('_at') ? t.inZone(name, zone) : name;
      });
      assert.deepEqual(header, expected, locale);
    }
  });

  it('is for admins only, and audited', async () => {
    const official = await signInAs(server, 'aino');
    assert.equal((await asStaff(server, official, 'GET', '/api/export.xlsx')).status, 403);
    assert.equal((await fetch(`${server.url}/api/export.xlsx`)).status, 401);
    const before = (await server.store.listAuditEntries({ limit: 1000, offset: 0 })).items.filter((e) => e.action === 'export' && e.detail === 'XLSX');
    await download(server, admin);
    const afterwards = (await server.store.listAuditEntries({ limit: 1000, offset: 0 })).items.filter((e) => e.action === 'export' && e.detail === 'XLSX');
    assert.equal(afterwards.length, before.length + 1);
    assert.equal(afterwards.find((e) => !before.includes(e))?.actorId ?? afterwards[0]!.actorId, 'tiina');
  });
});
