import { waitUntil } from '@open-wc/testing';
import type { SuoraFeedback } from '../../widget/src/feedback/suora-feedback.js';

declare global {
  interface Window {
    SUORA_TEST: { api: string; deadApi: string; limitedApi: string; link: { id: string; token: string }; privacy: Record<'fi' | 'sv' | 'en', string> };
  }
}

/** The real Suora server that web-test-runner.config.mjs started for these tests. */
export const API = window.SUORA_TEST.api;
/** An address where nothing listens: fetch fails as on a dropped connection. */
export const DEAD_API = window.SUORA_TEST.deadApi;

/** A real server that takes one submission a minute from an address. */
export const LIMITED_API = window.SUORA_TEST.limitedApi;

/** The city's privacy notice, per language, as the server at `API` names it (the limited server names none). */
export const PRIVACY = window.SUORA_TEST.privacy;

/** A signature link of Laura Nieminen (Urban Environment) in the test server's store. */
export const LINK = window.SUORA_TEST.link;

export function inShadow<T extends Element = HTMLElement>(el: SuoraFeedback, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

export function activeInShadow(el: SuoraFeedback): Element | null {
  return el.shadowRoot!.activeElement;
}

export function text(el: SuoraFeedback): string {
  return el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
}

export async function topicsLoaded(el: SuoraFeedback): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelectorAll('#topic option').length > 1, 'topics did not load');
}
