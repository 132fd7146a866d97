import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dist/test/helpers/chromium.js';
const urls = JSON.parse(readFileSync('/tmp/demo6.json', 'utf8'));
const b = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const shot = async (who, url, hashes) => {
  const ctx = await b.createBrowserContext();
  const p = await ctx.newPage();
  p.on('console', (m) => m.type() === 'error' && console.log(who, 'console', m.text()));
  await p.setViewport({ width: 1280, height: 900 });
  await p.goto(url, { waitUntil: 'networkidle0' });
  await Promise.all([p.waitForNavigation({ waitUntil: 'networkidle0' }), p.click('button[type=submit]')]);
  for (const h of hashes) {
    await p.evaluate((h) => (location.hash = h), h);
    await new Promise((r) => setTimeout(r, 700));
    await p.screenshot({ path: `/tmp/dash-${who}-${h.replace('/', '_')}.png`, fullPage: true });
  }
  await ctx.close();
};
await shot('aino', urls.signIn.official, ['inbox', 'links']);
await shot('kari', urls.signIn.decisionMaker, ['council', 'stats']);
await shot('tiina', urls.signIn.admin, ['queue', 'admin']);
await b.close();
