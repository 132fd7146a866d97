import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FINNISH_BROWSER_ARGS } from '../helpers/chromium.js';
import { plain, startSmtpPeer, until, type SmtpPeer } from '../helpers/smtp-peer.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/*
 * Functions passed to page.evaluate run in Chromium, serialized: they see the page's
 * globals, not this module's. This file is compiled without DOM types, hence `any`.
 */

describe('signing in from the signed-out dashboard, by keyboard alone, in Chromium', () => {
  let smtp: SmtpPeer;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer({
      mailer: createMailer({ smtpUrl: smtp.url, outbox: new Outbox('/nonexistent'), from: 'suora@lahti.example' }),
      // Discovered only when someone signs in that way: no provider is needed to offer it.
      oidc: { issuer: 'http://127.0.0.1:9', clientId: 'suora', clientSecret: 'unused', emailClaim: 'email' },
    });
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...FINNISH_BROWSER_ARGS], headless: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.createBrowserContext()).newPage();
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
    return page;
  }

  async function assertAccessible(page: Page, where: string): Promise<void> {
    if (!(await page.evaluate(() => Boolean((globalThis as any).axe)))) await page.addScriptTag({ path: AXE, id: 'axe' });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run((globalThis as any).document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe on ${where}`);
  }

  const showing = (page: Page, text: string) =>
    page.waitForFunction((t) => deepText((globalThis as any).document.body).includes(t), { timeout: 10_000 }, text);

  async function tabTo(page: Page, id: string): Promise<void> {
    for (let i = 0; i < 10 && (await deepActiveId(page)) !== id; i++) await page.keyboard.press('Tab');
    assert.equal(await deepActiveId(page), id);
  }

  it('an official whose session ended follows a notification mail’s item link, asks for a sign-in link, and lands on the item', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 2, comment: 'Yrityspalvelun aukioloajat puuttuvat sivulta.' });
    const notification = await until(() => smtp.received.find((m) => m.data.includes(json.id)), 'the notification');
    const itemLink = plain(notification.data).match(/http:\/\/127\.0\.0\.1:\d+\/dashboard#feedback\/\w+/)![0];
    const page = await newPage();
    await page.goto(itemLink, { waitUntil: 'networkidle0' });
    await showing(page, 'Kirjaudu kaupungin tunnuksilla');
    const sso = await page.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-sign-in').shadowRoot.querySelector('a.button').getAttribute('href'));
    assert.equal(sso, `/auth/oidc/login?next=${encodeURIComponent(`/dashboard#feedback/${json.id}`)}`);
    await assertAccessible(page, 'the signed-out dashboard');

    await tabTo(page, 'email');
    await page.keyboard.type('aino@example.fi');
    await page.keyboard.press('Enter');
    await showing(page, 'kirjautumislinkki on matkalla');
    const status = await page.evaluate(
      () => (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-sign-in').shadowRoot.querySelector('[role=status]').textContent,
    );
    assert.match(status, /aino@example\.fi/, 'the confirmation is in the live region');
    await assertAccessible(page, 'the signed-out dashboard, link asked for');

    const mail = await until(() => smtp.received.find((m) => m.to.includes('aino@example.fi') && m.data.includes('/login/')), 'the sign-in mail');
    const link = plain(mail.data).match(/http:\/\/127\.0\.0\.1:\d+\/login\/\S+/)![0];
    await page.goto(link, { waitUntil: 'networkidle0' });
    await assertAccessible(page, 'the sign-in page');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).hash, `#feedback/${json.id}`);
    await showing(page, 'Yrityspalvelun aukioloajat puuttuvat sivulta.');
  });

  it('shows an accessible page with the way back when the city’s sign-in service does not answer', async () => {
    const page = await newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'sv' });
    const response = await page.goto(`${server.url}/auth/oidc/login?next=%2Fdashboard`, { waitUntil: 'networkidle0' });
    assert.equal(response!.status(), 503);
    await showing(page, 'Stadens inloggningstjänst svarar inte');
    await assertAccessible(page, 'the page for a provider that is down');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/dashboard');
  });

  it('speaks the language chosen, and says what is wrong, in an alert, when the address is not an email address', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/dashboard`, { waitUntil: 'networkidle0' });
    await showing(page, 'Lähetä minulle kirjautumislinkki');
    // The language choice comes first: Swedish, by keyboard.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await showing(page, 'Skicka mig en inloggningslänk');
    await tabTo(page, 'email');
    await page.keyboard.type('aino');
    await page.keyboard.press('Enter');
    await showing(page, 'Ange din e-postadress på jobbet');
    await assertAccessible(page, 'the sign-in form with an error');
  });
});

async function deepActiveId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    let active = (globalThis as any).document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.id;
  });
}

/** The text of a node, through shadow roots: defined in each page by `newPage`. */
declare function deepText(node: unknown): string;
