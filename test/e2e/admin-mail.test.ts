import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, signedIn } from '../helpers/dashboard-page.js';
import { startDemo, type RunningDemo } from '../helpers/demo.js';
import { assertAxeClean } from '../helpers/page-checks.js';

/*
 * The admin view of mail that failed, by keyboard in Chromium, against the demo with a mail
 * server that cannot be reached (nothing listens on port 1). Functions passed to page.evaluate
 * run in the page; this file has no DOM types, hence `any`.
 */

const MAIL = 'suora-dashboard >>> suora-admin-mail >>> ';

describe('the admin sees mail that failed, and retries or dismisses it, in Chromium', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo({ SMTP_URL: 'smtp://127.0.0.1:1' });
    browser = await launchChromium();
    page = await signedIn(browser, demo.urls.signIn.admin);
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const problems = async () => page.evaluate(async () => ((await (await fetch('/api/admin/mail-problems', { cache: 'no-store' } as any)).json()) as any).problems);

  it('lists the acknowledgement that could not be sent, in words, without its text or address; axe-clean; retry and dismiss by keyboard', async () => {
    const sent = await page.evaluate(async () => {
      const response = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ topic: 'kirjastot', rating: 4, comment: 'Hyvä kirjasto', contact: { email: 'lukija@example.com' } }),
      });
      return { status: response.status, body: (await response.json()) as any };
    });
    assert.equal(sent.status, 201, 'the submission succeeds while mail cannot be sent');
    // The acknowledgement's first try fails after the answer: the view shows it once it has.
    await page.waitForFunction(async () => (((await (await fetch('/api/admin/mail-problems', { cache: 'no-store' } as any)).json()) as any).problems.some((p: any) => p.kind === 'acknowledgement')));
    await page.evaluate(() => ((globalThis as any).location.hash = 'admin/mail'));
    const row = await page.waitForSelector(`${MAIL}tbody tr`, { timeout: 10_000 });
    const text = await row!.evaluate((r: any) => r.textContent);
    assert.match(text, /Vastaanottokuittaus antajalle/);
    assert.match(text, new RegExp(sent.body.id));
    assert.match(text, /Sähköpostipalvelimeen ei saatu yhteyttä/);
    assert.doesNotMatch(text, /lukija@example\.com|Hyvä kirjasto/);
    await assertAxeClean(page, 'the mail problems view');

    const acknowledgement = (await problems()).find((p: any) => p.kind === 'acknowledgement');
    await (await page.waitForSelector(`${MAIL}button[aria-label^="Yritä nyt: Vastaanottokuittaus"]`))!.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(async (id) => (((await (await fetch('/api/admin/mail-problems', { cache: 'no-store' } as any)).json()) as any).problems.find((p: any) => p.id === id)?.attempts ?? 0) === 1, {}, acknowledgement.id);

    await (await page.waitForSelector(`${MAIL}button[aria-label^="Hylkää: Vastaanottokuittaus"]`))!.focus();
    await page.keyboard.press('Enter');
    const dialog = `${MAIL}suora-confirm >>> dialog`;
    await page.waitForSelector(`${dialog}[open]`);
    assert.match(await page.$eval(dialog, (d: any) => d.textContent), /Sitä ei lähetetä/);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`${dialog}:not([open])`);
    assert.ok((await problems()).some((p: any) => p.id === acknowledgement.id), 'Escape dismissed nothing');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${dialog}[open]`);
    await page.keyboard.press('Tab'); // from Cancel to the confirming button
    await page.keyboard.press('Enter');
    await page.waitForFunction(async (id) => !(((await (await fetch('/api/admin/mail-problems', { cache: 'no-store' } as any)).json()) as any).problems.some((p: any) => p.id === id)), {}, acknowledgement.id);
  });
});
