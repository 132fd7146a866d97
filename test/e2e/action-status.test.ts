import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertFocusKept } from '../helpers/page-checks.js';

/*
 * What an action came to ("Tallennettu.", or why not) is said beside the button that was
 * pressed, in a polite status when it went well and an alert when it did not, without moving
 * what is around it; focus stays on the button or the message. On the demo city, as its admin.
 * Functions passed to page.evaluate run in Chromium (no DOM types here).
 */

function deepAll() {
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
}

/** The status beside the button `selector` (the first match): what its polite status and its alert say. */
function besideButton(page: Page, selector: string): Promise<{ status: string; alert: string } | null> {
  return page.evaluate((s) => {
    const button = (globalThis as any).deepAll(s)[0];
    const place = button?.closest('.actions')?.querySelector(':scope > p.status');
    if (!place) return null;
    return { status: place.querySelector('[role=status]').textContent.trim(), alert: place.querySelector('[role=alert]').textContent.trim() };
  }, selector);
}

describe('what an action came to is said beside its button, in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    page = await browser.newPage();
    await page.evaluateOnNewDocument(deepAll);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(demo.urls.signIn.admin, { waitUntil: 'networkidle0' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function show(hash: string, selector: string): Promise<void> {
    await page.evaluate((h) => ((globalThis as any).location.hash = h), hash);
    await page.waitForFunction((s) => (globalThis as any).deepAll(s).length > 0, { timeout: 10_000 }, selector);
  }

  async function press(selector: string): Promise<void> {
    await page.evaluate((s) => (globalThis as any).deepAll(s)[0].focus(), selector);
    await page.keyboard.press('Enter');
  }

  it('every button of every form in every view has a status and an alert beside it', async () => {
    const feedback = await page.evaluate(async () => ((await (await fetch('/api/me/feedback?pageSize=1')).json()) as any).items[0].id);
    const views: [string, string][] = [
      ['admin/people', 'button[aria-label^="Muokkaa:"]'],
      ['admin/organisation', 'button[aria-label^="Muokkaa:"]'],
      ['admin/links', '#link-official'],
      ['admin/records', '#person-email'],
      ['inbox', '#bulk-status'],
      ['away', '#away-from'],
      ['templates', '#template-name'],
      ['settings', '#my-locale'],
      [`feedback/${feedback}`, '#status-h'],
    ];
    const missing: string[] = [];
    for (const [hash, ready] of views) {
      await show(hash, ready);
      // The edit forms are shown too: open the first one.
      if (ready.startsWith('button')) {
        await page.evaluate((s) => (globalThis as any).deepAll(s)[0].click(), ready);
        await page.waitForFunction(() => (globalThis as any).deepAll('#edit-name, #edit-name-fi').length > 0);
      }
      missing.push(...(await page.evaluate((h) => {
        const lacking: string[] = [];
        for (const form of (globalThis as any).deepAll('form:not(.filters)')) {
          for (const button of form.querySelectorAll('button')) {
            const place = button.closest('.actions')?.querySelector(':scope > p.status');
            if (!place?.querySelector('[role=status]') || !place.querySelector('[role=alert]')) lacking.push(`${h}: ${button.textContent.trim()}`);
          }
        }
        return lacking;
      }, hash)));
    }
    assert.deepEqual(missing, []);
  });

  it('adding an official: a refusal is an alert beside Add, a success a status there, and nothing below moves', async () => {
    await show('admin/people', '#new-name');
    // Where the next form is, from this one: scrolling to the focused button moves both alike.
    const below = () => page.evaluate(() => {
      const [form, next] = (globalThis as any).deepAll('#add-official-h, #login-h');
      return next.getBoundingClientRect().top - form.getBoundingClientRect().top;
    });
    const before = await below();
    await page.evaluate(() => {
      const [name, email] = (globalThis as any).deepAll('#new-name, #new-email');
      name.value = 'Toinen Aino';
      email.value = 'AINO.VIRTANEN@example.fi'; // already Aino Virtanen's
    });
    const add = '#add-official-h ~ .row button[type=submit]';
    await press(add);
    await page.waitForFunction((s) => (globalThis as any).deepAll(s)[0].closest('.actions').querySelector('[role=alert]').textContent.trim() !== '', { timeout: 10_000 }, add);
    const refused = await besideButton(page, add);
    assert.match(refused!.alert, /^Ei tallennettu:/);
    assert.equal(refused!.status, '');
    assert.equal(await below(), before, 'the form below stays where it was');
    assert.match(await assertFocusKept(page, 'a refused Add'), /^BUTTON/);

    await page.evaluate(() => ((globalThis as any).deepAll('#new-email')[0].value = 'toinen.aino@example.fi'));
    await press(add);
    await page.waitForFunction((s) => (globalThis as any).deepAll(s)[0].closest('.actions').querySelector('[role=status]').textContent.trim() !== '', { timeout: 10_000 }, add);
    assert.deepEqual(await besideButton(page, add), { status: 'Tallennettu.', alert: '' });
    assert.match(await assertFocusKept(page, 'Add'), /^BUTTON “Lisää”/);
  });

  it('saving an official: the form stays open with "Tallennettu." beside Save, and Cancel becomes Close', async () => {
    await show('admin/people', 'button[aria-label="Muokkaa: Laura Nieminen"]');
    await press('button[aria-label="Muokkaa: Laura Nieminen"]');
    await page.waitForFunction(() => (globalThis as any).deepAll('#edit-title').length > 0);
    await page.evaluate(() => ((globalThis as any).deepAll('#edit-title')[0].value = 'Kunnossapitojohtaja'));
    await press('#edit-save');
    await page.waitForFunction(() => (globalThis as any).deepAll('#edit-save')[0]?.closest('.actions').querySelector('[role=status]').textContent.trim() !== '', { timeout: 10_000 });
    assert.deepEqual(await besideButton(page, '#edit-save'), { status: 'Tallennettu.', alert: '' });
    assert.match(await assertFocusKept(page, 'Save'), /^BUTTON “Tallenna”/);
    assert.equal(await page.evaluate(() => (globalThis as any).deepAll('#edit-save')[0].nextElementSibling.textContent.trim()), 'Sulje');
  });

  it('removing a template: its row goes, and focus goes to what came of it', async () => {
    await page.evaluate(async () => {
      const text = { fi: 'Kiitos palautteesta.', sv: 'Tack för responsen.', en: 'Thank you for the feedback.' };
      await fetch('/api/admin/templates', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Katutyöt', text }) });
    });
    await show('templates', 'button[aria-label="Poista vastauspohja Katutyöt"]');
    await press('button[aria-label="Poista vastauspohja Katutyöt"]');
    await page.waitForFunction(() => (globalThis as any).deepAll('button[aria-label="Poista vastauspohja Katutyöt"]').length === 0, { timeout: 10_000 });
    assert.match(await assertFocusKept(page, 'removing a template'), /^P “Vastauspohja poistettu\.”/);
  });

  it('revoking a survey link: its buttons go, and focus goes to what came of it in its card', async () => {
    await show('admin/links', 'li.card');
    await page.evaluate(() => (globalThis as any).deepAll('li.card button.secondary').find((b: any) => b.textContent.trim() === 'Poista käytöstä').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).deepAll('suora-confirm')[0]?.shadowRoot.querySelector('dialog[open]'));
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).deepAll('p.status [role=status]').some((s: any) => s.textContent.includes('Linkki poistettu käytöstä.')), { timeout: 10_000 });
    assert.match(await assertFocusKept(page, 'revoking a link'), /^P “Linkki poistettu käytöstä\.”/);
  });
});
