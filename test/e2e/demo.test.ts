import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { clickLikeAPerson, launchPersonsBrowser } from '../helpers/person.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';

interface ExportedFeedback {
  id: string;
  ref: string | null;
  topicId: string | null;
  serviceAreaId: string;
  officialId: string;
  channel: string;
  pageUrl: string | null;
  rating: number | null;
  comment: string | null;
  public: boolean;
  contact: Record<string, string> | null;
}

describe('the demo, end to end in Chromium', () => {
  let demo: RunningDemo;
  let demoPage: string;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    demoPage = demo.urls.demoPage;
    browser = await launchPersonsBrowser(); // the demo is used by people: the survey counts no automated press
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
  });

  after(async () => {
    await browser?.close();
    await demo.stop();
  });

  /** Waits for the widget's thank-you and returns the feedback reference it shows. */
  async function referenceShownBy(widget: string): Promise<string> {
    const handle = await page.waitForFunction(
      // Runs in the page, where `document` exists; this file is compiled without DOM types.
      (selector: string) =>
        (globalThis as any).document.querySelector(selector)?.shadowRoot?.querySelector('.reference')?.textContent,
      { timeout: 10_000 },
      widget,
    );
    return (await handle.jsonValue()) as string;
  }

  const exported = (): Promise<ExportedFeedback[]> => demo.exported();


  it('stores feedback sent from the inline widget with its topic, area, official, channel and page', async () => {
    await page.goto(demoPage, { waitUntil: 'networkidle0' });
    const form = 'suora-feedback[topic=yritykset] >>> ';
    await page.locator(`${form}input[name=rating][value="4"]`).click();
    await page.locator(`${form}#comment`).fill('Hankintailmoitukset löytyivät nyt helposti.');
    const [, publicChoice] = await page.$$(`${form}input[name=visibility]`);
    await publicChoice!.click();
    await page.locator(`${form}#organisation`).fill('Salpausselän Leipomo Oy');
    await page.locator(`${form}#businessId`).fill('1572860-0');
    await page.locator(`${form}button[type=submit]`).click();
    const reference = await referenceShownBy('suora-feedback[topic=yritykset]');

    const item = (await exported()).find((f) => f.id === reference);
    assert.ok(item, `feedback ${reference} is in the export`);
    assert.equal(item.topicId, 'yritykset');
    assert.equal(item.serviceAreaId, 'elinvoima');
    assert.equal(item.officialId, 'aino-virtanen');
    assert.equal(item.channel, 'widget');
    assert.equal(item.pageUrl, demoPage);
    assert.equal(item.rating, 4);
    assert.equal(item.public, true);
    assert.deepEqual(item.contact, { organisation: 'Salpausselän Leipomo Oy', businessId: '1572860-0' });
  });

  it('stores feedback sent through the floating button’s dialog, routed by the chosen topic', async () => {
    await page.goto(demoPage, { waitUntil: 'networkidle0' });
    const widget = 'suora-feedback[mode=button] >>> ';
    await page.locator(`${widget}button.open`).click();
    await page.locator(`${widget}#topic option[value=saavutettavuus]`).wait();
    await page.select(`${widget}#topic`, 'saavutettavuus');
    await page.locator(`${widget}#comment`).fill('Lomakkeen virheilmoitukset eivät näy ruudunlukijalle.');
    await page.locator(`${widget}button[type=submit]`).click();
    const reference = await referenceShownBy('suora-feedback[mode=button]');

    const item = (await exported()).find((f) => f.id === reference);
    assert.ok(item);
    assert.equal(item.topicId, 'saavutettavuus');
    assert.equal(item.serviceAreaId, 'konsernipalvelut');
    assert.equal(item.officialId, 'sanna-lehtonen');
    assert.equal(item.channel, 'widget');
    assert.equal(item.rating, null);
    assert.equal(item.public, false);
  });

  it('records one vote from a rating link clicked in the sample email, and none from a scanner-like visit', async () => {
    const messages = demoPage.replace(/\/demo\/$/, '/demo/messages');
    await page.goto(messages, { waitUntil: 'networkidle0' });
    const fourHref = await page.$eval('article a[href*="r=4"]', (a) => (a as unknown as { href: string }).href);

    // A mail scanner: opens the link, runs its scripts, waits, leaves.
    const before = (await exported()).length;
    const scanner = await browser.newPage();
    await scanner.goto(fourHref, { waitUntil: 'networkidle0' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await scanner.close();
    assert.equal((await exported()).length, before, 'a visit records nothing');

    // A person: clicks 4 in the email, then confirms on the page.
    await page.click('article a[href*="r=4"]');
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('suora-survey')?.shadowRoot?.textContent.includes('Aino Virtanen'),
      { timeout: 10_000 },
    );
    await clickLikeAPerson(page, 'suora-survey >>> button[type=submit]');
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('suora-survey')?.shadowRoot?.querySelector('.sent'),
      { timeout: 10_000 },
    );
    const after = await exported();
    assert.equal(after.length, before + 1);
    const vote = after.at(-1)!;
    assert.equal(vote.channel, 'email');
    assert.equal(vote.officialId, 'aino-virtanen');
    assert.equal(vote.serviceAreaId, 'elinvoima');
    assert.equal(vote.rating, 4);
    assert.equal(vote.ref, 'LAHTI-2026-0142');
  });

  it('fits the sample email and SMS on 360 px and 320 px phones: a long survey link wraps inside its bubble', async () => {
    const phone = await browser.newPage();
    try {
      for (const width of [360, 320]) {
        await phone.setViewport({ width, height: 740 });
        await phone.goto(demoPage.replace(/\/demo\/$/, '/demo/messages'), { waitUntil: 'networkidle0' });
        const seen = await phone.evaluate(() => {
          const d = (globalThis as any).document;
          const sms = d.querySelector('.sms');
          return { page: [d.documentElement.scrollWidth, d.documentElement.clientWidth], sms: [sms.scrollWidth, sms.clientWidth] };
        });
        assert.ok(seen.sms[0] <= seen.sms[1], `${width} px: the SMS runs out of its bubble (${seen.sms})`);
        assert.ok(seen.page[0] <= seen.page[1], `${width} px: sideways scroll (${seen.page})`);
      }
    } finally {
      await phone.close();
    }
  });
});
