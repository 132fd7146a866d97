import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { AUDIT_ACTIONS, CAUSES, CHANGED_FIELDS, REDACTED, writeAuditDetail, type AuditDetail } from '../../contract/audit-detail.js';
import { createApiKey } from '../../server/src/domain/api-keys.js';
import { addTemplate } from '../../server/src/domain/reply-templates.js';
import { createLink } from '../../server/src/domain/signature-links.js';
import { TEXTS } from '../../server/src/texts/index.js';
import { TRANSLATIONS } from '../../widget/src/dashboard/locales/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * The dashboard in Finnish and Swedish over data made to show what a person must never
 * read: decimals, counts of one and two, every audit action and detail, links of every
 * channel. Functions passed to page.evaluate run in Chromium (this file has no DOM types).
 */

const LINK_CHANNELS = ['email', 'sms'] as const;
/** Details that together use every kind an entry can say. */
const DETAILS: AuditDetail[] = [
  { status: 'in-progress' },
  { redacted: [...REDACTED] },
  { by: 'email', count: 1 },
  { by: 'reference', count: 2 },
  { days: 1, count: 2, commandLine: true },
  { days: 30 },
  { fields: [...CHANGED_FIELDS] },
  { role: 'decision-maker' },
  { role: { from: 'official', to: 'admin' } },
  { successor: 'aino' },
  { replaces: 'Lk7qAbc' },
  { format: 'CSV' },
  ...CAUSES.map((cause) => ({ cause })),
];

/** All text under a node, through shadow roots. */
function deepTextScript() {
  (globalThis as any).deepText = (node: any): string => {
    let text = '';
    const walk = (n: any) => {
      if (n.nodeType === 3) text += n.textContent;
      if (n.shadowRoot) walk(n.shadowRoot);
      n.childNodes.forEach(walk);
    };
    walk(node);
    return text.replace(/\s+/g, ' ');
  };
  /** Every element matching `selector`, through shadow roots. */
  (globalThis as any).deepAll = (selector: string): any[] => {
    const found: any[] = [];
    const walk = (root: any) => {
      found.push(...root.querySelectorAll(selector));
      root.querySelectorAll('*').forEach((el: any) => el.shadowRoot && walk(el.shadowRoot));
    };
    walk((globalThis as any).document);
    return found;
  };
}

/** `code` standing as a word of its own (not inside `Status` or `exporterade`). */
const asWord = (code: string) => new RegExp(`(?<![\\p{L}-])${code}(?![\\p{L}-])`, 'u');

