import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { readCityIdentity } from '../../server/src/city-identity.js';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The widths a page must fit: a 320 px phone, and a 1280 px window at 200 % zoom (640 CSS px, twice the pixels). */
/** The city the resident-facing pages are checked as: its name in three languages and both statements. */
export const LAHTI = readCityIdentity({
  SUORA_CITY_NAME: '{"fi":"Lahden kaupunki","sv":"Lahtis stad","en":"City of Lahti"}',
  SUORA_PRIVACY_URL: 'https://www.lahti.example/tietosuoja',
  SUORA_ACCESSIBILITY_URL: 'https://www.lahti.example/saavutettavuus',
});

export const VIEWPORTS = [
  { name: '320 px', viewport: { width: 320, height: 640 } },
  { name: '1280 px at 200 %', viewport: { width: 640, height: 400, deviceScaleFactor: 2 } },
] as const;

/** What has the focus, through shadow roots: `BODY` when it was dropped. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = (globalThis as any).document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return 'nothing';
    const name = (active.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `${active.tagName}${name ? ` “${name}”` : ''}`;
  });
}

/** Focus is on something meaningful after `action`, never the body. */
export async function assertFocusKept(page: Page, action: string): Promise<string> {
  const on = await focused(page);
  assert.ok(!/^(BODY|HTML|nothing)/.test(on), `after ${action}, focus is on ${on}`);
  return on;
}

/** No sideways scroll: the document is no wider than the viewport. */
export async function assertNoOverflow(page: Page, where: string): Promise<void> {
  const [scroll, client] = await page.evaluate(() => {
    const d = (globalThis as any).document.documentElement;
    return [d.scrollWidth, d.clientWidth];
  });
  assert.ok(scroll <= client, `${where}: scrollWidth ${scroll} > viewport ${client}`);
}

/** axe-core with WCAG 2.2 AA and best practice finds nothing (the page must bypass its CSP: page.setBypassCSP). */
export async function assertAxeClean(page: Page, where: string): Promise<void> {
  // The id tells axe's own script apart from one a page was tricked into running.
  if (!(await page.evaluate(() => Boolean((globalThis as any).axe)))) await page.addScriptTag({ path: AXE, id: 'axe' });
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${where}`);
}

/** The least a target may measure, in CSS px, either way (WCAG 2.5.5; GOV.UK's practice). */
export const LEAST_TARGET = 44;

/**
 * Every visible link, button, field and summary, through shadow roots, is at least 44 × 44
 * CSS px. A checkbox or radio is pressed through its label, so the label is measured. Links
 * in running text are exempt (WCAG's inline exception): an inline link beside text of its own
 * block. Visually hidden elements (1 px, like a skip link until focused) and a robot trap
 * (hidden from people and out of the tab order) are not targets.
 */
export async function assertTargetsLargeEnough(page: Page, where: string): Promise<void> {
  const small: string[] = await page.evaluate((least) => {
    const doc = (globalThis as any).document;
    const found: string[] = [];
    const describe = (el: any) => `${el.localName}${el.id ? `#${el.id}` : ''}${el.name ? `[name=${el.name}]` : ''}${el.type && el.localName === 'input' ? `[type=${el.type}]` : ''} “${(el.getAttribute('aria-label') ?? el.textContent ?? el.value ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}”`;
    const inRunningText = (el: any) => {
      if (el.localName !== 'a' || (globalThis as any).getComputedStyle(el).display !== 'inline') return false;
      const block = el.parentElement;
      return !!block && block.textContent.trim().length > el.textContent.trim().length;
    };
    const measure = (el: any) => {
      const pressedThrough = el.localName === 'input' && /^(checkbox|radio)$/.test(el.type) ? (el.closest('label') ?? el.labels?.[0]) : null;
      const target = pressedThrough ?? el;
      if ((globalThis as any).getComputedStyle(target).visibility === 'hidden' || target.getClientRects().length === 0) return;
      if (target.closest('[aria-hidden="true"]') && target.tabIndex < 0) return; // a trap for robots, not a target
      const box = target.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return;
      const g = globalThis as any;
      if (box.right + g.scrollX <= 0 || box.bottom + g.scrollY <= 0) return; // off the page until focused, like a skip link
      if (inRunningText(target)) return;
      if (box.height < least - 0.5 || box.width < least - 0.5) found.push(`${describe(target)}: ${Math.round(box.width)} × ${Math.round(box.height)} px`);
    };
    const walk = (root: any) => {
      for (const el of root.querySelectorAll('*')) {
        if (/^(a|button|input|select|summary|textarea)$/.test(el.localName) && !(el.localName === 'a' && !el.hasAttribute('href')) && el.type !== 'hidden') measure(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(doc);
    return [...new Set(found)];
  }, LEAST_TARGET);
  assert.deepEqual(small, [], `${where}: targets under ${LEAST_TARGET} × ${LEAST_TARGET} CSS px`);
}

/** Every check of a view in one state. */
export async function assertViewSound(page: Page, where: string): Promise<void> {
  await assertNoOverflow(page, where);
  await assertAxeClean(page, where);
  await assertTargetsLargeEnough(page, where);
}

/** Links of the same text lead to the same place: a screen reader's link list tells them apart. */
export async function assertLinkTextsUnique(page: Page, where: string): Promise<void> {
  const links: [string, string][] = await page.evaluate(() => {
    const found: [string, string][] = [];
    const walk = (root: any) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'A' && el.href) found.push([(el.getAttribute('aria-label') ?? el.textContent).trim().replace(/\s+/g, ' '), el.href]);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk((globalThis as any).document);
    return found;
  });
  const byText = new Map<string, Set<string>>();
  for (const [text, href] of links) byText.set(text, (byText.get(text) ?? new Set()).add(href));
  const ambiguous = [...byText].filter(([, hrefs]) => hrefs.size > 1).map(([text]) => text);
  assert.deepEqual(ambiguous, [], `${where}: link texts that lead to different places`);
}
