// Screenshots of every view for the README: node scripts/screenshots.mjs [OUT_DIR] (default docs/screenshots).
// Starts its own demo (`suora demo`, fresh data, a free port; run `npm run build` first), signs in
// through the demo's printed sign-in links, and takes each view at 1280 and 360 px.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { Outbox } from '../dist/server/src/mail/outbox.js';
import { CHROMIUM_ARGS, AS_A_PERSON_ARGS, CHROMIUM_PATH } from '../dist/test/helpers/chromium.js';
import { printedUrls } from '../dist/test/helpers/server-output.js';

const out = process.argv[2] ?? 'docs/screenshots';
const SIZES = { 1280: { width: 1280, height: 800 }, 360: { width: 360, height: 740 } };

await mkdir(out, { recursive: true });
const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-shots-'));
const demo = spawn(process.execPath, ['bin/suora.js', 'demo', '--json'], {
  env: { ...process.env, SUORA_DATA_DIR: dataDir, PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const urls = await printedUrls(demo.stdout);
// A person's browser: the survey counts no automated press.
const browser = await puppeteer.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, ...AS_A_PERSON_ARGS],
  ignoreDefaultArgs: ['--enable-automation'],
  headless: true,
});
const taken = [];

/** Waits until `test` holds in the page (through shadow roots, which waitForSelector does not watch). */
const until = (page, test, arg) => page.waitForFunction(test, { timeout: 20_000 }, arg);
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function shot(page, name, size) {
  await settle();
  const file = `${out}/${name}-${size}.png`;
  await page.screenshot({ path: file });
  taken.push(file);
}

async function open(url, size, language = 'fi') {
  const page = await browser.newPage();
  await page.setViewport(SIZES[size]);
  await page.setExtraHTTPHeaders({ 'Accept-Language': language });
  await page.goto(url, { waitUntil: 'networkidle0' });
  return page;
}

async function cityPage(size) {
  const page = await open(urls.demoPage, size);
  await page.evaluate(() => document.querySelector('suora-feedback:not([mode=button])').scrollIntoView());
  await shot(page, 'city-page-inline-form', size);
  await page.evaluate(() => document.querySelector('suora-feedback[mode=button]').shadowRoot.querySelector('.open').click());
  await shot(page, 'city-page-dialog', size);
  await page.close();
}

async function survey(size) {
  const messages = await open(urls.demoMessages, size);
  const link = await messages.$eval('article a[href*="r=4"]', (a) => a.href);
  await messages.close();
  const page = await open(link, size);
  await until(page, () => document.querySelector('suora-survey')?.shadowRoot?.textContent.includes('Aino'));
  await shot(page, 'survey-fi-before', size);
  await (await page.waitForSelector('suora-survey >>> #comment')).focus();
  await page.keyboard.type('Sain nopeasti selkeän vastauksen.');
  await (await page.waitForSelector('suora-survey >>> button[type=submit]')).focus();
  await page.keyboard.press('Enter');
  await until(page, () => document.querySelector('suora-survey').shadowRoot.querySelector('.sent'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'survey-fi-after', size);
  await page.close();
}

async function publicPage(size) {
  for (const lang of ['fi', 'en']) {
    const page = await open(`${urls.publicPage.split('?')[0]}?lang=${lang}`, size);
    await until(page, () => document.querySelector('suora-public-feed')?.shadowRoot?.querySelector('li'));
    await shot(page, `public-${lang}`, size);
    await page.close();
  }
}

/** The acknowledgement of feedback sent with an email address carries the giver's status link. */
async function statusPage(size, statusUrl) {
  const page = await open(statusUrl, size);
  await shot(page, 'status', size);
  await page.close();
}

async function giveAndFindStatusLink() {
  const topics = await (await fetch(`${urls.server}/api/topics?locale=fi`)).json();
  await fetch(`${urls.server}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ topic: topics.topics[0].id, rating: 4, comment: 'Kiitos nopeasta avusta.', fillMs: 5000, contact: { email: 'asukas@example.com' } }),
  });
  const outbox = new Outbox(path.join(dataDir, 'outbox'));
  for (let tries = 0; tries < 100; tries++) {
    const mail = (await outbox.messages()).find((m) => m.to.includes('asukas@example.com'));
    const found = mail && new RegExp(`${urls.server}/f/[A-Za-z0-9_-]{21}`).exec(mail.text);
    if (found) return found[0];
    await settle();
  }
  throw new Error('No acknowledgement with a status link in the outbox.');
}

/** Signs in through a printed sign-in link (its page asks for one press, as mail scanners open links). */
async function signedIn(link, size) {
  const page = await open(link, size);
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('form button, form [type=submit]')]);
  await until(page, () => document.querySelector('suora-dashboard')?.shadowRoot?.querySelector('nav'));
  return page;
}

/** The official's inbox, an item and the scores, then the admin's view: each sign-in link works once, so both sizes per sign-in. */
async function dashboard() {
  const page = await signedIn(urls.signIn.official, 1280);
  let detail;
  for (const size of [1280, 360]) {
    await page.setViewport(SIZES[size]);
    await page.evaluate(() => (location.hash = 'inbox'));
    await until(page, () => document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-inbox')?.shadowRoot?.querySelector('a[href*="#feedback/"]'));
    await shot(page, 'dashboard-inbox', size);
    detail ??= await page.evaluate(() => document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-inbox').shadowRoot.querySelector('a[href*="#feedback/"]').getAttribute('href'));
    await page.evaluate((hash) => (location.hash = hash), detail);
    await until(page, () => document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-feedback-detail')?.shadowRoot?.querySelector('h2, h3'));
    await shot(page, 'dashboard-detail', size);
    await page.evaluate(() => (location.hash = 'scores'));
    await until(page, () => document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-scores')?.shadowRoot?.querySelector('table, svg'));
    await shot(page, 'dashboard-scores', size);
  }
  await page.close();

  const admin = await signedIn(urls.signIn.admin, 1280);
  for (const size of [1280, 360]) {
    await admin.setViewport(SIZES[size]);
    await admin.evaluate(() => (location.hash = 'admin'));
    await until(admin, () => document.querySelector('suora-dashboard').shadowRoot.querySelector('suora-admin')?.shadowRoot?.querySelector('h2, table'));
    await shot(admin, 'dashboard-admin', size);
  }
  await admin.close();
}

try {
  const statusUrl = await giveAndFindStatusLink();
  for (const size of [1280, 360]) {
    await cityPage(size);
    await survey(size);
    await publicPage(size);
    await statusPage(size, statusUrl);
  }
  await dashboard();
} finally {
  await browser.close();
  demo.kill('SIGTERM');
  await new Promise((resolve) => demo.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
}
console.log(taken.join('\n'));
