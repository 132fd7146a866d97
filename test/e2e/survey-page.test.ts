import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { createLink } from '../../server/src/domain/signature-links.js';
import { assertFocusKept, assertViewSound, focused, LAHTI, VIEWPORTS } from '../helpers/page-checks.js';
import { launchPersonsBrowser } from '../helpers/person.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

const SURVEY = 'suora-survey >>> ';
const TEXTS = {
  fi: { heading: 'Miten onnistuimme?', thanks: 'Kiitos palautteestasi!', wentTo: 'Vastauksesi meni' },
  en: { heading: 'How did we do?', thanks: 'Thank you for your feedback!', wentTo: 'Your answer went to' },
} as const;

async function assertSoundAtBothSizes(page: Page, where: string): Promise<void> {
  for (const { name, viewport } of VIEWPORTS) {
    await page.setViewport(viewport);
    await assertViewSound(page, `${where} at ${name}`);
  }
}

/** The survey's h1, as the page's outline has it (axe's page-has-heading-one looks through the shadow root too). */
function h1(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as any).document.querySelector('suora-survey').shadowRoot.querySelector('h1')?.textContent.trim());
}

/** Waits until the survey shows `selector` (a change inside its shadow root, which waitForSelector does not watch). */
async function shown(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((wanted: string) => (globalThis as any).document.querySelector('suora-survey').shadowRoot.querySelector(wanted), { timeout: 10_000 }, selector);
}

function shadowText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as any).document.querySelector('suora-survey').shadowRoot.textContent.replace(/\s+/g, ' '));
}

describe('the survey page /s/TOKEN in Chromium: one form, one send button, a real h1', () => {
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

  async function open(lang: string): Promise<{ page: Page; stored: () => Promise<{ rating: number | null; comment: string | null }[]> }> {
    const { link } = await createLink(server.store, 'server', { officialId: 'laura', channel: 'email' });
    const page = await browser.newPage();
    await page.setViewport(VIEWPORTS[0].viewport);
    await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
    await page.setBypassCSP(true);
    await page.goto(`${server.url}/s/${link.token}?r=4`);
    await page.waitForFunction(() => (globalThis as any).document.querySelector('suora-survey')?.shadowRoot?.textContent.includes('Laura Nieminen'), {
      timeout: 10_000,
    });
    return { page, stored: async () => (await server.store.queryFeedback({ linkId: link.id })).items };
  }

  for (const lang of ['fi', 'en'] as const) {
    const t = TEXTS[lang];
    it(`before and after sending, and changing the answer, by keyboard alone, in ${lang}`, async () => {
      const { page, stored } = await open(lang);
      assert.equal(await h1(page), t.heading);
      const buttons = await page.$$eval(`${SURVEY}form button.primary`, (found: any[]) => found.map((b) => b.textContent.trim()));
      assert.equal(buttons.length, 1, `one send button: ${buttons}`);
      assert.match(await shadowText(page), /Laura Nieminen.*Urban Environment|Laura Nieminen.*Kaupunkiympäristö/, 'names the official and the area');
      await assertSoundAtBothSizes(page, `the survey (${lang})`);

      // One comment, one press: the rating and the comment arrive together.
      await (await page.waitForSelector(`${SURVEY}#comment`))!.focus();
      await page.keyboard.type('Selkeä vastaus.');
      await page.keyboard.press('Tab');
      for (let tabs = 0; tabs < 30 && (await focused(page)) !== 'BUTTON “' + (lang === 'fi' ? 'Lähetä vastaus' : 'Send your answer') + '”'; tabs++) {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await shown(page, '.sent');
      assert.equal(await focused(page), `H1 “${t.thanks}”`, 'focus on the thank-you heading');
      assert.equal(await h1(page), t.thanks);
      assert.match(await shadowText(page), new RegExp(`${t.wentTo}.*Laura Nieminen`));
      assert.deepEqual(
        (await stored()).map(({ rating, comment }) => ({ rating, comment })),
        [{ rating: 4, comment: 'Selkeä vastaus.' }],
      );
      await assertSoundAtBothSizes(page, `the thank-you (${lang})`);

      // Change the answer: back to the form, focus on its heading; sending again changes the same feedback.
      await (await page.waitForSelector(`${SURVEY}button.change`))!.focus();
      await page.keyboard.press('Enter');
      await shown(page, 'form');
      assert.equal(await focused(page), `H1 “${t.heading}”`);
      await (await page.waitForSelector(`${SURVEY}input[name=rating][value="4"]`))!.focus();
      await page.keyboard.press('ArrowRight');
      await (await page.waitForSelector(`${SURVEY}button[type=submit]`))!.focus();
      await page.keyboard.press('Enter');
      await shown(page, '.sent');
      await assertFocusKept(page, 'sending the change');
      assert.deepEqual(
        (await stored()).map(({ rating, comment }) => ({ rating, comment })),
        [{ rating: 5, comment: 'Selkeä vastaus.' }],
      );
      await page.close();
    });

    it(`asks for a confirming press after a press at the button’s centre, and that state passes the checks too, in ${lang}`, async () => {
      const { page } = await open(lang);
      const button = (await page.waitForSelector(`${SURVEY}button[type=submit]`))!;
      await button.scrollIntoView();
      const box = (await button.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await shown(page, 'button.check');
      assert.match(await assertFocusKept(page, 'a doubtful press'), /^BUTTON/);
      await assertSoundAtBothSizes(page, `the confirming press (${lang})`);
      await page.close();
    });
  }

  it('a link not in use: a page with an h1 and the feedback form, in the reader’s language', async () => {
    for (const lang of ['fi', 'en']) {
      const page = await browser.newPage();
      await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
      await page.setBypassCSP(true);
      await page.goto(`${server.url}/s/not-a-token-at-all`);
      await page.waitForFunction(() => (globalThis as any).document.querySelector('suora-feedback')?.shadowRoot?.querySelectorAll('#topic option').length > 1);
      await assertSoundAtBothSizes(page, `a link not in use (${lang})`);
      await page.close();
    }
  });
});