describe('the dashboard speaks the reader’s language: numbers, counts, actions and channels', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let smsLinkId = '';

  before(async () => {
    server = await startTestServer();
    // Tiina (an admin) owns a link of every channel: three answers rated 4, 3, 4 (mean 3.67) by email, one by SMS.
    const ratings: Record<(typeof LINK_CHANNELS)[number], number[]> = { email: [4, 3, 4], sms: [5] };
    for (const channel of LINK_CHANNELS) {
      const { link } = await createLink(server.store, 'server', { officialId: 'tiina', channel });
      smsLinkId = link.id;
      for (const rating of ratings[channel]) assert.equal((await postFeedback(server.url, { token: link.token, rating, press: 'pointer' })).status, 201);
    }
    // And one through the form, so that the city's mean has decimals too: 18 / 5 = 3.6.
    assert.equal((await postFeedback(server.url, { topic: 'streets', rating: 2 })).status, 201);
    for (const [i, action] of AUDIT_ACTIONS.entries()) {
      await server.store.addAuditEntry({ at: new Date().toISOString(), actorId: 'tiina', action, feedbackId: null, detail: writeAuditDetail(DETAILS[i % DETAILS.length]!) });
    }
    // Entries done to an official, a topic and a service area: the log names each, not its id.
    for (const [action, targetId] of [['official-change', 'aino'], ['topic-change', 'streets'], ['area-change', 'urban']] as const) {
      await server.store.addAuditEntry({ at: '2026-11-30T01:11:00.000Z', actorId: 'tiina', action, feedbackId: null, targetId, detail: null });
    }
    // And to an API key, a survey link and reply templates (one since removed), and a key's use: each by name.
    await createApiKey(server.store, 'command line', { name: 'lahti-piste', scope: 'sms-surveys' });
    await addTemplate(server.store, 'server', { name: 'Kiitos', text: { fi: 'Kiitos.', sv: 'Tack.', en: 'Thanks.' } });
    await server.store.addAuditEntry({ at: '2026-11-30T01:12:00.000Z', actorId: null, action: 'template-remove', feedbackId: null, targetId: 'Tq9GoneXyz', detail: null });
    await server.store.addAuditEntry({ at: '2026-11-30T01:13:00.000Z', actorId: null, action: 'api-key-use', feedbackId: null, targetId: 'Kz8GoneXyz', detail: writeAuditDetail({ apiKey: 'open-data-1' }) });
    const [name, value] = (await signInAs(server, 'tiina')).split('=') as [string, string];
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    page = await browser.newPage();
    await page.evaluateOnNewDocument(deepTextScript);
    await page.setCookie({ name, value, url: server.url });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a section in a language and waits for `text`; returns the page's text. */
  async function open(lang: string, hash: string, text: string): Promise<string> {
    await page.goto(`${server.url}/dashboard#${hash}`, { waitUntil: 'networkidle0' });
    await page.evaluate((l) => ((globalThis as any).document.querySelector('suora-dashboard').lang = l), lang);
    await page.waitForFunction((t) => (globalThis as any).deepText((globalThis as any).document.body).includes(t), { timeout: 10_000 }, text);
    return page.evaluate(() => (globalThis as any).deepText((globalThis as any).document.body));
  }

  /** The text of every table cell holding a figure. */
  const figures = () => page.evaluate(() => (globalThis as any).deepAll('td.number, td.distribution').map((td: any) => td.textContent.trim()));

  for (const lang of ['fi', 'sv'] as const) {
    const t = TRANSLATIONS[lang];
    const sources = TEXTS[lang].sources;

    it(`${lang}: scores write decimals as the language does and name each link by its channel and area in words`, async () => {
      const text = await open(lang, 'scores', t.byLink);
      assert.ok((await figures()).includes('3,67'), 'the email link’s mean 3,67');
      assert.deepEqual((await figures()).filter((f: string) => /\d\.\d/.test(f)), [], 'no figure with a decimal point');
      for (const channel of LINK_CHANNELS) {
        assert.ok(text.includes(sources.survey(`${sources.channels[channel]} · ${lang === 'fi' ? 'Kaupunkiympäristö' : 'Stadsmiljö'}`)), `${channel} link in words`);
      }
      for (const code of ['widget', 'email', 'sms']) {
        if (sources.channels[code as 'sms'] !== code && t.channels[code as 'sms'] !== code) assert.doesNotMatch(text, asWord(code), `raw channel ${code}`);
      }
      // The chart's months by their names in the language (`marras 2026`, `nov. 2026`), never `2026-11` or `11.2026`.
      const axis: string[] = await page.evaluate(() => (globalThis as any).deepAll('svg.chart text.period').map((el: any) => el.textContent.trim()));
      assert.ok(axis.length > 0, 'a chart with months');
      for (const label of axis) assert.match(label, /^\p{L}+\.? \d{4}$/u, label);
    });

    it(`${lang}: statistics write every figure as the language does`, async () => {
      await open(lang, 'stats', t.byServiceArea);
      const cells = await figures();
      assert.ok(cells.includes('3,6'), 'the city’s mean 3,6');
      assert.deepEqual(cells.filter((f: string) => /\d\.\d/.test(f)), []);
    });

    it(`${lang}: the inbox counts in the singular and the plural, and names survey answers by their link`, async () => {
      let text = await open(lang, 'inbox', t.tabs.inbox);
      await page.waitForFunction((s) => (globalThis as any).deepText((globalThis as any).document.body).includes(s), {}, t.count.other.replace('{n}', '5'));
      text = await page.evaluate(() => (globalThis as any).deepText((globalThis as any).document.body));
      assert.ok(text.includes(t.surveyAnswer.replace('{source}', `${t.channels.email} · ${lang === 'fi' ? 'Kaupunkiympäristö' : 'Stadsmiljö'}`)));
      assert.ok(!text.includes(t.generalFeedback), 'a survey answer is not general feedback');
      // Only the SMS answer: one item, in the singular.
      await page.evaluate(() => {
        const select = (globalThis as any).deepAll('#filter-channel')[0];
        select.value = 'sms';
        select.closest('form').requestSubmit();
      });
      await page.waitForFunction((s) => (globalThis as any).deepText((globalThis as any).document.body).includes(s), { timeout: 10_000 }, t.count.one.replace('{n}', '1'));
    });

    it(`${lang}: the audit log names every action and detail in words, never by its code`, async () => {
      await open(lang, 'admin/records', t.auditLog);
      const cells: string[] = await page.evaluate(
        (caption) =>
          (globalThis as any)
            .deepAll('table')
            .filter((table: any) => table.querySelector('caption')?.textContent.trim() === caption)
            .flatMap((table: any) => [...table.querySelectorAll('tbody tr')].map((tr: any) => tr.children[2].textContent.trim())),
        t.auditLog,
      );
      assert.ok(cells.length >= AUDIT_ACTIONS.length);
      for (const action of AUDIT_ACTIONS) assert.ok(cells.some((cell) => cell.startsWith(t.auditActions[action])), `${action} in words`);
      const codes = [...AUDIT_ACTIONS, 'in-progress', 'decision-maker', 'command line', 'serviceAreaId', 'officialId', 'forBusinesses', ...CAUSES, 'by', 'count', 'days'];
      for (const cell of cells) {
        assert.doesNotMatch(cell, /=/, cell);
        for (const code of codes) assert.doesNotMatch(cell, asWord(code), `${code} in: ${cell}`);
      }
      assert.ok(cells.some((cell) => cell.includes(t.count.one.replace('{n}', '1'))), 'a count of one in the singular');
    });

    it(`${lang}: the audit log names what was done to by name, and writes its times in one numeric form`, async () => {
      await open(lang, 'admin/records', t.auditLog);
      const rows: string[][] = await page.evaluate(
        (caption) =>
          (globalThis as any)
            .deepAll('table')
            .filter((table: any) => table.querySelector('caption')?.textContent.trim() === caption)
            .flatMap((table: any) => [...table.querySelectorAll('tbody tr')].map((tr: any) => [...tr.children].map((td: any) => td.textContent.trim()))),
        t.auditLog,
      );
      const targets = rows.map((row) => row[3]!).filter(Boolean);
      for (const name of ['Aino Virtanen', lang === 'fi' ? 'Kadut' : 'Gator', lang === 'fi' ? 'Kaupunkiympäristö' : 'Stadsmiljö']) {
        assert.ok(targets.includes(name), `${name} among ${targets.join(', ')}`);
      }
      for (const id of ['aino', 'streets', 'urban']) assert.ok(!targets.includes(id), `the id ${id} shown`);
      const n = t.auditNames;
      for (const name of [n.apiKey.replace('{name}', 'lahti-piste'), n.template.replace('{name}', 'Kiitos'), n.link.replace('{channel}', t.channels.sms).replace('{name}', 'Tiina Hämäläinen'), n.removed]) {
        assert.ok(targets.includes(name), `${name} among ${targets.join(', ')}`);
      }
      for (const id of [smsLinkId, 'Tq9GoneXyz', 'Kz8GoneXyz']) assert.ok(!rows.flat().some((cell) => cell.includes(id)), `the id ${id} shown`);
      const use = rows.find((row) => row[2]!.startsWith(t.auditActions['api-key-use']) && row[1] !== 'Tiina Hämäläinen')!;
      assert.equal(use[1], n.apiKey.replace('{name}', 'open-data-1'), 'a key’s use is done by the key');
      assert.equal(use[3], n.apiKey.replace('{name}', 'open-data-1'), 'a key no longer listed, by the name its entry recorded');
      // 01:11 UTC is 3.11 on a Helsinki clock; a numeric date, not Sweden's "30 nov. 2026".
      const when = rows.find((row) => row[3] === 'Aino Virtanen')![0]!;
      assert.match(when, /^30\.11\.2026\D+3[.:]11$/, when);
    });
  }
});
