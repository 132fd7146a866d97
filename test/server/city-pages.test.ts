import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locale } from '../../contract/api.js';
import { readCityIdentity } from '../../server/src/city-identity.js';
import { issueLoginKey } from '../../server/src/domain/auth.js';
import { Outbox } from '../../server/src/mail/outbox.js';
import { TEXTS } from '../../server/src/texts/index.js';
import { until } from '../helpers/smtp-peer.js';
import { asStaff, postFeedback, signInAs, startTestServer, type TestServer } from '../helpers/test-server.js';

const NAMES = { fi: 'Lahden kaupunki', sv: 'Lahtis stad', en: 'City of Lahti' };
const PRIVACY = { fi: 'https://www.lahti.example/tietosuoja', sv: 'https://www.lahti.example/sv/dataskydd', en: 'https://www.lahti.example/en/privacy' };
const identity = readCityIdentity({
  SUORA_CITY_NAME: JSON.stringify(NAMES),
  SUORA_LOGO_URL: 'https://cdn.lahti.example/logo.svg',
  SUORA_PRIVACY_URL: JSON.stringify(PRIVACY),
  SUORA_ACCESSIBILITY_URL: '/saavutettavuus',
});

/** The city's header, title and footer on a page in `lang`. */
function assertCityPage(page: string, lang: Locale, where: string): void {
  const t = TEXTS[lang].identity;
  assert.match(page, new RegExp(`<html lang="${lang}"[^>]*>`), where);
  assert.match(page, new RegExp(`<title[^>]*>[^<]+ – ${NAMES[lang]}</title>`), `${where}: the title names the city`);
  assert.match(page, new RegExp(`<header class="city-header">[\\s\\S]*<img class="city-logo" src="https://cdn.lahti.example/logo.svg" alt="${NAMES[lang]}"[^>]*>[\\s\\S]*${t.service}[\\s\\S]*</header>\\s*<main>`), `${where}: the header`);
  assert.match(
    page,
    new RegExp(`</main>\\s*<footer class="city-footer">[\\s\\S]*<a href="${PRIVACY[lang]}"[^>]*>${t.privacy}</a>[\\s\\S]*<a href="/saavutettavuus"[^>]*>${t.accessibility}</a>`),
    `${where}: the footer links both statements, in the page's language`,
  );
}

describe('the city’s identity on every page Suora serves', () => {
  let server: TestServer;
  let surveyUrl: string;
  before(async () => {
    server = await startTestServer({ identity, demo: true });
    const admin = await signInAs(server, 'tiina');
    surveyUrl = (await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'aino', channel: 'email' })).json.url;
    // The demo's sample messages show one of each.
    await asStaff(server, admin, 'POST', '/api/admin/links', { officialId: 'aino', channel: 'sms' });
  });
  after(() => server.close());

  const get = async (url: string, language = 'fi') => {
    const response = await fetch(url.startsWith('http') ? url : `${server.url}${url}`, { headers: { 'Accept-Language': language } });
    return { status: response.status, text: await response.text(), csp: response.headers.get('content-security-policy') ?? '' };
  };

  it('the survey page, the public page, the dashboard and the home page, in each language', async () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      assertCityPage((await get(surveyUrl, lang)).text, lang, `survey ${lang}`);
      assertCityPage((await get(`/s/unknown-token`, lang)).text, lang, `survey link not in use ${lang}`);
      assertCityPage((await get(`/public?lang=${lang}`)).text, lang, `public ${lang}`);
      assertCityPage((await get(`/feedback?lang=${lang}`)).text, lang, `feedback form ${lang}`);
      assertCityPage((await get(`/dashboard?lang=${lang}`)).text, lang, `dashboard ${lang}`);
      assertCityPage((await get(`/?lang=${lang}`)).text, lang, `home ${lang}`);
    }
    assertCityPage((await get('/public', 'sv')).text, 'sv', 'the public page without ?lang=: the browser’s language');
    assertCityPage((await get('/feedback', 'en')).text, 'en', 'the feedback page without ?lang=: the browser’s language');
  });

  it('the status page and its 404, the sign-in pages and the demo’s messages', async () => {
    await postFeedback(server.url, { topic: 'business', rating: 3, contact: { email: 'tila@example.com' }, locale: 'sv' });
    const outbox = new Outbox(path.join(server.dataDir, 'outbox'));
    let messages: Awaited<ReturnType<Outbox['messages']>> = [];
    const ack = await until(() => {
      void outbox.messages().then((m) => (messages = m));
      return messages.find((m) => m.to.includes('tila@example.com'));
    }, 'the acknowledgement');
    const key = /\/f\/([A-Za-z0-9_-]{21})/.exec(ack.text)![1]!;
    assertCityPage((await get(`/f/${key}`)).text, 'sv', 'status page');
    assertCityPage((await get(`/f/${key}?lang=en`)).text, 'en', 'status page in English');
    assertCityPage((await get(`/f/${'x'.repeat(21)}`, 'fi')).text, 'fi', 'status 404');
    const { key: loginKey } = await issueLoginKey(server.store, 'server', 'aino');
    assertCityPage((await get(`/login/${loginKey}`)).text, 'fi', 'sign-in');
    assertCityPage((await get(`/login/-`)).text, 'fi', 'not a sign-in link');
    assertCityPage((await get(`/demo/messages`)).text, 'fi', 'demo messages');
  });

  it('lets the pages load the logo from the city’s own site, and nothing else from there', async () => {
    const { csp } = await get('/public');
    assert.match(csp, /img-src 'self' data: https:\/\/cdn\.lahti\.example(;|$)/);
    assert.match(csp, /script-src 'self'(;|$)/);
  });

  it('gives the widget and the survey the privacy notice in the reader’s language, as an absolute URL', async () => {
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const topics = await (await fetch(`${server.url}/api/topics?locale=${lang}`)).json() as any;
      assert.equal(topics.privacyUrl, PRIVACY[lang]);
    }
    const token = surveyUrl.split('/s/')[1]!;
    assert.deepEqual((await (await fetch(`${server.url}/api/links/${token}`)).json() as any).privacyUrl, PRIVACY);
  });
});

describe('without a city configured', () => {
  it('names Suora, shows no logo and no footer, and gives the widget no privacy link', async () => {
    const server = await startTestServer();
    try {
      const page = await (await fetch(`${server.url}/public`)).text();
      assert.match(page, /<title>Julkinen palaute – Suora<\/title>/);
      assert.match(page, /<span class="city-name">Suora<\/span>/);
      assert.doesNotMatch(page, /<img|<footer/);
      assert.equal((await (await fetch(`${server.url}/api/topics?locale=fi`)).json() as any).privacyUrl, undefined);
    } finally {
      await server.close();
    }
  });

  it('resolves a privacy notice given as a path against Suora’s own address for the widget on a city page', async () => {
    const server = await startTestServer({ identity: readCityIdentity({ SUORA_PRIVACY_URL: '/tietosuoja' }) });
    try {
      assert.equal((await (await fetch(`${server.url}/api/topics?locale=sv`)).json() as any).privacyUrl, `${server.url}/tietosuoja`);
    } finally {
      await server.close();
    }
  });
});
