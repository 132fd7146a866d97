import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createLink } from '../../server/src/domain/signature-links.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { clickLikeAPerson, launchPersonsBrowser, offCentre } from '../helpers/person.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

const SURVEY = 'suora-survey >>> ';
const SEND_RATING = `${SURVEY}button[type=submit]`;

/** The survey element's state as the page shows it; `phase` is `sending` from the moment a vote starts. */
function surveyState(page: Page) {
  return page.evaluate(() => {
    const el = (globalThis as any).document.querySelector('suora-survey');
    const root = el.shadowRoot;
    return {
      phase: el.phase as string,
      recorded: Boolean(root.querySelector('.sent')),
      checkAsked: Boolean(root.querySelector('.pending button.check')),
      automatedSaid: (root.querySelector('.pending.error')?.textContent?.trim() ?? null) as string | null,
    };
  });
}

describe('survey links opened by mail-security scanners and by people, in Chromium', () => {
  let server: TestServer;
  let automated: Browser;
  let persons: Browser;
  /** Every page's POSTs to the feedback API: a scanner's visit makes none. */
  const posts: string[] = [];

  before(async () => {
    server = await startTestServer();
    automated = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    persons = await launchPersonsBrowser();
  });
  after(async () => {
    await automated?.close();
    await persons?.close();
    await server?.close();
  });

  /** A fresh link of its own for each case: its stored answers are that case's alone. */
  async function newLink(): Promise<{ token: string; stored: () => Promise<{ rating: number | null; ref: string | null }[]> }> {
    const { link } = await createLink(server.store, 'server', { officialId: 'laura', channel: 'email' });
    return { token: link.token, stored: async () => (await server.store.queryFeedback({ linkId: link.id })).items };
  }

  async function open(browser: Browser, path: string, viewport = { width: 1024, height: 900 }): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('suora-survey')?.shadowRoot?.textContent.includes('Laura Nieminen'), {
      timeout: 10_000,
    });
    return page;
  }

  /** Waits until the page says the rating was recorded (a change inside the shadow root, which waitForSelector does not watch). */
  const recorded = (page: Page) =>
    page.waitForFunction(() => (globalThis as any).document.querySelector('suora-survey').shadowRoot.querySelector('.sent'), { timeout: 10_000 });

  describe('automation records nothing', () => {
    it('a visit that only loads the page, in an automated browser', async () => {
      const { token, stored } = await newLink();
      const before = posts.length;
      const page = await open(automated, `/s/${token}?r=1`);
      assert.deepEqual(await surveyState(page), { phase: 'editing', recorded: false, checkAsked: false, automatedSaid: null });
      assert.equal(posts.length, before);
      assert.deepEqual(await stored(), []);
      await page.close();
    });

    it('ElementHandle.click() on “Send your answer”, and on the confirming button it then offers, in a browser without the automation flag', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=1`);
      await (await page.waitForSelector(SEND_RATING))!.click();
      assert.deepEqual(await surveyState(page), { phase: 'editing', recorded: false, checkAsked: true, automatedSaid: null }, 'asks, does not drop');
      await (await page.waitForSelector(`${SURVEY}button.check`))!.click();
      assert.equal((await surveyState(page)).phase, 'editing');
      assert.deepEqual(await stored(), []);
      await page.close();
    });

    it('page.mouse.click at the button’s centre, even after a path of moves to it', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=1`);
      const button = (await page.waitForSelector(SEND_RATING))!;
      await button.scrollIntoView(); // the send button is below the form's fields
      const box = (await button.boundingBox())!;
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await page.mouse.move(10, 10);
      await page.mouse.move(centre.x, centre.y, { steps: 10 });
      await page.mouse.click(centre.x, centre.y);
      assert.deepEqual(await surveyState(page), { phase: 'editing', recorded: false, checkAsked: true, automatedSaid: null });
      assert.deepEqual(await stored(), []);
      await page.close();
    });

    it('a tap at the centre (ElementHandle.tap) on a touch screen', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=1`, { width: 390, height: 844, hasTouch: true, isMobile: true } as never);
      await (await page.waitForSelector(SEND_RATING))!.tap();
      assert.deepEqual(await surveyState(page), { phase: 'editing', recorded: false, checkAsked: true, automatedSaid: null });
      assert.deepEqual(await stored(), []);
      await page.close();
    });

    it('element.click(), a radio’s click() and form.requestSubmit() from a script', async () => {
      const { token, stored } = await newLink();
      const before = posts.length;
      const page = await open(persons, `/s/${token}?r=1`);
      await page.evaluate(() => {
        const root = (globalThis as any).document.querySelector('suora-survey').shadowRoot;
        root.querySelector('button[type=submit]').click();
        root.querySelector('input[name=rating][value="2"]').click();
        root.querySelector('form').requestSubmit();
      });
      assert.deepEqual(await surveyState(page), { phase: 'editing', recorded: false, checkAsked: false, automatedSaid: null });
      assert.equal(posts.length, before);
      assert.deepEqual(await stored(), []);
      await page.close();
    });

    it('Tab and Enter, and a person-like mouse path, from a browser that says it is automated (navigator.webdriver)', async () => {
      const { token, stored } = await newLink();
      const page = await open(automated, `/s/${token}?r=1`);
      await (await page.waitForSelector(SEND_RATING))!.focus();
      await page.keyboard.press('Enter');
      const state = await surveyState(page);
      assert.equal(state.phase, 'editing');
      assert.match(state.automatedSaid ?? '', /Nothing was sent/, 'says why, in words');
      await clickLikeAPerson(page, SEND_RATING);
      assert.equal((await surveyState(page)).phase, 'editing');
      assert.deepEqual(await stored(), []);
      await page.close();
    });

    it('a person-like click in a background tab', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=1`);
      const front = await persons.newPage(); // the scanner opens the next link; this one is now hidden
      assert.equal(await page.evaluate(() => (globalThis as any).document.visibilityState), 'hidden');
      await clickLikeAPerson(page, SEND_RATING);
      assert.equal((await surveyState(page)).phase, 'editing');
      assert.deepEqual(await stored(), []);
      await front.close();
      await page.close();
    });

    it('a scanner’s HTTP client: GET, HEAD, a prefetch, and a POST of the answer without the page', async () => {
      const { token, stored } = await newLink();
      assert.equal((await fetch(`${server.url}/s/${token}?r=1`)).status, 200);
      assert.equal((await fetch(`${server.url}/s/${token}?r=1`, { method: 'HEAD' })).status, 200);
      assert.equal((await fetch(`${server.url}/s/${token}?r=1`, { headers: { 'Sec-Purpose': 'prefetch', Purpose: 'prefetch' } })).status, 200);
      const direct = await postFeedback(server.url, { token, rating: 1, fillMs: 5000 });
      assert.equal(direct.status, 400);
      assert.equal(direct.json.error.code, 'press_missing');
      assert.match(direct.json.error.message, /survey page/);
      assert.deepEqual(await stored(), []);
    });
  });

  describe('a person records the vote with one press', () => {
    it('mouse: moves to “Send your answer” and clicks it, through a Safe Links–wrapped, encoded link', async () => {
      const { token, stored } = await newLink();
      const real = `${server.url}/s/${token}?r=2&ref=CASE-12&utm_source=signature`;
      const wrapped = `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(real)}&data=05%7C02%7C&reserved=0`;
      const page = await open(persons, `/s/${encodeURIComponent(wrapped)}`);
      await clickLikeAPerson(page, SEND_RATING);
      await recorded(page);
      assert.deepEqual(
        (await stored()).map(({ rating, ref }) => ({ rating, ref })),
        [{ rating: 2, ref: 'CASE-12' }],
      );
      await page.close();
    });

    it('touch: a finger taps “Send your answer” off its centre, through a link that plain-text mail ended with “).”', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=3&ref=CASE-13).`, { width: 390, height: 844, hasTouch: true, isMobile: true } as never);
      const { x, y } = await offCentre(page, SEND_RATING);
      await page.touchscreen.tap(x, y);
      await recorded(page);
      assert.deepEqual(
        (await stored()).map(({ rating, ref }) => ({ rating, ref })),
        [{ rating: 3, ref: 'CASE-13' }],
      );
      await page.close();
    });

    it('keyboard only: Tab to “Send your answer”, then Space', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}%3Fr%3D4%26ref%3DCASE-14`);
      const onSendRating = () =>
        page.evaluate(() => (globalThis as any).document.querySelector('suora-survey').shadowRoot.activeElement?.getAttribute('type') === 'submit');
      for (let tabs = 0; tabs < 20 && !(await onSendRating()); tabs++) await page.keyboard.press('Tab');
      assert.ok(await onSendRating(), 'Tab reaches “Send your answer”');
      await page.keyboard.press('Space');
      await recorded(page);
      assert.deepEqual(
        (await stored()).map(({ rating, ref }) => ({ rating, ref })),
        [{ rating: 4, ref: 'CASE-14' }],
      );
      await page.close();
    });

    it('a screen reader in focus mode: its cursor moves focus to “Send your answer” (no Tab), and Enter passes through', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=5&ref=CASE-15`);
      await (await page.waitForSelector(SEND_RATING))!.focus(); // DevTools' DOM.focus, as the screen reader's own focus move
      await page.keyboard.press('Enter'); // a real key event; the button's click has detail 0
      await recorded(page);
      assert.deepEqual(
        (await stored()).map(({ rating, ref }) => ({ rating, ref })),
        [{ rating: 5, ref: 'CASE-15' }],
      );
      await page.close();
    });

    it('a press that looks automated is not dropped: the page asks once more, and the person’s next press records it', async () => {
      const { token, stored } = await newLink();
      const page = await open(persons, `/s/${token}?r=4&ref=CASE-16`);
      // The page opened under a resting mouse pointer, right on the button's centre: no path, no offset.
      const button = (await page.waitForSelector(SEND_RATING))!;
      await button.scrollIntoView();
      const box = (await button.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      assert.deepEqual(await surveyState(page), { phase: 'editing', recorded: false, checkAsked: true, automatedSaid: null });
      assert.equal(
        await page.evaluate(() => (globalThis as any).document.querySelector('suora-survey').shadowRoot.activeElement?.classList.contains('check')),
        true,
        'focus moves to the confirming button, for keyboard and screen-reader users',
      );
      await clickLikeAPerson(page, `${SURVEY}button.check`);
      await recorded(page);
      assert.deepEqual(
        (await stored()).map(({ rating, ref }) => ({ rating, ref })),
        [{ rating: 4, ref: 'CASE-16' }],
      );
      await page.close();
    });
  });
});
