import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertFocusKept, assertViewSound, VIEWPORTS } from '../helpers/page-checks.js';

/*
 * The widget's own states on the demo page, as a resident meets them: the closed button, the
 * open form, a validation error, sending, the thank-you, and a failure with its retry (the
 * server stopped: a real failure), each in Finnish and English at 320 px and at 1280 px with
 * 200 % zoom: nothing wider than the screen, axe clean, every target 44 px. Functions passed to
 * page.evaluate run in Chromium (no DOM types here).
 */

const WIDGET = 'suora-feedback[mode=button]';
const IN = `${WIDGET} >>> `;
const LANGS = ['fi', 'en'] as const;

describe('the feedback widget in each of its states, on the demo page in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  /** The demo page at `viewport`, the widget speaking `lang`. */
  async function demoPage(lang: string, viewport: (typeof VIEWPORTS)[number]['viewport']): Promise<Page> {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.setBypassCSP(true); // so that axe-core can be injected
    await page.setViewport(viewport);
    await page.goto(demo.urls.demoPage, { waitUntil: 'networkidle0' });
    await page.$eval(WIDGET, (el: any, l: string) => (el.lang = l), lang);
    return page;
  }

  /**
   * Waits until the widget's shadow root holds `selector`, polling: a mutation inside a shadow
   * root does not wake puppeteer's waitForSelector, so it would miss a state the widget reached.
   */
  async function shown(page: Page, selector: string): Promise<void> {
    await page.waitForFunction((w: string, s: string) => Boolean((globalThis as any).document.querySelector(w)?.shadowRoot?.querySelector(s)), { polling: 100, timeout: 15_000 }, WIDGET, selector);
  }

  async function open(page: Page): Promise<void> {
    await page.locator(`${IN}button.open`).click();
    await shown(page, 'dialog[open]');
    await shown(page, 'select#topic option:nth-child(2)');
  }

  async function fill(page: Page): Promise<void> {
    await page.$eval(`${IN}select#topic`, (s: any) => {
      s.selectedIndex = 1;
      s.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.locator(`${IN}input[name=rating][value="4"]`).click();
    await page.locator(`${IN}#comment`).fill('Hyvä palvelu.');
  }

  for (const lang of LANGS) {
    for (const { name, viewport } of VIEWPORTS) {
      it(`${lang}, ${name}: closed, open, with an error, sending and thanking, each sound`, async () => {
        const page = await demoPage(lang, viewport);
        const where = (state: string) => `the widget ${state} (${lang}, ${name})`;
        await assertViewSound(page, where('closed'));

        await open(page);
        await assertViewSound(page, where('open'));

        await page.locator(`${IN}button[type=submit]`).click();
        await shown(page, '[aria-invalid=true]');
        await assertFocusKept(page, 'sending an empty form');
        await assertViewSound(page, where('with an error'));

        // The sending state lasts while the real request is held on its way; released, it goes on to the server.
        await fill(page);
        let held: HTTPRequest | undefined;
        let sent!: () => void;
        const posted = new Promise<void>((resolve) => (sent = resolve));
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/feedback') {
            held = request;
            sent();
          } else void request.continue();
        });
        await page.locator(`${IN}button[type=submit]`).click();
        await posted;
        await shown(page, 'button[type=submit][disabled]');
        await assertViewSound(page, where('sending'));
        await held!.continue();

        await shown(page, '.reference');
        assert.match(await assertFocusKept(page, 'sending'), /^H2/);
        await assertViewSound(page, where('thanking'));
        await page.browserContext().close();
      });
    }
  }

  it('with the server stopped: the failure, kept text and a retry, sound in each language and width', async () => {
    const pages: [string, Page][] = [];
    for (const lang of LANGS) {
      for (const { name, viewport } of VIEWPORTS) {
        const page = await demoPage(lang, viewport);
        await open(page);
        await fill(page);
        pages.push([`the widget failing (${lang}, ${name})`, page]);
      }
    }
    await demo.stop();
    for (const [where, page] of pages) {
      await page.locator(`${IN}button[type=submit]`).click();
      await shown(page, '.failure button');
      assert.equal(await page.$eval(`${IN}#comment`, (c: any) => c.value), 'Hyvä palvelu.', 'what was written is kept');
      await assertFocusKept(page, 'a failed send');
      await assertViewSound(page, where);
    }
    demo = undefined as unknown as RunningDemo; // stopped already
  });
});
