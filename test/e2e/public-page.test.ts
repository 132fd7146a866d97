import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { LOCALES } from '../../contract/api.js';
import { launchPersonsBrowser } from '../helpers/person.js';
import { assertFocusKept, assertLinkTextsUnique, assertViewSound, LAHTI, VIEWPORTS } from '../helpers/page-checks.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

const FEED = 'suora-public-feed >>> ';
const TESTED = ['fi', 'en'] as const;

/** The feed's own text, as a person reads it. */
function feedText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as any).document.querySelector('suora-public-feed').shadowRoot.textContent.replace(/\s+/g, ' '));
}

async function waitForFeed(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted: string) => (globalThis as any).document.querySelector('suora-public-feed')?.shadowRoot?.textContent.replace(/\s+/g, ' ').includes(wanted),
      { timeout: 15_000 },
      text,
    );
  } catch (error) {
    throw new Error(`The feed never said “${text}”; it says: ${await feedText(page).catch(() => '(nothing)')}`, { cause: error });
  }
}

/** Every control of the feed (where the page has one) is at least 44 px tall and wide. */
async function assertTargets(page: Page, where: string): Promise<void> {
  const small: string[] = await page.evaluate(() =>
    [...((globalThis as any).document.querySelector('suora-public-feed')?.shadowRoot.querySelectorAll('select, button, a') ?? [])]
      .map((el: any) => [el, el.getBoundingClientRect()])
      .filter(([, box]: any) => box.height < 44 || box.width < 44)
      .map(([el, box]: any) => `${el.tagName} “${el.textContent.trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  assert.deepEqual(small, [], `${where}: targets under 44 px`);
}

/** Every check, at 320 px and at 1280 px with 200 % zoom. */
async function assertSoundAtBothSizes(page: Page, where: string): Promise<void> {
  for (const { name, viewport } of VIEWPORTS) {
    await page.setViewport(viewport);
    await assertViewSound(page, `${where} at ${name}`);
    await assertTargets(page, `${where} at ${name}`);
  }
}

describe('the public page /public in Chromium: languages, filters, pager and every state', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ identity: LAHTI });
    browser = await launchPersonsBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, language = 'fi'): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport(VIEWPORTS[0].viewport);
    await page.setExtraHTTPHeaders({ 'Accept-Language': language });
    await page.setBypassCSP(true);
    await page.setCacheEnabled(false); // the feed is cached for 30 s, and each case here changes what it holds
    await page.goto(`${server.url}${path}`);
    return page;
  }

  /** Holds the feed's requests while `held` is true, and fails them (as a dropped network) while `failing` is. */
  async function steer(page: Page): Promise<{ held: HTTPRequest[]; hold: boolean; fail: boolean }> {
    const state = { held: [] as HTTPRequest[], hold: false, fail: false };
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (!request.url().includes('/api/public/feedback')) return void request.continue();
      if (state.fail) return void request.abort('internetdisconnected');
      if (state.hold) return void state.held.push(request);
      void request.continue();
    });
    return state;
  }

  for (const lang of TESTED) {
    it(`loading and empty, in ${lang}`, async () => {
      const page = await open(`/public?lang=${lang}`);
      const steering = await steer(page);
      steering.hold = true;
      await page.reload();
      await waitForFeed(page, lang === 'fi' ? 'Ladataan' : 'Loading');
      await assertSoundAtBothSizes(page, `loading (${lang})`);
      steering.hold = false;
      for (const request of steering.held.splice(0)) await request.continue();
      await waitForFeed(page, lang === 'fi' ? 'Ei vielä julkaistua palautetta' : 'No published feedback yet');
      await assertSoundAtBothSizes(page, `empty (${lang})`);
      await page.close();
    });
  }

  describe('with published feedback and replies', () => {
    before(async () => {
      const aino = await signInAs(server, 'aino');
      const laura = await signInAs(server, 'laura');
      const publish = async (who: string, topic: string, comment: string, reply?: string) => {
        const { json } = await postFeedback(server.url, { topic, rating: 4, comment, public: true });
        if (reply) assert.equal((await asStaff(server, who, 'PATCH', `/api/feedback/${json.id}`, { reply })).status, 200);
        assert.equal((await asStaff(server, who, 'PUT', `/api/feedback/${json.id}/publication`, {})).status, 200);
      };
      // More than a page (20): the pager shows.
      for (let i = 1; i <= 21; i++) await publish(aino, 'business', `Yrityspalvelun neuvonta ${i}: https://www.lahti.example/yrityspalvelut/toimitilat/hyvin-pitka-osoite-joka-ei-saa-leventaa-sivua-${i}`);
      await publish(laura, 'streets', 'Katuvalo on rikki Aleksanterinkadulla.', 'Kiitos, korjaamme valon tällä viikolla.');
    });

    for (const lang of TESTED) {
      it(`the list, the pager, the filters, an error and a retry, by keyboard, in ${lang}`, async () => {
        const fi = lang === 'fi';
        const page = await open(`/public?lang=${lang}`);
        const steering = await steer(page);
        await waitForFeed(page, fi ? 'Sivu 1/2' : 'Page 1 of 2');
        assert.match(await feedText(page), fi ? /Kaupungin vastaus.*Kiitos, korjaamme valon/ : /The city’s reply.*Kiitos, korjaamme valon/);
        await assertSoundAtBothSizes(page, `the list (${lang})`);
        await assertLinkTextsUnique(page, `the list (${lang})`);

        // The pager, by keyboard: focus moves to the results, and the address keeps the page.
        await (await page.waitForSelector(`${FEED}.pager button`))!.focus();
        await page.keyboard.press('Enter');
        await waitForFeed(page, fi ? 'Sivu 2/2' : 'Page 2 of 2');
        await assertFocusKept(page, 'Next page');
        assert.match(page.url(), /page=2/);
        await assertSoundAtBothSizes(page, `page 2 (${lang})`);

        // By area: one item; the select keeps the focus.
        await (await page.waitForSelector(`${FEED}#area`))!.focus();
        await page.select(`${FEED}#area`, 'urban');
        await waitForFeed(page, fi ? '1 palautetta' : '1 feedback items');
        assert.match(await assertFocusKept(page, 'choosing an area'), /^SELECT/);
        assert.match(page.url(), /area=urban/);
        assert.doesNotMatch(page.url(), /page=/, 'a new filter starts from the first page');
        await assertSoundAtBothSizes(page, `filtered by area (${lang})`);

        // By area and topic, with nothing to show.
        await page.select(`${FEED}#area`, 'vitality');
        await waitForFeed(page, fi ? '21 palautetta' : '21 feedback items');
        await (await page.waitForSelector(`${FEED}#topic`))!.focus();
        await page.select(`${FEED}#topic`, 'employment');
        await waitForFeed(page, fi ? 'Valinnoillasi ei löytynyt' : 'No published feedback matches');
        await assertFocusKept(page, 'choosing a topic');
        await assertSoundAtBothSizes(page, `filtered, nothing found (${lang})`);

        // The network drops: the error says so, and Try again brings the list back with focus on it.
        steering.fail = true;
        await page.select(`${FEED}#topic`, '');
        await waitForFeed(page, fi ? 'Palautteita ei voitu ladata' : 'The feedback could not be loaded');
        await assertSoundAtBothSizes(page, `error (${lang})`);
        steering.fail = false;
        await (await page.waitForSelector(`${FEED}.error button`))!.focus();
        await page.keyboard.press('Enter');
        await waitForFeed(page, fi ? '21 palautetta' : '21 feedback items');
        await assertFocusKept(page, 'Try again');
        await page.close();
      });
    }

    it('follows the browser’s language, switches language by a link, and keeps the choice across a reload', async () => {
      const page = await open('/public', 'en');
      await waitForFeed(page, 'Public feedback and the city’s replies');
      assert.equal(await page.evaluate(() => (globalThis as any).document.documentElement.lang), 'en');
      await (await page.waitForSelector(`${FEED}#area`))!.focus();
      await page.select(`${FEED}#area`, 'urban');
      await waitForFeed(page, '1 feedback items');

      // To Swedish by keyboard: the filter goes along.
      await (await page.waitForSelector(`${FEED}a[hreflang=sv]`))!.focus();
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await waitForFeed(page, 'Offentlig respons och stadens svar');
      assert.match(page.url(), /lang=sv/);
      await page.reload();
      await waitForFeed(page, '1 responser');
      assert.equal(await page.evaluate(() => (globalThis as any).document.documentElement.lang), 'sv');
      assert.equal(await page.$eval(`${FEED}#area`, (select: any) => select.value), 'urban');
      await page.close();
    });

    it('links “Give feedback” to a page with the form, in the page’s language, and that page passes the same checks', async () => {
      for (const lang of LOCALES) {
        const page = await open(`/public?lang=${lang}`);
        const href = await (await page.waitForSelector(`${FEED}a.give`))!.evaluate((a: any) => a.href);
        assert.equal(href, `${server.url}/feedback?lang=${lang}`);
        await page.goto(href);
        await page.waitForFunction(() => (globalThis as any).document.querySelector('suora-feedback')?.shadowRoot?.querySelectorAll('#topic option').length > 1);
        await assertSoundAtBothSizes(page, `the feedback page (${lang})`);
        await page.close();
      }
    });
  });
});
