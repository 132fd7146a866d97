import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { LOCALES, type Locale } from '../../contract/api.js';
import { readCityIdentity } from '../../server/src/city-identity.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { TEXTS } from '../../server/src/texts/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { until } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const NAMES = { fi: 'Lahden kaupunki', sv: 'Lahtis stad', en: 'City of Lahti' };
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#0a5cad"/></svg>';

describe('the city’s identity on Suora’s pages in Chromium', () => {
  let logoHost: Server;
  let server: TestServer;
  let browser: Browser;
  let surveyUrl: string;
  let statusUrl: string;

  before(async () => {
    // The logo on the city's own site, another origin than Suora's.
    logoHost = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(LOGO));
    await new Promise<void>((resolve) => logoHost.listen(0, '127.0.0.1', resolve));
    const logoUrl = `http://127.0.0.1:${(logoHost.address() as AddressInfo).port}/logo.svg`;
    const identity = readCityIdentity({
      SUORA_CITY_NAME: JSON.stringify(NAMES),
      SUORA_LOGO_URL: logoUrl,
      SUORA_PRIVACY_URL: '{"fi":"https://www.lahti.example/tietosuoja","sv":"https://www.lahti.example/sv/dataskydd","en":"https://www.lahti.example/en/privacy"}',
      SUORA_ACCESSIBILITY_URL: 'https://www.lahti.example/saavutettavuus',
    });
    server = await startTestServer({ identity });
    browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const admin = await signInAs(server, 'tiina');
    surveyUrl = (await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'aino', channel: 'email' })).json.url;
    await postFeedback(server.url, { topic: 'streets', rating: 4, contact: { email: 'tila@example.com' } });
    const outbox = new Outbox(path.join(server.dataDir, 'outbox'));
    let messages: Awaited<ReturnType<Outbox['messages']>> = [];
    const ack = await until(() => {
      void outbox.messages().then((m) => (messages = m));
      return messages.find((m) => m.to.includes('tila@example.com'));
    }, 'the acknowledgement');
    statusUrl = new RegExp(`${server.url}/f/[A-Za-z0-9_-]{21}`).exec(ack.text)![0];
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => logoHost?.close(resolve));
  });

  /** The page in `lang`, 320 px wide; axe-core injected past the CSP. */
  async function open(url: string, lang: Locale, ready: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width: 320, height: 640 });
    await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
    await page.setBypassCSP(true);
    await page.goto(url);
    await page.waitForSelector(ready);
    return page;
  }

  /** The header, title and footer in the page's language; axe (WCAG 2.2 AA and the landmark rules) finds nothing; no sideways scroll. */
  async function assertCityPage(page: Page, lang: Locale, where: string): Promise<void> {
    const seen = await page.evaluate(() => {
      const d = (globalThis as any).document;
      const logo = d.querySelector('header img');
      return {
        lang: d.documentElement.lang,
        title: d.title,
        logoAlt: logo?.alt,
        logoLoaded: logo?.complete && logo.naturalWidth > 0,
        header: d.querySelector('header.city-header')?.innerText,
        footer: [...d.querySelectorAll('footer a')].map((a: any) => `${a.textContent} ${a.href}`),
        widths: [d.documentElement.scrollWidth, d.documentElement.clientWidth],
      };
    });
    const t = TEXTS[lang].identity;
    assert.equal(seen.lang, lang, where);
    assert.ok(seen.title.endsWith(` – ${NAMES[lang]}`), `${where}: the title names the city: ${seen.title}`);
    assert.equal(seen.logoAlt, NAMES[lang], `${where}: the logo is named by the city`);
    assert.ok(seen.logoLoaded, `${where}: the logo loaded`);
    assert.match(seen.header, new RegExp(t.service), where);
    assert.deepEqual(
      seen.footer,
      [`${t.privacy} https://www.lahti.example/${{ fi: 'tietosuoja', sv: 'sv/dataskydd', en: 'en/privacy' }[lang]}`, `${t.accessibility} https://www.lahti.example/saavutettavuus`],
      `${where}: the footer`,
    );
    assert.ok(seen.widths[0]! <= seen.widths[1]!, `${where}: no horizontal scroll at 320 px: ${seen.widths}`);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as any).axe;
      const d = (globalThis as any).document;
      const wcag = await axe.run(d, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      const landmarks = await axe.run(d, {
        runOnly: {
          type: 'rule',
          values: ['region', 'landmark-one-main', 'landmark-unique', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo', 'landmark-banner-is-top-level', 'landmark-contentinfo-is-top-level'],
        },
      });
      return [...wcag.violations, ...landmarks.violations].map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe on ${where}`);
  }

  for (const lang of LOCALES) {
    it(`the survey page, the public page, the status page and the dashboard’s sign-in, in ${lang}`, async () => {
      const pages = [
        [surveyUrl, 'suora-survey', 'survey'],
        [`${server.url}/public?lang=${lang}`, 'suora-public-feed', 'public page'],
        [`${statusUrl}?lang=${lang}`, 'dl.status', 'status page'],
        [`${server.url}/dashboard?lang=${lang}`, 'suora-dashboard >>> suora-sign-in >>> form', 'dashboard sign-in'],
      ] as const;
      for (const [url, ready, where] of pages) {
        const page = await open(url, lang, ready);
        try {
          await assertCityPage(page, lang, `${where} (${lang})`);
        } finally {
          await page.close();
        }
      }
    });
  }

  it('the dashboard’s whole page follows the dashboard’s language: the browser’s English, then Swedish chosen', async () => {
    const [name, value] = (await signInAs(server, 'tiina')).split('=') as [string, string];
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 320, height: 640 });
      await page.setBypassCSP(true);
      // A browser set to British English (the page itself is served in Finnish, as no `?lang=` asks otherwise).
      await page.evaluateOnNewDocument(() => Object.defineProperty((globalThis as any).navigator, 'languages', { get: () => ['en-GB', 'en'] }));
      await page.setCookie({ name, value, url: server.url });
      await page.goto(`${server.url}/dashboard`);
      await page.waitForSelector('suora-dashboard >>> nav');
      await page.waitForFunction(() => (globalThis as any).document.documentElement.lang === 'en');
      await assertCityPage(page, 'en', 'dashboard (the browser’s English)');
      assert.ok((await page.title()).startsWith(TEXTS.en.identity.dashboardTitle), await page.title());

      await page.click('suora-dashboard >>> .languages button[lang=sv]');
      await page.waitForFunction(() => (globalThis as any).document.documentElement.lang === 'sv');
      await assertCityPage(page, 'sv', 'dashboard (Swedish chosen)');
      assert.ok((await page.title()).startsWith(TEXTS.sv.identity.dashboardTitle), await page.title());
    } finally {
      await page.close();
    }
  });

  it('loads the logo from the city’s site under Suora’s own CSP', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/public`);
      await page.waitForSelector('header img');
      await page.waitForFunction(() => (globalThis as any).document.querySelector('header img').complete);
      assert.ok(await page.evaluate(() => (globalThis as any).document.querySelector('header img').naturalWidth > 0));
    } finally {
      await page.close();
    }
  });
});
