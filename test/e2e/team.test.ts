import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/*
 * The demo's manager (Riitta Koskinen, head of Vitality and Employment Services) in the dashboard.
 * Functions passed to page.evaluate run in Chromium: this file has no DOM types, hence `any`.
 */

describe('a manager’s dashboard, in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    page = await (await browser.createBrowserContext()).newPage();
    await page.setBypassCSP(true); // so that axe-core can be injected
    await page.evaluateOnNewDocument(() => {
      (globalThis as any).deepText = (node: any): string => {
        let text = '';
        const walk = (n: any) => {
          if (n.nodeType === 3) text += n.textContent;
          if (n.shadowRoot) walk(n.shadowRoot);
          n.childNodes.forEach(walk);
        };
        walk(node);
        return text;
      };
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(demo.urls.signIn.manager, { waitUntil: 'networkidle0' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
  });
  after(async () => {
    await browser?.close();
    await demo.stop();
  });

  async function show(hash: string, text: string): Promise<void> {
    await page.evaluate((h) => ((globalThis as any).location.hash = h), hash);
    try {
      await page.waitForFunction((t) => deepText((globalThis as any).document.body).includes(t), { timeout: 10_000 }, text);
    } catch (error) {
      throw new Error(`"${text}" not shown; the page says: ${await page.evaluate(() => deepText((globalThis as any).document.body))}`, { cause: error });
    }
  }

  async function assertAccessible(where: string): Promise<void> {
    if (!(await page.evaluate(() => Boolean((globalThis as any).axe)))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run((globalThis as any).document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe on ${where}`);
  }

  /** The rows of the team view's table with this caption, as text per cell. */
  function tableRows(caption: string): Promise<string[][]> {
    return page.evaluate((c) => {
      const view = (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-team').shadowRoot;
      const table = [...view.querySelectorAll('table')].find((t: any) => t.caption?.textContent.trim() === c) as any;
      return table ? [...table.tBodies[0].rows].map((r: any) => [...r.cells].map((cell: any) => cell.textContent.trim())) : [];
    }, caption);
  }

  it('shows the team’s scores per official beside the area and the city, in accessible tables', async () => {
    await show('team', 'Tiimin tulokset: Elinvoima- ja työllisyyspalvelut');
    const people = (await tableRows('Virkailijoittain')).map((row) => row[0]);
    assert.deepEqual(people, ['Aino Virtanen', 'Jussi Korhonen', 'Riitta Koskinen'], 'the area’s people, not the city’s');
    const comparison = await tableRows('Palvelualue ja koko kaupunki');
    assert.deepEqual(comparison.map((row) => row[0]), ['Elinvoima- ja työllisyyspalvelut (palvelualue)', 'Koko kaupunki']);
    assert.ok(Number(comparison[1]![1]) > Number(comparison[0]![1]), 'the city has more feedback than the area');
    await assertAccessible('the team view');
  });

  it('chooses the days the team’s scores count by keyboard, and refuses a range that ends before it begins', async () => {
    await show('team', 'Alkaen');
    const team = 'suora-dashboard >>> suora-team';
    const setDates = (from: string, to: string) =>
      page.evaluate(
        (f, t) => {
          const view = (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-team').shadowRoot;
          view.querySelector('#range-from').value = f;
          view.querySelector('#range-to').value = t;
        },
        from,
        to,
      );
    const cityCount = async () => (await tableRows('Palvelualue ja koko kaupunki'))[1]?.[1];
    assert.notEqual(await cityCount(), '0', 'the default range (the last 12 months) has the demo’s feedback');
    await setDates('2000-01-01', '2000-01-31');
    await page.focus(`${team} >>> #range-to`);
    await page.keyboard.press('Enter');
    await show('team', 'Ei vielä arvioita.');
    assert.equal(await cityCount(), '0', 'January 2000 has none');
    await setDates('2026-02-01', '2026-01-01');
    await page.focus(`${team} >>> #range-to`);
    await page.keyboard.press('Enter');
    await show('team', 'Loppupäivä on ennen alkupäivää.');
    await assertAccessible('the team view with a refused range');
  });

  it('opens the area’s inbox, and sets an absence for a person of the team', async () => {
    await show('inbox', 'Aino Virtanen');
    await assertAccessible('the manager’s inbox');
    await show('away', 'Kenen poissaolot');
    await page.select('suora-dashboard >>> suora-deputies >>> select#whose', 'jussi-korhonen');
    await show('away', 'Poissaolot: Jussi Korhonen');
    await assertAccessible('the team’s absences');
  });
});

declare function deepText(node: unknown): string;
