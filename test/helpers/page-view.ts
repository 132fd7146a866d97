import type { Page } from 'puppeteer-core';

/* Functions passed to page.evaluate run in Chromium, serialized; this file has no DOM types. */

/** What a page view has cost so far: Chromium's own count of layout shift, requests and bytes. */
export interface PageViewCost {
  /** The sum of the layout shifts not caused by a person's input (as Core Web Vitals count them). */
  layoutShift: number;
  /** What moved, for a failing check's message. */
  shifted: string[];
  /** Every request's URL, the page's own included. */
  requests: string[];
  /** Bytes over the network (headers and compressed bodies). */
  bytes: number;
}

/**
 * Watches `page` from its next navigation: a buffered `layout-shift` observer in the page,
 * and the DevTools protocol's network events for requests and bytes. Call before `goto`.
 */
export async function watchPageView(page: Page): Promise<() => Promise<PageViewCost>> {
  await page.evaluateOnNewDocument(() => {
    const w = globalThis as any;
    w.suoraShifts = [];
    new w.PerformanceObserver((list: any) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        const what = entry.sources.map((s: any) => s.node?.nodeName ?? '?').join(',');
        w.suoraShifts.push({ value: entry.value, what });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const requests: string[] = [];
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e) => requests.push(e.request.url));
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  return async () => {
    // A frame later, so that the observer has had every shift of the frames before.
    const shifts = (await page.evaluate(() => {
      const w = globalThis as any;
      return new Promise((resolve) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(w.suoraShifts))));
    })) as { value: number; what: string }[];
    return {
      layoutShift: shifts.reduce((sum, s) => sum + s.value, 0),
      shifted: shifts.map((s) => `${s.value.toFixed(4)} ${s.what}`),
      requests: [...requests],
      bytes,
    };
  };
}
