import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, show, signedIn } from '../helpers/dashboard-page.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertAxeClean } from '../helpers/page-checks.js';

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
    browser = await launchChromium();
    page = await signedIn(browser, demo.urls.signIn.manager);
  });
  after(async () => {
    await browser?.close();
    await demo.stop();
  });

  /** The rows of the team view's table with this caption, as text per cell. */
  function tableRows(caption: string): Promise<string[][]> {
    return page.evaluate((c) => {
      const view = (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-team').shadowRoot;
      const table = [...view.querySelectorAll('table')].find((t: any) => t.caption?.textContent.trim() === c) as any;
      return table ? [...table.tBodies[0].rows].map((r: any) => [...r.cells].map((cell: any) => cell.textContent.trim())) : [];
    }, caption);
  }

  it('shows the team’s scores per official beside the area and the city, in accessible tables', async () => {
    await show(page, 'team', 'Tiimin tulokset: Elinvoima- ja työllisyyspalvelut');
    const people = (await tableRows('Virkailijoittain')).map((row) => row[0]);
    assert.deepEqual(people, ['Aino Virtanen', 'Jussi Korhonen', 'Riitta Koskinen'], 'the area’s people, not the city’s');
    const comparison = await tableRows('Palvelualue ja koko kaupunki');
    assert.deepEqual(comparison.map((row) => row[0]), ['Elinvoima- ja työllisyyspalvelut (palvelualue)', 'Koko kaupunki']);
    assert.ok(Number(comparison[1]![1]) > Number(comparison[0]![1]), 'the city has more feedback than the area');
    await assertAxeClean(page, 'the team view');
  });

  it('chooses the days the team’s scores count by keyboard, and refuses a range that ends before it begins', async () => {
    await show(page, 'team', 'Alkaen');
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
    await show(page, 'team', 'Ei vielä arvioita.');
    assert.equal(await cityCount(), '0', 'January 2000 has none');
    await setDates('2026-02-01', '2026-01-01');
    await page.focus(`${team} >>> #range-to`);
    await page.keyboard.press('Enter');
    await show(page, 'team', 'Loppupäivä on ennen alkupäivää.');
    await assertAxeClean(page, 'the team view with a refused range');
  });

  it('opens the area’s inbox, and sets an absence for a person of the team', async () => {
    await show(page, 'inbox', 'Aino Virtanen');
    await assertAxeClean(page, 'the manager’s inbox');
    await show(page, 'away', 'Kenen poissaolot');
    await page.select('suora-dashboard >>> suora-deputies >>> select#whose', 'jussi-korhonen');
    await show(page, 'away', 'Poissaolot: Jussi Korhonen');
    await assertAxeClean(page, 'the team’s absences');
  });
});
