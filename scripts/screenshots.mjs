// Screenshots of the demo page for a person to look at: node scripts/screenshots.mjs [URL] [OUT_DIR]
// Needs a running demo (npm run demo). Takes the inline form and the dialog, fi and en, 1280 and 360 px.
import { mkdir } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dist/test/helpers/chromium.js';

const url = process.argv[2] ?? 'http://localhost:8080/demo/';
const out = process.argv[3] ?? 'screenshots';
await mkdir(out, { recursive: true });
const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  for (const width of [1280, 360]) {
    for (const lang of ['fi', 'en']) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.goto(url, { waitUntil: 'networkidle0' });
      await page.evaluate((l) => (document.documentElement.lang = l), lang);
      await page.evaluate(() => document.querySelector('suora-feedback:not([mode=button])').scrollIntoView());
      await new Promise((r) => setTimeout(r, 300));
      await page.screenshot({ path: `${out}/inline-${lang}-${width}.png`, fullPage: width === 360 });
      await page.evaluate(() => document.querySelector('suora-feedback[mode=button]').shadowRoot.querySelector('.open').click());
      await new Promise((r) => setTimeout(r, 300));
      await page.screenshot({ path: `${out}/dialog-${lang}-${width}.png` });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`Screenshots in ${out}/`);
