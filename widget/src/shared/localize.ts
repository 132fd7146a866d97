import type { Locale } from '../../../contract/api.js';
import { en, type Translation } from '../locales/en.js';
import { fi } from '../locales/fi.js';
import { sv } from '../locales/sv.js';

export type { Locale, Translation };

export const TRANSLATIONS: Record<Locale, Translation> = { fi, sv, en };
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

/** A count in words, with the language's plural rules: `{ one: '{n} character left', … }`. */
export function plural(locale: Locale, n: number, forms: { one: string; other: string }): string {
  const form = new Intl.PluralRules(locale).select(n) === 'one' ? forms.one : forms.other;
  return form.replace('{n}', n.toLocaleString(locale));
}
