import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startCitySite, type CitySite } from '../helpers/city-site.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

/** Every element the bundles define, by bundle. */
const BUNDLES = {
  'suora.js': 'suora-feedback',
  'public-feed.js': 'suora-public-feed',
  'survey.js': 'suora-survey',
  'dashboard.js': 'suora-dashboard',
};

describe('Suora’s bundles on a city page that requires Trusted Types', () => {
  let city: CitySite;
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    city = await startCitySite();
    demo = await startDemo({ SUORA_ALLOWED_ORIGINS: city.url });
    const suora = demo.urls.server;
    // The README's CSP paragraph, word for word, on a page that allows nothing else.
    const csp =
      `default-src 'none'; script-src ${suora}; connect-src ${suora}; style-src 'none'; img-src 'none'; ` +
      `base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types lit-html`;
    const scripts = Object.keys(BUNDLES).map((file) => `<script type="module" src="${suora}/${file}"></script>`);
    city.set('/', {
      csp,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A city page</title>${scripts.join('')}</head>
<body><main><h1>Business services</h1><suora-feedback topic="yritykset"></suora-feedback>
<suora-public-feed></suora-public-feed></main></body></html>`,
    });
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    await city?.close();
  });

  it('defines every element, renders the form and the feed, and breaks none of the page’s rules', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      const w = globalThis as any;
      w.cspViolations = [];
      w.document.addEventListener('securitypolicyviolation', (e: any) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(city.url, { waitUntil: 'networkidle0' });
    const defined = await page.evaluate(
      (names: string[]) => names.filter((name) => (globalThis as any).customElements.get(name)),
      Object.values(BUNDLES),
    );
    assert.deepEqual(defined, Object.values(BUNDLES));
    assert.ok(await page.$('suora-feedback >>> form textarea#comment'), 'the form renders');
    await page.waitForSelector('suora-public-feed >>> h2', { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => (globalThis as any).cspViolations), []);
    assert.deepEqual(errors, []);
  });
});
