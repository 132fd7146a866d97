import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { API_KEY_SCOPES } from '../../contract/api.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';

/*
 * The admin's tables at 320 px, where each row becomes a card: every cell's label
 * (its ::before) must be wide enough for its longest word, so that no label is broken
 * inside a word ("Creat/ed"), and every value starts at the same edge. Functions passed to
 * page.evaluate run in Chromium (this file has no DOM types).
 */

const SECTIONS = [
  ['admin/people', 'suora-admin-people'],
  ['admin/api-keys', 'suora-admin-api-keys'],
  ['admin/records', 'suora-admin-records'],
] as const;

/** Each stacked cell's label, its longest word's width and the width the label has, and where its value starts. */
function measureScript() {
  (globalThis as any).stackedCells = (tag: string) => {
    const find = (root: any): any => root.querySelector(tag) ?? [...root.querySelectorAll('*')].map((el: any) => el.shadowRoot && find(el.shadowRoot)).find(Boolean);
    const view = find((globalThis as any).document);
    const cells = [...view.shadowRoot.querySelectorAll('table.stacking td[data-label]')];
    return cells.map((td: any) => {
      const before = (globalThis as any).getComputedStyle(td, '::before');
      const label = td.dataset.label as string;
      // The longest word at the label's own font, unbreakable.
      const probe = (globalThis as any).document.createElement('span');
      Object.assign(probe.style, { whiteSpace: 'nowrap', position: 'absolute', font: before.font, letterSpacing: before.letterSpacing });
      td.append(probe);
      const longest = Math.max(...label.split(/\s+/).map((word: string) => ((probe.textContent = word), probe.getBoundingClientRect().width)));
      probe.remove();
      // Where the value's own text starts (a range holds no pseudo-element).
      const range = (globalThis as any).document.createRange();
      range.selectNodeContents(td);
      return { label, longest, room: parseFloat(before.width), valueLeft: range.getClientRects()[0]?.left ?? td.getBoundingClientRect().left };
    });
  };
}

describe('the admin’s stacked tables at 320 px break no label inside a word', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    page = await browser.newPage();
    await page.evaluateOnNewDocument(measureScript);
    await page.goto(demo.urls.signIn.admin, { waitUntil: 'networkidle0' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
    // A key, so that the keys' table has a row.
    const status = await page.evaluate(async (scope) => {
      const response = await fetch('/api/admin/api-keys', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'lahti-piste', scope }) });
      return response.status;
    }, API_KEY_SCOPES[0]);
    assert.equal(status, 201);
    await page.setViewport({ width: 320, height: 640 });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  for (const lang of ['fi', 'en']) {
    for (const [hash, tag] of SECTIONS) {
      it(`${lang}: ${hash}`, async () => {
        await page.goto(`${demo.urls.server}/dashboard#${hash}`, { waitUntil: 'networkidle0' });
        await page.evaluate((l) => ((globalThis as any).document.querySelector('suora-dashboard').lang = l), lang);
        await page.waitForFunction((t) => (globalThis as any).stackedCells(t).length > 0, { timeout: 10_000 }, tag);
        const cells: { label: string; longest: number; room: number; valueLeft: number }[] = await page.evaluate((t) => (globalThis as any).stackedCells(t), tag);
        for (const cell of cells) {
          assert.ok(cell.longest <= cell.room + 0.5, `"${cell.label}" needs ${cell.longest} px for its longest word but has ${cell.room} px`);
        }
        assert.equal(new Set(cells.map((c) => Math.round(c.valueLeft))).size, 1, 'every value starts at the same edge');
      });
    }
  }
});
