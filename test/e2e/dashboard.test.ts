import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import ExcelJS from 'exceljs';
import { deepActiveId, launchChromium, preparedPage, show, signedIn, tabTo } from '../helpers/dashboard-page.js';
import { startDemo, type DemoUrls, type RunningDemo } from '../helpers/demo.js';
import { assertAxeClean } from '../helpers/page-checks.js';

const REPLY_NAMING_GIVER = 'Kiitos, Yrjö Yrittäjä! Toimitiloista kerrotaan yrityspalveluissa.';
const HOSTILE = '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> Toimitilat kiinnostavat';

/*
 * Functions passed to page.evaluate run in Chromium, serialized: they see the page's
 * globals, not this module's. This file is compiled without DOM types, hence `any`.
 */

describe('the dashboards and the public page, end to end in Chromium', () => {
  let demo: RunningDemo;
  let urls: DemoUrls;
  let browser: Browser;
  let hostileId: string;
  /** The official's signed-in page, kept from the first test for the next. */
  let officialPage: Page | undefined;

  before(async () => {
    demo = await startDemo();
    urls = demo.urls;
    browser = await launchChromium();
    const sent = await fetch(`${urls.server}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: urls.server },
      body: JSON.stringify({ topic: 'yritykset', rating: 3, comment: HOSTILE, public: true, wantsReply: true, contact: { email: 'yrittaja@ylöjärvi.fi' } }),
    });
    hostileId = ((await sent.json()) as { id: string }).id;
  });

  after(async () => {
    await browser?.close();
    await demo.stop();
  });

  const newPage = (context = browser.defaultBrowserContext()) => preparedPage(context);

  async function assertInert(page: Page): Promise<void> {
    const state = await page.evaluate(() => {
      const images: unknown[] = [];
      const walk = (root: any) => {
        root.querySelectorAll(`img[src="x"], script:not([src]):not(#axe)`).forEach((el: any) => images.push(el.outerHTML));
        root.querySelectorAll('*').forEach((el: any) => el.shadowRoot && walk(el.shadowRoot));
      };
      walk((globalThis as any).document);
      return { xss: (globalThis as any).__xss ?? null, injected: images, csp: (globalThis as any).cspViolations };
    });
    assert.deepEqual(state, { xss: null, injected: [], csp: [] });
  }

  const exported = () => demo.exported();


  it('an official signs in, sees the inbox, replies by keyboard alone, and approves publication with the reply redacted', async () => {
    const page = await signedIn(browser, urls.signIn.official);
    await show(page, 'inbox', 'Toimitilat kiinnostavat');
    assert.ok((await page.evaluate(() => deepText((globalThis as any).document.body))).includes('<img src=x onerror'), 'shown as text');
    await assertInert(page);
    await assertAxeClean(page, 'the inbox');

    // Stored in punycode for mail (yrittaja@xn--yljrvi-dua6l.fi), shown as the person wrote it.
    await show(page, `feedback/${hostileId}`, 'yrittaja@ylöjärvi.fi');
    await assertInert(page);
    await assertAxeClean(page, 'the feedback detail');

    // Keyboard alone: Tab from the heading to the reply box, type, Tab to its button, Enter.
    await tabTo(page, 'reply', 15);
    await page.keyboard.type(REPLY_NAMING_GIVER);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Vastaus tallennettu.'), { timeout: 10_000 });

    // The reply names the giver: by keyboard again, on to the reply as published, redact it, approve.
    await page.waitForSelector('suora-dashboard >>> suora-feedback-detail >>> textarea#reply-redaction');
    await assertAxeClean(page, 'the approval form');
    await tabTo(page, 'reply-redaction', 10);
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.type('Kiitos! Toimitiloista kerrotaan yrityspalveluissa.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Julkaistu julkisella palautesivulla.'), { timeout: 10_000 });

    const item = (await exported()).find((f) => f.id === hostileId);
    assert.equal(item.reply.text, REPLY_NAMING_GIVER, 'the reply as sent stays for staff');
    assert.equal(item.publishedReply, 'Kiitos! Toimitiloista kerrotaan yrityspalveluissa.');
    assert.equal(item.status, 'answered');
    assert.equal(item.published, true);

    await show(page, 'scores', 'LAHTI-2026-0142');
    assert.ok(await page.$('suora-dashboard >>> suora-scores >>> svg[role=img]'), 'the trend chart');
    await assertAxeClean(page, 'my scores');
    // The days counted, chosen by keyboard: none in January 2000, and a range backwards refused in words.
    const chooseDays = async (from: string, to: string, expected: string) => {
      await page.evaluate(
        (f, t) => {
          const view = (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-scores').shadowRoot;
          view.querySelector('#range-from').value = f;
          view.querySelector('#range-to').value = t;
        },
        from,
        to,
      );
      await page.focus('suora-dashboard >>> suora-scores >>> #range-to');
      await page.keyboard.press('Enter');
      await page.waitForFunction((t) => deepText((globalThis as any).document.querySelector('suora-dashboard')).includes(t), { timeout: 10_000 }, expected);
    };
    await chooseDays('2000-01-01', '2000-01-31', 'Ei vielä arvioita.');
    await chooseDays('2026-02-01', '2026-01-01', 'Loppupäivä on ennen alkupäivää.');
    await assertAxeClean(page, 'my scores with a refused range');
    await chooseDays('', '', 'LAHTI-2026-0142');
    await show(page, 'links', 'Miten onnistuimme?');
    await assertAxeClean(page, 'my links');
    // A sign-in link works once: the next test goes on in this session.
    officialPage = page;
  });

  it('an official adds a note and forwards an item by keyboard alone; the history is an ordered list with times, and axe passes', async () => {
    const sent = await fetch(`${urls.server}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: urls.server },
      body: JSON.stringify({ topic: 'yritykset', rating: 2, comment: 'Työpaikkailmoitus oli vanhentunut.' }),
    });
    const id = ((await sent.json()) as { id: string }).id;
    const page = officialPage ?? (await signedIn(browser, urls.signIn.official));
    await show(page, `feedback/${id}`, 'Työpaikkailmoitus oli vanhentunut.');
    await tabTo(page, 'note');
    await page.keyboard.type('Soitin antajalle, asia kuuluu työllisyyspalveluille.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Muistiinpano lisätty.'), { timeout: 10_000 });
    const steps = await page.$$eval('suora-dashboard >>> suora-feedback-detail >>> ol.timeline > li', (items: any[]) =>
      items.map((li) => [li.querySelector('time')?.getAttribute('datetime') ?? null, li.textContent.replace(/\s+/g, ' ').trim()]),
    );
    assert.equal(steps.length, 2);
    assert.ok(steps.every(([time]) => time !== null && !Number.isNaN(Date.parse(time))), 'each step has a machine-readable time');
    assert.match(steps[0]![1], /Vastaanotettu .*aiheen mukaan/);
    assert.match(steps[1]![1], /^Sisäinen muistiinpano Aino Virtanen · .* Soitin antajalle/);
    await assertAxeClean(page, 'the detail with its history and the note and forward forms');

    await tabTo(page, 'forward-target');
    await page.keyboard.type('Jussi');
    await page.keyboard.press('Tab');
    assert.equal(await deepActiveId(page), 'forward-note');
    await page.keyboard.type('Työllisyysasia.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Palaute ei ole enää saapuneissasi.'), { timeout: 10_000 });
    assert.equal(await deepActiveId(page), 'forwarded-away', 'the confirmation takes the focus');
    await assertAxeClean(page, 'the confirmation of a forward');
    const item = (await exported()).find((f) => f.id === id);
    assert.equal(item.officialId, 'jussi-korhonen');

    await show(page, 'inbox', 'Saapuneet');
    await tabTo(page, 'filter-q');
    await page.keyboard.type(id);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Ei palautteita näillä ehdoilla.'), { timeout: 10_000 });
    await page.browserContext().close();
  });

  it('the published item and its reply are on the public page, as text; private feedback is not', async () => {
    const page = await newPage();
    await page.goto(urls.publicPage, { waitUntil: 'networkidle0' });
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Toimitilat kiinnostavat'), { timeout: 10_000 });
    const text = await page.evaluate(() => deepText((globalThis as any).document.body));
    assert.ok(text.includes('Kiitos! Toimitiloista kerrotaan yrityspalveluissa.'));
    assert.ok(!text.includes('Yrjö Yrittäjä'), 'the reply as redacted');
    assert.ok(!text.includes('yrittaja@'));
    assert.ok(!text.includes('Lupahakemuksen käsittely'), 'the seed’s private item');
    await assertInert(page);
    await assertAxeClean(page, 'the public page');
    await page.close();
  });

  /** A zone whose date of `iso` is not Helsinki's: one of two 25 hours apart always is. */
  function elsewhere(iso: string): string {
    const day = (timeZone: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone });
    return ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((zone) => day(zone) !== day('Europe/Helsinki'))!;
  }

  /** The text of the list item, in any shadow root, that holds `text`. */
  function itemText(page: Page, text: string): Promise<string> {
    return page.evaluate((t) => {
      const found: string[] = [];
      const walk = (n: any) => {
        if (n.tagName === 'LI' && n.textContent.includes(t)) found.push(n.textContent);
        if (n.shadowRoot) walk(n.shadowRoot);
        n.childNodes.forEach(walk);
      };
      walk((globalThis as any).document.body);
      return found.join('\n');
    }, text);
  }

  it('the public page dates an item as the city’s calendar does, in a browser elsewhere', async () => {
    const { createdAt } = (await exported()).find((f) => f.id === hostileId);
    const page = await newPage();
    await page.emulateTimezone(elsewhere(createdAt));
    await page.goto(urls.publicPage, { waitUntil: 'networkidle0' });
    await page.waitForFunction(() => deepText((globalThis as any).document.body).includes('Toimitilat kiinnostavat'), { timeout: 10_000 });
    const [city, browsers] = await page.evaluate(
      (iso) => [new Date(iso).toLocaleDateString('fi-FI', { timeZone: 'Europe/Helsinki' }), new Date(iso).toLocaleDateString('fi-FI')],
      createdAt,
    );
    const shown = await itemText(page, 'Toimitilat kiinnostavat');
    assert.ok(shown.includes(city!) && !shown.includes(browsers!), `${city} in Helsinki, not ${browsers}: ${shown}`);
    await page.close();
  });

  it('a decision-maker sees public feedback with replies and statistics, no contact data, no private items', async () => {
    const page = await signedIn(browser, urls.signIn.decisionMaker);
    // Times as the city's clocks showed them, in a browser in another zone.
    const { createdAt } = (await exported()).find((f) => f.id === hostileId);
    await page.emulateTimezone(elsewhere(createdAt));
    await show(page, 'council', 'Kiitos! Toimitiloista kerrotaan yrityspalveluissa.');
    const [city, browsers] = await page.evaluate((iso) => {
      const format = { dateStyle: 'medium', timeStyle: 'short' } as const;
      return [new Date(iso).toLocaleString('fi-FI', { ...format, timeZone: 'Europe/Helsinki' }), new Date(iso).toLocaleString('fi-FI', format)];
    }, createdAt);
    const shown = await itemText(page, 'Toimitilat kiinnostavat');
    assert.ok(shown.includes(city!) && !shown.includes(browsers!), `${city} in Helsinki, not ${browsers}: ${shown}`);
    const text = await page.evaluate(() => deepText((globalThis as any).document.body));
    assert.ok(!text.includes('yrittaja@'));
    assert.ok(!text.includes('Yrjö Yrittäjä'), 'the reply as redacted');
    assert.ok(!text.includes('Lupahakemuksen käsittely'));
    assert.ok(!text.includes('Mari Koskinen'), 'a public item’s contact name');
    await assertInert(page);
    await assertAxeClean(page, 'the decision-makers’ feedback');
    await show(page, 'stats', 'Yritykset ja elinkeinopolitiikka (yritykset)');
    await assertAxeClean(page, 'the statistics');
    await page.browserContext().close();
  });

  it('an admin’s queue and administration pass axe, the CSV export downloads from the dashboard, and an admin sends a sign-in link unseen and deactivates an official with a successor, by keyboard', async () => {
    const downloads = await mkdtemp(path.join(tmpdir(), 'suora-downloads-'));
    try {
      const page = await signedIn(browser, urls.signIn.admin, { downloadBehavior: { policy: 'allow', downloadPath: downloads } });
      await show(page, 'queue', 'Kauppakadun työmaan kiertotie');
      await assertAxeClean(page, 'the publication queue');
      await show(page, 'admin/records', 'Lataa kaikki palautteet CSV-tiedostona');
      await assertAxeClean(page, 'the administration');

      // The download link is a navigation, not the dashboard's fetch: the browser's
      // Sec-Fetch-Site: same-origin is what lets the session count for it.
      await (await page.waitForSelector('suora-dashboard >>> a[href="/api/export.csv"]'))!.click();
      const file = path.join(downloads, 'suora-feedback.csv');
      for (let i = 0; i < 100 && !(await stat(file).catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 100));
      const csv = await readFile(file, 'utf8');
      assert.match(csv, /^\uFEFFid;created_at;/);
      assert.ok(csv.includes(hostileId), 'the feedback is in it');

      // The workbook for Excel, beside it, with its headers in the dashboard's language.
      await (await page.waitForSelector('suora-dashboard >>> a[href="/api/export.xlsx?lang=fi"]'))!.click();
      let xlsx: string | undefined;
      for (let i = 0; i < 100 && !xlsx; i++) {
        xlsx = (await readdir(downloads)).find((name) => /^suora-\d{4}-\d{2}-\d{2}\.xlsx$/.test(name));
        if (!xlsx) await new Promise((r) => setTimeout(r, 100));
      }
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(downloads, xlsx!));
      const sheet = workbook.worksheets[0]!;
      assert.equal(sheet.getCell('A1').value, 'Tunnus');
      assert.ok(sheet.getColumn(1).values.includes(hostileId), 'the feedback is in it');

      // By keyboard alone: a sign-in link is sent without the page seeing it, and an official leaves with a successor.
      const admin = 'suora-dashboard >>> suora-admin-people >>> ';
      await show(page, 'admin/people', 'Jussi Korhonen');

      await page.select(`${admin}#login-official`, 'jussi-korhonen');
      await (await page.waitForSelector(`${admin}form[aria-labelledby=login-h] button[type=submit]`))!.focus();
      await page.keyboard.press('Enter');
      await show(page, 'admin/people', 'Kirjautumislinkki lähetetty osoitteeseen');
      assert.ok(!(await page.evaluate(() => deepText((globalThis as any).document.body))).includes('/login/'), 'no sign-in URL on the page');

      await (await page.waitForSelector(`${admin}button[aria-label="Muokkaa: Jussi Korhonen"]`))!.focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${admin}#edit-name`);
      assert.equal(await deepActiveId(page), 'edit-name', 'the form takes the focus');
      // A role that does not handle feedback offers the successor picker too; back to official, it goes.
      await page.select(`${admin}#edit-role`, 'decision-maker');
      await page.waitForSelector(`${admin}#edit-successor`);
      assert.match(await page.evaluate(() => deepText((globalThis as any).document.body)), /Uusi rooli ei käsittele palautetta/);
      await page.select(`${admin}#edit-role`, 'official');
      await page.waitForSelector(`${admin}#edit-successor`, { hidden: true });
      await (await page.waitForSelector(`${admin}input[name=active]`))!.focus();
      await page.keyboard.press('Space');
      await page.waitForSelector(`${admin}#edit-successor`);
      await assertAxeClean(page, 'changing an official, with the successor picker');
      await page.select(`${admin}#edit-successor`, 'aino-virtanen');
      await (await page.waitForSelector(`${admin}form[aria-labelledby=edit-official-h] button[type=submit]`))!.focus();
      await page.keyboard.press('Enter');
      // Deactivation is confirmed first (test/e2e/admin-directory.test.ts tries Escape): Cancel has the focus, the next button confirms.
      await page.waitForSelector(`${admin}suora-confirm >>> dialog[open]`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await show(page, 'admin/people', 'Lähtenyt');
      await page.browserContext().close();
    } finally {
      await rm(downloads, { recursive: true, force: true });
    }
  });
});
