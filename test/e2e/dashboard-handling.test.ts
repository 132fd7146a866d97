import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { localDay } from '../../server/src/domain/city-time.js';
import { deepActiveId, launchChromium, show, signedIn, tabTo, waitForText } from '../helpers/dashboard-page.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertAxeClean } from '../helpers/page-checks.js';

/*
 * Absences, reply templates and bulk status in the dashboard, by keyboard, with axe.
 * Functions passed to page.evaluate run in Chromium: this file has no DOM types, hence `any`.
 */

describe('absences, reply templates and bulk status in the dashboard, in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  /** The demo's official, signed in once: a sign-in link works once. */
  let page: Page;
  /** Feedback sent while the official is away. */
  let routedToDeputy: string;

  before(async () => {
    demo = await startDemo();
    browser = await launchChromium();
    page = await signedIn(browser, demo.urls.signIn.official);
  });
  after(async () => {
    await browser?.close();
    await demo.stop();
  });

  it('an official sets an absence by keyboard; new feedback then goes to the deputy, and its detail says for whom', async () => {
    await show(page, 'away', 'Omat poissaolot');
    await assertAxeClean(page, 'the absences');
    const today = localDay(Date.now(), 'Europe/Helsinki');
    await tabTo(page, 'deputy');
    await page.keyboard.type('Jussi');
    // The date fields are the browser's own (their typed order follows its locale): given the day directly.
    const away = 'suora-dashboard >>> suora-deputies >>> ';
    for (const id of ['away-from', 'away-to']) await page.$eval(`${away}#${id}`, (input: any, day) => (input.value = day), today);
    await tabTo(page, 'away-to');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Sijainen Jussi Korhonen');
    await assertAxeClean(page, 'the absences with one set');

    const sent = await fetch(`${demo.urls.server}/api/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ topic: 'yritykset', rating: 2, comment: 'Ainon lomalla lähetetty' }),
    });
    const { id } = (await sent.json()) as { id: string };
    routedToDeputy = id;
    const item = (await demo.exported()).find((f) => f.id === id);
    assert.deepEqual([item.officialId, item.routedVia], ['jussi-korhonen', { deputyFor: 'aino-virtanen' }]);
  });

  it('an official inserts a template in the giver’s language, edits it and sends it', async () => {
    const { items } = (await page.evaluate(async () => (await fetch('/api/me/feedback?pageSize=200', { headers: { 'X-Suora-Dashboard': '1' } })).json())) as { items: any[] };
    const target = items.find((f: any) => f.status !== 'answered' && f.locale === 'fi' && f.official.id === 'aino-virtanen');
    await show(page, `feedback/${target.id}`, 'Vastauspohja');
    await assertAxeClean(page, 'the detail with templates');
    const detail = 'suora-dashboard >>> suora-feedback-detail >>> ';
    await page.select(`${detail}#template`, (await page.$eval(`${detail}#template option:nth-child(1)`, (o: any) => o.value)) as string);
    await tabTo(page, 'template');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Vastauspohja lisätty');
    assert.equal(await deepActiveId(page), 'reply', 'the reply box takes the focus for editing');
    const inserted = await page.$eval(`${detail}#reply`, (t: any) => t.value);
    assert.match(inserted, /^Kiitos palautteestasi\. Olemme käsitelleet asian ja/);
    await page.keyboard.press('End');
    await page.keyboard.type(' korjanneet sen.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Vastaus tallennettu.');
    const saved = (await demo.exported()).find((f) => f.id === target.id);
    assert.equal(saved.reply.text, 'Kiitos palautteestasi. Olemme käsitelleet asian ja korjanneet sen.');
  });

  it('an official ticks items and sets their status at once; the result is announced', async () => {
    await show(page, 'inbox', 'Valittujen tila');
    const ids = (await page.evaluate(async () =>
      ((await (await fetch('/api/me/feedback?status=new&sort=oldest', { headers: { 'X-Suora-Dashboard': '1' } })).json()) as any).items.map((f: any) => f.id),
    )) as string[];
    assert.ok(ids.length >= 2, 'two new items in the demo');
    const inbox = 'suora-dashboard >>> suora-inbox >>> ';
    for (const id of ids.slice(0, 2)) {
      await (await page.waitForSelector(`${inbox}#select-${id}`))!.focus();
      await page.keyboard.press('Space');
    }
    await assertAxeClean(page, 'the inbox with items ticked');
    await page.select(`${inbox}#bulk-status`, 'closed');
    await tabTo(page, 'bulk-status');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Tila asetettu 2 palautteelle.');
    const live = await page.$eval(`${inbox}p.status [role=status]`, (p: any) => p.textContent);
    assert.match(live, /Tila asetettu 2 palautteelle\./);
    const exported = await demo.exported();
    assert.deepEqual(ids.slice(0, 2).map((id) => exported.find((f) => f.id === id).status), ['closed', 'closed']);
  });

  it('an admin adds a reply template in three languages and removes it, by keyboard, axe-clean', async () => {
    const page = await signedIn(browser, demo.urls.signIn.admin);
    await show(page, `feedback/${routedToDeputy}`, 'Sijaisena henkilölle');
    assert.match(await page.evaluate(() => deepText((globalThis as any).document.body)), /Sijaisena henkilölle\s*Aino Virtanen/);
    await assertAxeClean(page, 'an item routed to a deputy');
    await show(page, 'templates', 'Kiitos palautteesta');
    await assertAxeClean(page, 'the templates');
    await tabTo(page, 'template-name');
    await page.keyboard.type('Katutyöt');
    for (const [id, text] of [['template-fi', 'Katutyö valmistuu pian.'], ['template-sv', 'Gatuarbetet blir klart snart.'], ['template-en', 'The street works end soon.']]) {
      await tabTo(page, id!);
      await page.keyboard.type(text!);
    }
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Katutyö valmistuu pian.');
    await (await page.waitForSelector('suora-dashboard >>> suora-templates >>> button[aria-label="Poista vastauspohja Katutyöt"]'))!.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !deepText((globalThis as any).document.body).includes('Katutyö valmistuu pian.'), { timeout: 10_000 });
    await page.browserContext().close();
  });
});
