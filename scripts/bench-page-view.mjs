// What a view of the demo city page costs a visitor because of the widget, at 1280 and 360 px:
// layout shift, requests and bytes when the page has loaded, and again after the floating
// button's dialog is opened. Run by scripts/bench.mjs; alone: node scripts/bench-page-view.mjs.
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const ROOT = new URL('..', import.meta.url).pathname;
const helper = (name) => import(path.join(ROOT, 'dist/test/helpers', name));

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];

/** One row per viewport: { viewport, loaded: cost, opened: cost }, each cost { layoutShift, requests, bytes, topicsRequests }. */
export async function measurePageViews() {
  const { startDemo } = await helper('demo.js');
  const { CHROMIUM_ARGS, CHROMIUM_PATH } = await helper('chromium.js');
  const { watchPageView } = await helper('page-view.js');
  const demo = await startDemo({ SUORA_RATE_LIMIT: 'off' });
  const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const rows = [];
    for (const viewport of VIEWPORTS) {
      // A fresh profile per view: nothing cached, as on a first visit.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(viewport);
      const cost = await watchPageView(page);
      await page.goto(demo.urls.demoPage, { waitUntil: 'networkidle0' });
      const loaded = summary(await cost());
      await page.locator('suora-feedback[mode=button] >>> button.open').click();
      await page.waitForFunction(() => globalThis.document.querySelector('suora-feedback[mode=button]').shadowRoot.querySelector('dialog').open);
      await page.waitForNetworkIdle({ idleTime: 200 });
      const opened = summary(await cost());
      rows.push({ viewport: `${viewport.width}×${viewport.height}`, loaded, opened });
      await context.close();
    }
    return rows;
  } finally {
    await browser.close();
    await demo.stop();
  }
}

const summary = (cost) => ({
  layoutShift: cost.layoutShift,
  shifted: cost.shifted,
  requests: cost.requests.length,
  topicsRequests: cost.requests.filter((url) => new URL(url).pathname === '/api/topics').length,
  bytes: cost.bytes,
});

export function printPageViews(rows) {
  console.log('\nA view of the demo city page (inline form and floating button), first visit, nothing cached:\n');
  console.log('| viewport | when | layout shift | requests | of them /api/topics | KB transferred |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    for (const [when, c] of [['page loaded', row.loaded], ['dialog opened', row.opened]]) {
      console.log(`| ${row.viewport} | ${when} | ${c.layoutShift.toFixed(4)} | ${c.requests} | ${c.topicsRequests} | ${(c.bytes / 1024).toFixed(1)} |`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measurePageViews();
  printPageViews(rows);
  for (const row of rows) for (const c of [row.loaded, row.opened]) if (c.shifted.length) console.log(row.viewport, c.shifted);
}
