import type { Locale } from '../shared/localize.js';

/** What the server's page shell gives in every language (`data-text-fi`, `data-href-en`, …). */
const SWAPPED = ['text', 'href', 'src', 'alt'] as const;

/**
 * The page around the dashboard in the dashboard's language: `<html lang>` (so that screen
 * readers speak with the right voice), the title, the city's header and footer. Only on a
 * page whose shell carries every language (Suora's own /dashboard); another host page is left alone.
 */
export function followLanguage(locale: Locale): void {
  const root = document.documentElement;
  if (!root.hasAttribute('data-localized-shell')) return;
  root.lang = locale;
  for (const what of SWAPPED) {
    const attribute = `data-${what}-${locale}`;
    for (const element of document.querySelectorAll(`[${attribute}]`)) {
      const value = element.getAttribute(attribute)!;
      if (what === 'text') element.textContent = value;
      else element.setAttribute(what, value);
    }
  }
}
