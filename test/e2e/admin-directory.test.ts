import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { TRANSLATIONS } from '../../widget/src/dashboard/locales/index.js';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/*
 * The admin view's directory upkeep and everyone's own settings, by keyboard in Chromium.
 * Functions passed to page.evaluate run in the page; this file has no DOM types, hence `any`.
 */

const PEOPLE = 'suora-dashboard >>> suora-admin-people >>> ';
const ORGANISATION = 'suora-dashboard >>> suora-admin-organisation >>> ';
const SECTIONS = ['admin/people', 'admin/organisation', 'admin/links', 'admin/records', 'admin/mail', 'settings'];

describe('the admin keeps the directory, and staff their own settings, in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
    page = await browser.newPage();
    await page.setBypassCSP(true); // so that axe-core can be injected into our CSP-protected pages
    await page.evaluateOnNewDocument(() => {
      (globalThis as any).deepText = (node: any): string => {
        let text = '';
        const walk = (n: any) => {
          if (n.nodeType === 3) text += n.textContent;
          if (n.shadowRoot) walk(n.shadowRoot);
          n.childNodes.forEach(walk);
        };
        walk(node);
        return text;
      };
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(demo.urls.signIn.admin, { waitUntil: 'networkidle0' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function show(hash: string, text: string): Promise<void> {
    await page.evaluate((h) => ((globalThis as any).location.hash = h), hash);
    await page.waitForFunction((t) => deepText((globalThis as any).document.body).includes(t), { timeout: 10_000 }, text);
  }

  /** What the server holds, asked as the signed-in admin's page would. */
  async function get(path: string): Promise<any> {
    return page.evaluate(async (p) => (await fetch(p, { cache: 'no-store' } as any)).json(), path);
  }

  async function official(id: string): Promise<any> {
    return (await get('/api/admin/directory')).officials.find((o: any) => o.id === id);
  }

  async function focus(selector: string): Promise<void> {
    await (await page.waitForSelector(selector))!.focus();
  }

  async function tabTo(id: string): Promise<void> {
    for (let i = 0; i < 40 && (await deepActiveId(page)) !== id; i++) await page.keyboard.press('Tab');
    assert.equal(await deepActiveId(page), id);
  }

  async function assertAccessible(where: string): Promise<void> {
    if (!(await page.evaluate(() => Boolean((globalThis as any).axe)))) await page.addScriptTag({ path: AXE, id: 'axe' });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run((globalThis as any).document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe on ${where}`);
  }

  it('edits an official by keyboard alone, saved only on Save', async () => {
    await show('admin/people', 'Pekka Mäkinen');
    await focus(`${PEOPLE}button[aria-label="Muokkaa: Pekka Mäkinen"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${PEOPLE}#edit-name`);
    assert.equal(await deepActiveId(page), 'edit-name', 'the form takes the focus');
    await page.keyboard.press('Tab');
    assert.equal(await deepActiveId(page), 'edit-title');
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.type('Johtava rakennustarkastaja');
    assert.equal((await official('pekka-makinen')).title, 'Rakennustarkastaja', 'typing saves nothing');
    await tabTo('edit-save');
    await page.keyboard.press('Enter');
    await show('admin/people', 'Johtava rakennustarkastaja');
    assert.equal((await official('pekka-makinen')).title, 'Johtava rakennustarkastaja');
  });

  it('saving an unchanged form says there was nothing to save, beside Save, in people and in the organisation', async () => {
    await show('admin/people', 'Pekka Mäkinen');
    await focus(`${PEOPLE}button[aria-label="Muokkaa: Pekka Mäkinen"]`);
    await page.keyboard.press('Enter');
    await focus(`${PEOPLE}#edit-save`);
    await page.keyboard.press('Enter');
    await show('admin/people', TRANSLATIONS.fi.nothingToSave);
    assert.equal(await deepActiveId(page), 'edit-save', 'the form stays, focus on Save');

    const area = (await get('/api/admin/directory')).serviceAreas[0];
    await show('admin/organisation', area.name.fi);
    const org = 'suora-dashboard >>> suora-admin-organisation >>> ';
    await focus(`${org}button[aria-label="${TRANSLATIONS.fi.editOf.replace('{name}', area.name.fi)}"]`);
    await page.keyboard.press('Enter');
    await focus(`${org}#edit-name-fi`);
    await page.$eval(`${org}#edit-name-fi`, (input: any) => input.form.requestSubmit());
    await show('admin/organisation', TRANSLATIONS.fi.nothingToSave);
  });

  it('no select or box in any admin part saves on arrow keys or Space: the server keeps the old role and owners', async () => {
    const before = await get('/api/admin/directory');
    await show('admin/people', 'Tiina Hämäläinen');
    await focus(`${PEOPLE}button[aria-label="Muokkaa: Tiina Hämäläinen"]`);
    await page.keyboard.press('Enter');
    await focus(`${PEOPLE}#edit-role`);
    await page.keyboard.press('ArrowUp'); // admin → decision-maker, as the select shows it
    assert.equal(await page.$eval(`${PEOPLE}#edit-role`, (s: any) => s.value), 'decision-maker', 'the key changed the select');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    let tried = 0;
    for (const part of ['admin/people', 'admin/organisation', 'admin/links', 'admin/records']) {
      await show(part, 'Ylläpito');
      await page.waitForFunction(() => !deepText((globalThis as any).document.body).includes('Ladataan'));
      if (part === 'admin/organisation') {
        await focus(`${ORGANISATION}button[aria-label="Muokkaa: Työllisyyspalvelut"]`);
        await page.keyboard.press('Enter');
        await page.waitForSelector(`${ORGANISATION}#edit-responsible`);
      }
      const controls = await page.$$('suora-dashboard >>> select, suora-dashboard >>> input[type=checkbox]');
      for (const control of controls) {
        await control.focus();
        const checkbox = await control.evaluate((el: any) => el.type === 'checkbox');
        await page.keyboard.press(checkbox ? 'Space' : 'ArrowDown');
      }
      tried += controls.length;
    }
    assert.ok(tried > 5, `tried ${tried} controls`);
    const after = await get('/api/admin/directory');
    assert.deepEqual(after, before, 'the directory is as it was');
    assert.equal((await official('tiina-hamalainen')).role, 'admin');
  });

  it('deactivating with a successor asks first: Escape changes nothing, confirming moves the work to the successor', async () => {
    await show('admin/people', 'Jussi Korhonen');
    await focus(`${PEOPLE}button[aria-label="Muokkaa: Jussi Korhonen"]`);
    await page.keyboard.press('Enter');
    await focus(`${PEOPLE}input[name=active]`);
    await page.keyboard.press('Space');
    await page.waitForSelector(`${PEOPLE}#edit-successor`);
    await page.select(`${PEOPLE}#edit-successor`, 'aino-virtanen');
    await focus(`${PEOPLE}#edit-save`);
    await page.keyboard.press('Enter');

    const dialog = `${PEOPLE}suora-confirm >>> dialog`;
    await page.waitForSelector(`${dialog}[open]`);
    assert.equal(await page.$eval(dialog, (d: any) => d.matches(':modal')), true, 'a modal dialog');
    assert.equal(await page.$eval(dialog, (d: any) => d.contains(d.getRootNode().activeElement)), true, 'focus is in the dialog');
    const said = await page.$eval(dialog, (d: any) => d.textContent);
    assert.match(said, /Jussi Korhonen ei voi enää kirjautua/);
    assert.match(said, /Aino Virtanen/);
    await assertAccessible('the confirmation');

    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}:not([open])`);
    assert.equal(await deepActiveId(page), 'edit-save', 'focus returns to Save');
    assert.equal((await official('jussi-korhonen')).active, true, 'Escape changed nothing');

    await page.keyboard.press('Enter');
    await page.waitForSelector(`${dialog}[open]`);
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    await show('admin/people', 'Lähtenyt');
    assert.equal((await official('jussi-korhonen')).active, false);
    const directory = await get('/api/admin/directory');
    assert.equal(directory.topics.find((t: any) => t.id === 'tyollisyys').officialId, 'aino-virtanen', 'the topic moved');
    const { links } = await get('/api/admin/links');
    assert.ok(!links.some((l: any) => l.official.id === 'jussi-korhonen' && !l.revokedAt), 'no live link left with the leaver');
  });

  it('revoking a survey link asks first, saying it cannot be undone', async () => {
    await show('admin/links', 'Laura Nieminen');
    const revoke = (await page.$$('suora-dashboard >>> suora-links >>> li.card button.secondary')).at(-1)!;
    await revoke.focus();
    await page.keyboard.press('Enter');
    const dialog = 'suora-dashboard >>> suora-links >>> suora-confirm >>> dialog';
    await page.waitForSelector(`${dialog}[open]`);
    assert.match(await page.$eval(dialog, (d: any) => d.textContent), /Tätä ei voi perua/);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}:not([open])`);
    const { links } = await get('/api/admin/links');
    assert.ok(links.every((l: any) => !l.revokedAt), 'nothing revoked');
  });

  it('retires a topic: no longer offered, its feedback still in the inbox', async () => {
    await show('admin/organisation', 'Rakennusvalvonta ja luvat');
    await focus(`${ORGANISATION}button[aria-label="Muokkaa: Rakennusvalvonta ja luvat"]`);
    await page.keyboard.press('Enter');
    await focus(`${ORGANISATION}input[name=retired]`);
    await page.keyboard.press('Space');
    assert.ok((await get('/api/topics?locale=fi')).topics.some((t: any) => t.id === 'rakennusvalvonta'), 'not before Save');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await show('admin/organisation', 'Poistettu käytöstä');
    assert.ok(!(await get('/api/topics?locale=fi')).topics.some((t: any) => t.id === 'rakennusvalvonta'), 'not offered after Save');
    await show('inbox', 'Lupahakemuksen käsittely kesti yli kolme kuukautta');
  });

  it('retiring a service area asks first, saying what happens; Escape changes nothing; confirmed, it and its topics are no longer offered', async () => {
    await show('admin/organisation', 'Sivistyksen palvelualue');
    await focus(`${ORGANISATION}button[aria-label="Muokkaa: Sivistyksen palvelualue"]`);
    await page.keyboard.press('Enter');
    await focus(`${ORGANISATION}input[name=retired]`);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dialog = `${ORGANISATION}suora-confirm >>> dialog`;
    await page.waitForSelector(`${dialog}[open]`);
    const said = await page.$eval(dialog, (d: any) => d.textContent);
    assert.match(said, /Poistetaanko Sivistyksen palvelualue käytöstä/);
    assert.match(said, /Kirjastot/, 'names the topics that stop being offered');
    assert.match(said, /Jo annettu palaute pysyy/);
    assert.match(said, /Kyselylinkit on ensin mitätöitävä/);
    await assertAccessible('the area retirement confirmation');
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}:not([open])`);
    assert.equal((await get('/api/admin/directory')).serviceAreas.find((a: any) => a.id === 'sivistys').retired, false, 'Escape changed nothing');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${dialog}[open]`);
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${dialog}:not([open])`);
    await page.waitForFunction(async () => ((await (await fetch('/api/admin/directory', { cache: 'no-store' } as any)).json()) as any).serviceAreas.find((a: any) => a.id === 'sivistys').retired);
    assert.ok(!(await get('/api/topics?locale=fi')).topics.some((t: any) => t.serviceArea.id === 'sivistys'), 'its topics are no longer offered');
  });

  it('my settings: the language of my mail, saved on Save, as GET /api/me shows', async () => {
    await show('settings', 'Sähköpostiesi kieli');
    await focus('suora-dashboard >>> suora-my-settings >>> #my-locale');
    await page.keyboard.press('ArrowDown'); // suomi → svenska
    assert.equal((await get('/api/me')).locale, 'fi', 'not saved by the arrow key');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await show('settings', 'Tallennettu');
    assert.equal((await get('/api/me')).locale, 'sv');
    const text = await page.evaluate(() => deepText((globalThis as any).document.body));
    assert.match(text, /Poissaolot/, 'a pointer to their absences');
  });

  it('every admin part and my settings pass axe, and fit 320 px without sideways scrolling', async () => {
    for (const section of SECTIONS) {
      await page.setViewport({ width: 1280, height: 900 });
      await show(section, section === 'settings' ? 'Sähköpostiesi kieli' : 'Ylläpito');
      await page.waitForFunction(() => !deepText((globalThis as any).document.body).includes('Ladataan'));
      await assertAccessible(section);
      await page.setViewport({ width: 320, height: 640 });
      const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
      assert.ok(overflow <= 0, `${section} scrolls sideways by ${overflow} px at 320 px`);
    }
    await page.setViewport({ width: 1280, height: 900 });
  });
});

async function deepActiveId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let active = (globalThis as any).document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.id;
  });
}

/** The text of a node, through shadow roots: defined in the page by `evaluateOnNewDocument`. */
declare function deepText(node: unknown): string;
