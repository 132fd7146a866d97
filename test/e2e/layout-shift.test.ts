import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { startCitySite, type CitySite } from '../helpers/city-site.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { watchPageView, type PageViewCost } from '../helpers/page-view.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

/**
 * Widths of a desktop and a phone; each view is tall enough to show the whole page, so that
 * any move of the footer counts as a layout shift (below the fold, Chromium would not count it).
 */
const VIEWPORTS = [
  { width: 1280, height: 2400 },
  { width: 360, height: 4000 },
];

const topicsRequests = (cost: PageViewCost) => cost.requests.filter((url) => new URL(url).pathname === '/api/topics');

describe('what the widget costs a city page: no layout shift, one topics request at most', () => {
  let city: CitySite;
  let demo: RunningDemo;
  let browser: Browser;

  /** A city page with `body` above its footer, loading the widget with the README's line (and more scripts if given). */
  const cityPage = (path: string, body: string, scripts = '') =>
    city.set(path, {
      html: `<!doctype html><html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kaupungin sivu</title><script type="module" src="${demo.urls.server}/suora.js" blocking="render"></script>${scripts}</head>
<body><main><h1>Yrityspalvelut</h1><p>Neuvontaa yrityksen perustamiseen, rahoitukseen ja kasvuun.</p>${body}</main>
<footer><p>Kaupungin yhteystiedot ja saavutettavuusseloste.</p></footer></body></html>`,
    });

  before(async () => {
    city = await startCitySite();
    demo = await startDemo({ SUORA_ALLOWED_ORIGINS: city.url });
    // A business topic: its form has more fields, known only when the topics arrive.
    cityPage('/inline', '<suora-feedback topic="yritykset"></suora-feedback>');
    cityPage(
      '/several',
      '<suora-feedback topic="yritykset"></suora-feedback><suora-feedback lang="en"></suora-feedback>' +
        '<suora-feedback></suora-feedback><suora-feedback mode="button"></suora-feedback>',
    );
    cityPage(
      '/with-feed',
      '<suora-feedback></suora-feedback><suora-feedback mode="button"></suora-feedback><suora-public-feed></suora-public-feed>',
      `<script type="module" src="${demo.urls.server}/public-feed.js"></script>`,
    );
    cityPage('/button', '<suora-feedback mode="button" topic="yritykset"></suora-feedback>');
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    await city?.close();
  });

  /** Opens `path` at `viewport` in a fresh profile; resolves what the view has cost so far. */
  async function view(path: string, viewport: (typeof VIEWPORTS)[number]): Promise<{ page: Page; cost: () => Promise<PageViewCost> }> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport(viewport);
    const cost = await watchPageView(page);
    await page.goto(`${city.url}${path}`, { waitUntil: 'networkidle0' });
    return { page, cost };
  }

  for (const viewport of VIEWPORTS) {
    it(`moves nothing on the page at ${viewport.width} px, inline and with several widgets`, async () => {
      for (const path of ['/inline', '/several']) {
        const { page, cost } = await view(path, viewport);
        // The network has been idle since the topics arrived: the forms are as they will stay.
        const { layoutShift, shifted } = await cost();
        assert.equal(layoutShift, 0, `${path}: ${shifted.join('; ')}`);
        await page.browserContext().close();
      }
    });
  }

  it('asks for the topics once per page view, however many widgets it has', async () => {
    const { page, cost } = await view('/several', VIEWPORTS[0]!);
    // Two languages on the page: one request for each.
    assert.deepEqual(topicsRequests(await cost()).map((url) => new URL(url).searchParams.get('locale')).sort(), ['en', 'fi']);
    await page.browserContext().close();
    // The public feed's topic filter shares the form's request.
    const withFeed = await view('/with-feed', VIEWPORTS[0]!);
    await withFeed.page.waitForSelector('suora-public-feed >>> select option:nth-child(2)');
    assert.equal(topicsRequests(await withFeed.cost()).length, 1);
    await withFeed.page.browserContext().close();
  });

  it('asks nothing of the server for the floating button until its dialog opens', async () => {
    const { page, cost } = await view('/button', VIEWPORTS[1]!);
    assert.deepEqual(topicsRequests(await cost()), []);
    await page.locator('suora-feedback >>> button.open').click();
    await page.waitForNetworkIdle({ idleTime: 100 });
    assert.equal(topicsRequests(await cost()).length, 1);
    // The business topic's own fields, once the person turns to the form.
    await page.locator('suora-feedback >>> #comment').click();
    await page.waitForSelector('suora-feedback >>> #businessId');
    await page.browserContext().close();
  });
});
