import type { Locale } from '../../../contract/api.js';
import { TRANSLATIONS, type Translation } from '../locales/index.js';

export type { Locale, Translation };
export { TRANSLATIONS };

export const SUPPORTED_LOCALES = Object.keys(TRANSLATIONS) as Locale[];

/**
 * The element's language: its own `lang`, else the closest ancestor's (through shadow
 * roots), else Finnish. A language we lack ("de") falls back to English.
 */
export function resolveLocale(element: HTMLElement): Locale {
  // The property first: an element's own `lang` may not be reflected to its attribute yet.
  if (element.lang) return toLocale(element.lang);
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return toLocale(node.getAttribute('lang')!);
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return 'fi';
}

export function toLocale(lang: string): Locale {
  const primary = lang.toLowerCase().split('-')[0]!;
  return (SUPPORTED_LOCALES as string[]).includes(primary) ? (primary as Locale) : 'en';
}
