import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TRANSLATIONS } from '../../widget/src/dashboard/locales/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertTargetsLargeEnough } from '../helpers/page-checks.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/*
 * The staff views as people read them, on the demo city: every view at 320 px and at 1280 px
 * with 200 % zoom (640 CSS px at twice the pixels), in Finnish and English, with nothing wider
 * than the screen and axe clean; focus after each action on something meaningful; inbox links
 * that a screen reader's link list tells apart; the language from the browser, then the
 * person's choice. Functions passed to page.evaluate run in Chromium (no DOM types here).
 */

/** Finds elements and the focused one through shadow roots. */
function deepHelpers() {
  const g = globalThis as any;
  g.deepAll = (selector: string): any[] => {
    const found: any[] = [];
    const walk = (root: any) => {
      found.push(...root.querySelectorAll(selector));
      root.querySelectorAll('*').forEach((el: any) => el.shadowRoot && walk(el.shadowRoot));
    };
    walk(g.document);
    return found;
  };
  g.deepText = (node: any): string => {
    let text = '';
    const walk = (n: any) => {
      if (n.nodeType === 3) text += n.textContent;
      if (n.shadowRoot) walk(n.shadowRoot);
      n.childNodes.forEach(walk);
    };
    walk(node);
    return text.replace(/\s+/g, ' ');
  };
  /** The focused element, inside shadow roots: `tag#id "text"`, or `body`. */
  g.focused = (): string => {
    let el = g.document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === g.document.body) return 'body';
    return `${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  };
}

const SIZES = [
  { name: '320 px', width: 320, deviceScaleFactor: 1 },
  { name: '1280 px at 200 %', width: 640, deviceScaleFactor: 2 },
];

describe('the staff views at 320 px and at 200 % zoom, by keyboard and screen reader', () => {
  let demo: RunningDemo;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  let withContact = '';
  let awaitingApproval = '';

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    const links = demo.urls.signIn;
    for (const [role, link] of [['official', links.official], ['manager', links.manager], ['decision-maker', links.decisionMaker], ['admin', links.admin]] as const) {
      const page = await (await browser.createBrowserContext()).newPage();
      await page.setBypassCSP(true); // so that axe-core can be injected
      await page.evaluateOnNewDocument(deepHelpers);
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(link, { waitUntil: 'networkidle0' });
      await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
      pages[role] = page;
    }
    const items: any[] = await pages.official!.evaluate(async () => ((await (await fetch('/api/me/feedback?pageSize=100')).json()) as any).items);
    withContact = items.find((f) => f.contact?.email)!.id;
    awaitingApproval = items.find((f) => f.public && !f.published)!.id;
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function open(page: Page, hash: string, lang: string): Promise<void> {
    await page.evaluate((h, l) => {
      const g = globalThis as any;
      g.document.querySelector('suora-dashboard').lang = l;
      g.location.hash = h;
    }, hash, lang);
    await page.waitForFunction(() => !(globalThis as any).deepText((globalThis as any).document.body).match(/Ladataan|Loading/), { timeout: 10_000 });
    await page.waitForNetworkIdle();
    // Disclosures open too: the tables behind "Show the figures" must fit as well.
    await page.evaluate(() => (globalThis as any).deepAll('details').forEach((d: any) => (d.open = true)));
  }

  async function assertFitsAndAxeClean(page: Page, where: string): Promise<void> {
    const widths = await page.evaluate(() => [(globalThis as any).document.documentElement.scrollWidth, (globalThis as any).innerWidth]);
    assert.ok(widths[0]! <= widths[1]!, `${where}: the page is ${widths[0]} px wide in a ${widths[1]} px viewport`);
    if (!(await page.evaluate(() => Boolean((globalThis as any).axe)))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run((globalThis as any).document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      });
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe on ${where}`);
  }

  const VIEWS: [string, () => string][] = [
    ['official', () => 'inbox'],
    ['official', () => `feedback/${withContact}`],
    ['official', () => 'scores'],
    ['official', () => 'links'],
    ['manager', () => 'team'],
    ['decision-maker', () => 'stats'],
    ['decision-maker', () => 'council'],
    ['admin', () => 'admin/people'],
    ['admin', () => 'admin/organisation'],
    ['admin', () => 'admin/links'],
    ['admin', () => 'admin/records'],
    ['admin', () => 'admin/api-keys'],
    ['admin', () => 'queue'],
    ['admin', () => 'templates'],
  ];

  for (const size of SIZES) {
    for (const lang of ['fi', 'en']) {
      it(`${lang}, ${size.name}: every staff view fits the screen, is axe-clean (WCAG 2.2 AA and best practice) and has no target under 44 px`, async () => {
        for (const [role, hash] of VIEWS) {
          const page = pages[role]!;
          await page.setViewport({ width: size.width, height: 800, deviceScaleFactor: size.deviceScaleFactor });
          await open(page, hash(), lang);
          await assertFitsAndAxeClean(page, `${role} #${hash()} (${lang}, ${size.name})`);
          await assertTargetsLargeEnough(page, `${role} #${hash()} (${lang}, ${size.name})`);
        }
      });
    }
  }

  it('the item is a card with labelled contact details and a timeline of its history', async () => {
    const page = pages.official!;
    await page.setViewport({ width: 1280, height: 900 });
    await open(page, `feedback/${withContact}`, 'fi');
    const t = TRANSLATIONS.fi;
    const labels: string[] = await page.evaluate(() => (globalThis as any).deepAll('#contact-h + dl dt').map((dt: any) => dt.textContent.trim()));
    assert.ok(labels.includes(t.detail.contact.email) && labels.includes(t.detail.contact.name), labels.join(', '));
    assert.ok((await page.evaluate(() => (globalThis as any).deepAll('ol.timeline > li.step').length)) >= 1, 'a timeline');
    // "Reply" is not both the section's heading and its field's label.
    const [heading, label] = await page.evaluate(() => [(globalThis as any).deepAll('#reply-h')[0].textContent.trim(), (globalThis as any).deepAll('label[for=reply]')[0].textContent.trim()]);
    assert.notEqual(heading, label);
  });

  it('inbox links are told apart by a screen reader: each names the item’s reference and time', async () => {
    const page = pages.admin!;
    await page.setViewport({ width: 1280, height: 900 });
    await open(page, 'inbox', 'fi');
    const names: string[] = await page.evaluate(() =>
      (globalThis as any).deepAll('a[href^="#feedback/"]').map((a: any) => a.getAttribute('aria-label') ?? a.textContent.trim()),
    );
    assert.ok(names.length > 5, 'a full inbox');
    assert.equal(new Set(names).size, names.length, names.join('\n'));
  });

  it('focus stays on something meaningful after each action: opening an item by Enter, approving, saving, bulk actions, a dialog closed', async () => {
    const page = pages.official!;
    await page.setViewport({ width: 1280, height: 900 });
    await open(page, 'inbox', 'fi');
    // Opening an item with Enter: focus on its heading.
    await page.evaluate((id) => (globalThis as any).deepAll(`a[href="#feedback/${id}"]`)[0].focus(), awaitingApproval);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).focused().startsWith('h2#item-h'), { timeout: 10_000 });
    // Approving replaces the form: focus on the publication's heading.
    await page.evaluate(() => (globalThis as any).deepAll('#publication-h ~ form button[type=submit]')[0].focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).deepAll('#publication-h ~ .actions button').length === 1, { timeout: 10_000 });
    assert.match(await page.evaluate(() => (globalThis as any).focused()), /^h3#publication-h/);
    // Saving a status: focus stays on Save, "Saved." beside it.
    await page.evaluate(() => (globalThis as any).deepAll('#status-h ~ form button[type=submit]')[0].focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).deepAll('#status-h ~ form p.status')[0].textContent.trim() !== '', { timeout: 10_000 });
    assert.notEqual(await page.evaluate(() => (globalThis as any).focused()), 'body');
    // A bulk action in the inbox.
    await open(page, 'inbox', 'fi');
    await page.evaluate(() => (globalThis as any).deepAll('input[type=checkbox][id^=select-]')[0].click());
    await page.evaluate(() => (globalThis as any).deepAll('#bulk-status')[0].closest('form').querySelector('button').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /\d/.test((globalThis as any).deepAll('p.status')[0]?.textContent ?? ''), { timeout: 10_000 });
    assert.notEqual(await page.evaluate(() => (globalThis as any).focused()), 'body');
    // A dialog closed by Escape: focus back on the button that opened it.
    const admin = pages.admin!;
    await open(admin, 'admin/links', 'fi');
    await admin.evaluate(() => (globalThis as any).deepAll('suora-links').at(-1).shadowRoot.querySelectorAll('.actions button.secondary')[2].focus());
    const opener = await admin.evaluate(() => (globalThis as any).focused());
    await admin.keyboard.press('Enter');
    await admin.waitForFunction(() => (globalThis as any).deepAll('dialog[open]').length === 1, { timeout: 10_000 });
    await admin.keyboard.press('Escape');
    await admin.waitForFunction(() => (globalThis as any).deepAll('dialog[open]').length === 0);
    assert.equal(await admin.evaluate(() => (globalThis as any).focused()), opener);
  });

  it('speaks the browser’s language until the person chooses one, and remembers the choice across reloads', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.evaluateOnNewDocument(() => Object.defineProperty((globalThis as any).navigator, 'languages', { get: () => ['de-DE', 'sv-FI', 'fi'] }));
    await page.evaluateOnNewDocument(deepHelpers);
    await page.goto(`${demo.urls.server}/dashboard`, { waitUntil: 'networkidle0' });
    // Signed out: the sign-in view, in Swedish (the first of the browser's languages the dashboard speaks).
    assert.equal(await page.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').lang), 'sv');
    await context.close();
    // Chosen in the header: remembered across a reload.
    const official = pages.official!;
    await official.evaluate(() => (globalThis as any).deepAll('.languages button[lang=en]')[0].click());
    await official.reload({ waitUntil: 'networkidle0' });
    assert.equal(await official.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').lang), 'en');
    await official.evaluate(() => (globalThis as any).localStorage.removeItem('suora.dashboard.lang'));
    await official.reload({ waitUntil: 'networkidle0' });
    assert.equal(await official.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').lang), 'fi');
  });
});
