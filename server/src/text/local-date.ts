import type { Locale } from '../../../contract/api.js';

/** The language tags dates are written in: Finnish and Swedish as in Finland. */
const TAGS: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const formats = new Map<string, Intl.DateTimeFormat>();

/** `30.11.2026` / `30 November 2026`: the city's date of an instant, as people of `locale` write it, with the weekday. */
export function localDate(iso: string, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(TAGS[locale], { timeZone, weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' })));
  return format.format(Date.parse(iso));
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `30.11.2026 klo 9.13` / `30/11/2026, 09:13`: the city's date and time of an instant, as people of `locale` write them. */
export function localDateTime(ms: number, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) timeFormats.set(key, (format = new Intl.DateTimeFormat(TAGS[locale], { timeZone, dateStyle: 'short', timeStyle: 'short' })));
  return format.format(ms);
}
