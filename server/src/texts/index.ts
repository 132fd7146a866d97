import { LOCALES, type Locale } from '../../../contract/api.js';
import { en, type ServerTexts } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export type { ServerTexts };

/** The server's own texts, one file per language; a new language is a file here and a line below. */
export const TEXTS: Record<Locale, ServerTexts> = { fi, sv, en };

/** One text in every language, in the order of `LOCALES` (Finnish first), for mail and pages that speak to everyone. */
export function inEveryLanguage(text: (t: ServerTexts, locale: Locale) => string, separator = ' / '): string {
  return LOCALES.map((locale) => text(TEXTS[locale], locale)).join(separator);
}
