import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TRANSLATIONS } from '../../widget/src/dashboard/locales/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertFocusKept, assertViewSound, focused, VIEWPORTS } from '../helpers/page-checks.js';

/*
 * The admin makes and revokes an API key in the dashboard by keyboard, while `suora demo`
 * runs (its lowdb directory is locked: the command line could not). Functions passed to
 * page.evaluate run in the page; this file has no DOM types, hence `any`.
 */

const KEYS = 'suora-dashboard >>> suora-admin-api-keys >>> ';
const t = TRANSLATIONS.fi.apiKeys;

describe('the admin makes and revokes API keys in the dashboard, in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    const context = await browser.createBrowserContext();
    await context.overridePermissions(demo.urls.server, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    page = await context.newPage();
    await page.setBypassCSP(true); // so that axe-core can be injected into our CSP-protected pages
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(demo.urls.signIn.admin, { waitUntil: 'networkidle0' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  /**
   * The element `selector` finds in the API keys view once it is there. Not waitForSelector:
   * it watches the document for changes, and these happen inside the view's shadow root.
   */
  async function shown(selector: string, present = true) {
    return (await page.waitForFunction(
      (s: string, present: boolean) => {
        const view = (globalThis as any).document.querySelector('suora-dashboard')?.shadowRoot?.querySelector('suora-admin')?.shadowRoot?.querySelector('suora-admin-api-keys');
        const found = view?.shadowRoot?.querySelector(s);
        return present ? found : !found;
      },
      { polling: 100, timeout: 10_000 },
      selector,
      present,
    )).asElement();
  }

  /** POST /api/sms-surveys as the customer-service line's system would, for the demo's first official. */
  async function askSurvey(key: string): Promise<number> {
    const official: string = await page.evaluate(async () => ((await (await fetch('/api/admin/directory')).json()) as any).officials.find((o: any) => o.active && o.role === 'official').id);
    const response = await fetch(`${demo.urls.server}/api/sms-surveys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ phone: '040 765 4321', official }),
    });
    return response.status;
  }

  it('creates a key shown once with a copy button, and revokes it after asking: its next request is refused', async () => {
    await page.evaluate(() => ((globalThis as any).location.hash = 'admin/api-keys'));
    await page.waitForSelector(`${KEYS}tbody tr`, { timeout: 10_000 }); // the demo's own key

    await (await page.waitForSelector(`${KEYS}#key-name`))!.focus();
    await page.keyboard.type('lahti-piste');
    await page.keyboard.press('Enter'); // the form's first scope: SMS surveys

    const heading = (await shown('#new-key-h'))!;
    await page.waitForFunction((h: any) => h.getRootNode().activeElement === h, {}, heading);
    assert.match(await assertFocusKept(page, 'creating a key'), /lahti-piste/);
    const key = await page.$eval(`${KEYS}#new-key`, (c: any) => c.textContent.trim());
    assert.match(key, /^[A-Za-z0-9][A-Za-z0-9_-]{20}$/);
    assert.match(await page.$eval(`${KEYS}#new-key-warning`, (p: any) => p.textContent), /ei näytetä uudelleen/);
    for (const { name, viewport } of VIEWPORTS) {
      await page.setViewport(viewport);
      await assertViewSound(page, `the new key (${name})`);
    }
    await page.setViewport({ width: 1280, height: 900 });

    await page.keyboard.press('Tab'); // to the copy button
    assert.match(await focused(page), new RegExp(t.copy));
    await page.keyboard.press('Enter');
    const copyStatus = await page.waitForSelector(`${KEYS}section [role=status]`);
    await page.waitForFunction((p: any, s: string) => p.textContent.includes(s), {}, copyStatus, TRANSLATIONS.fi.copied);
    assert.equal(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText()), key);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "I have copied it": the key is gone from the page
    await shown('#new-key', false);
    await assertFocusKept(page, 'closing the new key');
    assert.equal(await askSurvey(key), 202, 'the key works at once');

    const revoke = `${KEYS}button[aria-label="${t.revokeOf.replace('{name}', 'lahti-piste')}"]`;
    await (await page.waitForSelector(revoke))!.focus();
    await page.keyboard.press('Enter');
    const dialog = `${KEYS}suora-confirm >>> dialog`;
    await page.waitForSelector(`${dialog}[open]`);
    assert.match(await page.$eval(dialog, (d: any) => d.textContent), /torjutaan tästä lähtien/);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}:not([open])`);
    assert.equal(await askSurvey(key), 202, 'Escape revoked nothing');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${dialog}[open]`);
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    await shown(`button[aria-label="${t.revokeOf.replace('{name}', 'lahti-piste')}"]`, false);
    assert.equal(await askSurvey(key), 401, 'refused at once, while the server runs');
    const row = await page.$$eval(`${KEYS}tbody tr`, (rows: any[]) => rows.map((r) => r.textContent).find((text: string) => text.includes('lahti-piste')));
    assert.match(row!, /Poistettu käytöstä/);
    // The revoked row's button is gone: focus goes to what came of it, which names the key.
    assert.match(await assertFocusKept(page, 'revoking a key'), /Avain lahti-piste poistettu käytöstä\./);
  });

  it('says why a key was not made in Finnish, not in the server’s English', async () => {
    await (await page.waitForSelector(`${KEYS}#key-name`))!.focus();
    await page.keyboard.type('lahti-piste'); // revoked keys keep their names
    await page.keyboard.press('Enter');
    const alert = `${KEYS}p.status [role=alert]`;
    await page.waitForFunction((s: string) => {
      const view = (globalThis as any).document.querySelector('suora-dashboard')?.shadowRoot?.querySelector('suora-admin')?.shadowRoot?.querySelector('suora-admin-api-keys');
      return [...(view?.shadowRoot?.querySelectorAll('p.status [role=alert]') ?? [])].some((a: any) => a.textContent.includes(s));
    }, { polling: 100, timeout: 10_000 }, TRANSLATIONS.fi.errors.key_name_taken);
    const said = await page.$$eval(alert, (as: any[]) => as.map((a) => a.textContent).join(' '));
    assert.doesNotMatch(said, /There is already/);
  });

  it('the audit log names the key, as actor of its uses and as target, never by its id', async () => {
    await page.evaluate(() => ((globalThis as any).location.hash = 'admin/records'));
    const records = 'suora-dashboard >>> suora-admin-records >>> ';
    // Polled, not waitForSelector: the view's rows come inside its shadow root (see `shown`).
    await page.waitForFunction(() => (globalThis as any).document.querySelector('suora-dashboard')?.shadowRoot?.querySelector('suora-admin')?.shadowRoot?.querySelector('suora-admin-records')?.shadowRoot?.querySelector('#audit-h'), { polling: 100, timeout: 10_000 });
    const rows: string[][] = await page.$$eval(`${records}tbody tr`, (trs: any[]) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td: any) => td.textContent.trim())));
    const ids: string[] = await page.evaluate(async () => ((await (await fetch('/api/admin/api-keys')).json()) as any).apiKeys.map((k: any) => k.id));
    const keyRows = rows.filter((cells) => cells.join(' ').includes('lahti-piste'));
    const fi = TRANSLATIONS.fi;
    const byAction = (action: 'api-key-create' | 'api-key-revoke' | 'api-key-use' | 'sms-survey') => keyRows.find((cells) => cells[2]!.startsWith(fi.auditActions[action]));
    for (const action of ['api-key-create', 'api-key-revoke', 'api-key-use'] as const) {
      assert.equal(byAction(action)?.[3], 'API-avain lahti-piste', `${action}: ${JSON.stringify(keyRows)}`);
    }
    assert.equal(byAction('api-key-use')?.[1], 'API-avain lahti-piste', 'a key’s use is done by the key');
    assert.equal(byAction('sms-survey')?.[1], 'API-avain lahti-piste', 'an SMS survey is asked for with the key');
    for (const cells of rows) for (const id of ids) assert.ok(!cells.join(' ').includes(id), `no key id in ${JSON.stringify(cells)}`);
  });
});
