import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

describe('the widget on a city page with a strict Content-Security-Policy of its own', () => {
  let city: Server;
  let cityUrl: string;
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    city = createServer();
    await new Promise<void>((resolve) => city.listen(0, '127.0.0.1', resolve));
    cityUrl = `http://127.0.0.1:${(city.address() as AddressInfo).port}`;
    demo = await startDemo({ SUORA_ALLOWED_ORIGINS: cityUrl });
    const suora = demo.urls.server;
    city.on('request', (_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        // No inline script or style at all, and Suora's origin only for its script and its API.
        'Content-Security-Policy': `default-src 'none'; script-src ${suora}; connect-src ${suora}; style-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'`,
      });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A city page</title>
<script type="module" src="${suora}/suora.js"></script></head>
<body><main><h1>Business services</h1><suora-feedback topic="yritykset"></suora-feedback></main></body></html>`);
    });
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
    city.closeAllConnections();
    await new Promise((resolve) => city.close(resolve));
  });

  it('renders styled, sends feedback, and breaks none of the page’s rules', async () => {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const w = globalThis as any;
      w.cspViolations = [];
      w.document.addEventListener('securitypolicyviolation', (e: any) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(cityUrl, { waitUntil: 'networkidle0' });
    const form = 'suora-feedback >>> ';
    await page.locator(`${form}#comment`).fill('Sent from a page with a strict CSP.');
    const border = await page.$eval(`${form}.rating-number`, (el) => (globalThis as any).getComputedStyle(el).borderTopWidth);
    assert.equal(border, '2px', 'the widget’s own styles apply');
    await page.locator(`${form}input[name=rating][value="5"]`).click();
    await page.locator(`${form}button[type=submit]`).click();
    const handle = await page.waitForFunction(
      () => (globalThis as any).document.querySelector('suora-feedback')?.shadowRoot?.querySelector('.reference')?.textContent,
      { timeout: 10_000 },
    );
    const reference = (await handle.jsonValue()) as string;
    assert.deepEqual(await page.evaluate(() => (globalThis as any).cspViolations), []);
    const stored = (await demo.exported()).find((f) => f.id === reference);
    assert.equal(stored?.pageUrl, `${cityUrl}/`);
    assert.equal(stored?.comment, 'Sent from a page with a strict CSP.');
  });
});
