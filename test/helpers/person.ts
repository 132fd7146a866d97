import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { AS_A_PERSON_ARGS, CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

/** Chromium as a person's own browser looks to a page: no automation flag. */
export function launchPersonsBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...AS_A_PERSON_ARGS],
    ignoreDefaultArgs: ['--enable-automation'],
    headless: true,
  });
}

/** Where a person's finger or pointer lands on a control: inside it, not at its exact centre. */
export async function offCentre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const handle = await page.waitForSelector(selector, { timeout: 10_000 });
  await handle!.scrollIntoView(); // as the person scrolls to it
  const box = (await handle!.boundingBox())!;
  return { x: box.x + box.width * 0.3, y: box.y + box.height * 0.7 };
}

/** A person's mouse: moves along a path from elsewhere on the page to a point off the control's centre, and clicks. */
export async function clickLikeAPerson(page: Page, selector: string): Promise<void> {
  const { x, y } = await offCentre(page, selector);
  await page.mouse.move(Math.max(1, x - 150), y + 90);
  await page.mouse.move(x, y, { steps: 12 });
  await page.mouse.down();
  await page.mouse.up();
}
