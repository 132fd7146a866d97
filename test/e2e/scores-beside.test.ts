import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TRANSLATIONS } from '../../widget/src/dashboard/locales/index.js';
import { addAreaScores } from '../helpers/area-scores.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { assertAxeClean, assertNoOverflow, VIEWPORTS } from '../helpers/page-checks.js';
import { signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * Aino's scores view over the data set of test/helpers/area-scores.ts: the area's CSAT beside
 * each of her periods, links, references and channels, and "too few" where it would reveal a
 * colleague. Functions passed to page.evaluate run in Chromium (this file has no DOM types).
 */

describe('the scores view sets the area’s figure beside the official’s own', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    await addAreaScores(server.store);
    const [name, value] = (await signInAs(server, 'aino')).split('=') as [string, string];
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    page = await browser.newPage();
    await page.setBypassCSP(true); // so that axe-core can be injected
    await page.setCookie({ name, value, url: server.url });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The scores view in `lang`, every disclosure open. */
  async function open(lang: string): Promise<void> {
    await page.goto(`${server.url}/dashboard#scores`, { waitUntil: 'networkidle0' });
    await page.evaluate((l) => ((globalThis as any).document.querySelector('suora-dashboard').lang = l), lang);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('suora-dashboard')?.shadowRoot?.querySelector('suora-scores')?.shadowRoot?.querySelector('table'), { timeout: 10_000 });
    // The data set's year, whenever the test runs (the view's default is the last 12 months).
    await page.evaluate(() => {
      const view = (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-scores').shadowRoot;
      view.querySelector('#range-from').value = '2026-01-01';
      view.querySelector('#range-to').value = '2026-12-31';
    });
    await page.focus('suora-dashboard >>> suora-scores >>> #range-to');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/me/scores') && r.url().includes('from=2026-01-01')), page.keyboard.press('Enter')]);
    await page.waitForNetworkIdle();
    await page.waitForNetworkIdle();
    await page.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-scores').shadowRoot.querySelectorAll('details').forEach((d: any) => (d.open = true)));
  }

  /** The table with this caption: its header cells, then per row the row's header and the area column. */
  function table(caption: string): Promise<{ headers: string[]; rows: [string, string][] }> {
    return page.evaluate((c) => {
      const view = (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-scores').shadowRoot;
      const found = [...view.querySelectorAll('table')].find((t: any) => t.caption.textContent.trim() === c) as any;
      if (!found) return { headers: [], rows: [] };
      const rows = [...found.tBodies[0].rows].map((r: any) => [r.cells[0].textContent.trim(), r.cells[r.cells.length - 1].textContent.trim()]);
      return { headers: [...found.tHead.rows[0].cells].map((th: any) => th.textContent.trim()), rows };
    }, caption) as Promise<{ headers: string[]; rows: [string, string][] }>;
  }

  for (const [lang, october, september] of [
    ['en', 'October 2026', 'September 2026'],
    ['fi', 'lokakuu 2026', 'syyskuu 2026'],
  ] as const) {
    it(`${lang}: the area’s CSAT beside each period, link, reference and channel, in the language’s numbers; “too few” where a colleague would show`, async () => {
      const t = TRANSLATIONS[lang];
      const area = lang === 'en' ? 'Vitality' : 'Elinvoima';
      await open(lang);
      const byPeriod = await table(t.trendTable);
      assert.equal(byPeriod.headers.at(-1), t.charts.areaCsat(area));
      const periods = Object.fromEntries(byPeriod.rows);
      assert.equal(periods[october], lang === 'en' ? '57.1' : '57,1');
      assert.equal(periods[september], t.charts.tooFew, 'two ratings of others');

      const links = await table(t.byLink);
      assert.equal(links.headers.at(-1), t.charts.areaCsatSameTime(area, 'month'));
      assert.deepEqual(links.rows.map(([, beside]) => beside), ['50']);
      assert.deepEqual((await table(t.byRef)).rows, [
        ['R-1', '50'],
        ['R-2', t.charts.tooFew],
      ]);
      const channels = Object.fromEntries((await table(t.byChannel)).rows);
      assert.equal(channels[t.channels.widget], lang === 'en' ? '71.4' : '71,4');

      // The trend draws the area's line through October alone: its other months are hidden.
      const text: string = await page.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-scores').shadowRoot.querySelector('svg[role=img]').getAttribute('aria-label'));
      assert.match(text, new RegExp(`${area}[^.]*: ${lang === 'en' ? 'October 2026 57 %' : 'lokakuu 2026 57 %'}\\.?$`));
    });
  }

  for (const { name, viewport } of VIEWPORTS) {
    for (const lang of ['fi', 'en']) {
      it(`${lang}, ${name}: the view with the area’s figures and “too few” fits the screen and is axe-clean`, async () => {
        await page.setViewport(viewport);
        await open(lang);
        await assertNoOverflow(page, `scores (${lang}, ${name})`);
        await assertAxeClean(page, `scores (${lang}, ${name})`);
      });
    }
  }
});
