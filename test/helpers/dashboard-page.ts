import assert from 'node:assert/strict';
import puppeteer, { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from './chromium.js';

/*
 * The browser set-up the dashboard's end-to-end tests share: a Finnish person's Chromium, pages
 * that can read text through shadow roots, and sign-in through a printed sign-in link.
 * Functions passed to page.evaluate run in Chromium: this file has no DOM types, hence `any`.
 */

declare global {
  /** The text of a node, through shadow roots: defined in each page by `preparedPage`. */
  function deepText(node: unknown): string;
}

/** Debian's Chromium, headless, as a person in a Finnish city (Finnish first in `navigator.languages`). */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
}

/** What every prepared page runs first: `deepText`, and a list of the page's CSP violations. */
function installPageHelpers(): void {
  const g = globalThis as any;
  g.cspViolations = [];
  g.document.addEventListener('securitypolicyviolation', (e: any) => g.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  g.deepText = (node: any): string => {
    let text = '';
    const walk = (n: any) => {
      if (n.nodeType === 3) text += n.textContent;
      if (n.shadowRoot) walk(n.shadowRoot);
      n.childNodes.forEach(walk);
    };
    walk(node);
    return text;
  };
}

/** A 1280 × 900 page in `context` that axe-core can be injected into (our pages' CSP bypassed) and that knows `deepText`. */
export async function preparedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setBypassCSP(true);
  await page.evaluateOnNewDocument(installPageHelpers);
  await page.setViewport({ width: 1280, height: 900 });
  return page;
}

/** A prepared page in a context of its own, signed in through `link` (its page asks for one press, as mail scanners open links). */
export async function signedIn(browser: Browser, link: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await preparedPage(await browser.createBrowserContext(options));
  await page.goto(link, { waitUntil: 'networkidle0' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, '/dashboard', 'the sign-in link leads to the dashboard');
  return page;
}

/** All the text the page shows, through shadow roots. */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => deepText((globalThis as any).document.body));
}

/** Waits until the page shows `text`; fails with what it shows instead. */
export async function waitForText(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction((t) => deepText((globalThis as any).document.body).includes(t), { timeout: 10_000 }, text);
  } catch (error) {
    throw new Error(`"${text}" not shown; the page says: ${await pageText(page)}`, { cause: error });
  }
}

/** Opens the dashboard's view `hash` and waits until it shows `text`. */
export async function show(page: Page, hash: string, text: string): Promise<void> {
  await page.evaluate((h) => ((globalThis as any).location.hash = h), hash);
  await waitForText(page, text);
}

/** The id of the focused element, through shadow roots. */
export function deepActiveId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let active = (globalThis as any).document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.id;
  });
}

/** Presses Tab until the element with `id` has the focus, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, id: string, max = 40): Promise<void> {
  for (let i = 0; i < max && (await deepActiveId(page)) !== id; i++) await page.keyboard.press('Tab');
  assert.equal(await deepActiveId(page), id);
}

/** The page's Content-Security-Policy violations since it loaded. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as any).cspViolations);
}
