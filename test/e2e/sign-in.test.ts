import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { createMailer } from '../../server/src/mail/mailer.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { launchChromium, preparedPage, tabTo, waitForText } from '../helpers/dashboard-page.js';
import { assertAxeClean } from '../helpers/page-checks.js';
import { plain, startSmtpPeer, until, type SmtpPeer } from '../helpers/smtp-peer.js';
import { postFeedback, startTestServer, type TestServer } from '../helpers/test-server.js';

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
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const newPage = async () => preparedPage(await browser.createBrowserContext());

  it('an official whose session ended follows a notification mail’s item link, asks for a sign-in link, and lands on the item', async () => {
    const { json } = await postFeedback(server.url, { topic: 'business', rating: 2, comment: 'Yrityspalvelun aukioloajat puuttuvat sivulta.' });
    const notification = await until(() => smtp.received.find((m) => m.data.includes(json.id)), 'the notification');
    const itemLink = plain(notification.data).match(/http:\/\/127\.0\.0\.1:\d+\/dashboard#feedback\/\w+/)![0];
    const page = await newPage();
    await page.goto(itemLink, { waitUntil: 'networkidle0' });
    await waitForText(page, 'Kirjaudu kaupungin tunnuksilla');
    const sso = await page.evaluate(() => (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-sign-in').shadowRoot.querySelector('a.button').getAttribute('href'));
    assert.equal(sso, `/auth/oidc/login?next=${encodeURIComponent(`/dashboard#feedback/${json.id}`)}`);
    await assertAxeClean(page, 'the signed-out dashboard');

    await tabTo(page, 'email');
    await page.keyboard.type('aino@example.fi');
    await page.keyboard.press('Enter');
    await waitForText(page, 'kirjautumislinkki on matkalla');
    const status = await page.evaluate(
      () => (globalThis as any).document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-sign-in').shadowRoot.querySelector('[role=status]').textContent,
    );
    assert.match(status, /aino@example\.fi/, 'the confirmation is in the live region');
    await assertAxeClean(page, 'the signed-out dashboard, link asked for');

    const mail = await until(() => smtp.received.find((m) => m.to.includes('aino@example.fi') && m.data.includes('/login/')), 'the sign-in mail');
    const link = plain(mail.data).match(/http:\/\/127\.0\.0\.1:\d+\/login\/\S+/)![0];
    await page.goto(link, { waitUntil: 'networkidle0' });
    await assertAxeClean(page, 'the sign-in page');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).hash, `#feedback/${json.id}`);
    await waitForText(page, 'Yrityspalvelun aukioloajat puuttuvat sivulta.');
  });

  it('shows an accessible page with the way back when the city’s sign-in service does not answer', async () => {
    const page = await newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'sv' });
    const response = await page.goto(`${server.url}/auth/oidc/login?next=%2Fdashboard`, { waitUntil: 'networkidle0' });
    assert.equal(response!.status(), 503);
    await waitForText(page, 'Stadens inloggningstjänst svarar inte');
    await assertAxeClean(page, 'the page for a provider that is down');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/dashboard');
  });

  it('speaks the language chosen, and says what is wrong, in an alert, when the address is not an email address', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/dashboard`, { waitUntil: 'networkidle0' });
    await waitForText(page, 'Lähetä minulle kirjautumislinkki');
    // The language choice comes first: Swedish, by keyboard.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Skicka mig en inloggningslänk');
    await tabTo(page, 'email');
    await page.keyboard.type('aino');
    await page.keyboard.press('Enter');
    await waitForText(page, 'Ange din e-postadress på jobbet');
    await assertAxeClean(page, 'the sign-in form with an error');
  });
});
