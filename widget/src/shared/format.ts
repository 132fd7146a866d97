import type { Locale } from '../../../contract/api.js';

/**
 * Numbers, counts and dates as each language writes them (`3,58` in Finnish and Swedish),
 * through the browser's Intl. Every number a view shows goes through here, so none is
 * shown as JavaScript writes it.
 */

/** A count's forms by plural category (Intl.PluralRules); `{n}` stands for the number. */
export interface Plural {
  one: string;
  other: string;
}

/** A number with at most `maxDecimals` decimals, in the language's digits and separators. */
export function formatNumber(locale: Locale, n: number, maxDecimals = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDecimals }).format(n);
}

/** The form for `n` (`1 palaute`, `2 palautetta`), with `n` formatted. */
export function plural(locale: Locale, n: number, forms: Plural): string {
  const category = new Intl.PluralRules(locale).select(n);
  return (category === 'one' ? forms.one : forms.other).replace('{n}', formatNumber(locale, n));
}

/**
 * The Intl locale of each language's dates and times: Finnish and Swedish as written in
 * Finland; English as British English writes it (`30/11/2026, 08:55`), not `en-FI`, which
 * mixes in the Finnish time separator (`8.55`).
 */
export const DATE_LOCALES: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * A moment with date and time, as the clocks of `timeZone` (the city's) showed it, with a
 * numeric date in each language's form (`30.11.2026 klo 3.11`, `30.11.2026 3.11`,
 * `30/11/2026, 03:11`): a medium date style mixes forms in Finland-Swedish (`30 nov. 2026 3.11`).
 */
export function formatDateTime(locale: Locale, iso: string, timeZone?: string): string {
  // British English writes the hour with two digits; Finnish and Swedish in Finland do not.
  const hour = locale === 'en' ? '2-digit' : 'numeric';
  return new Date(iso).toLocaleString(DATE_LOCALES[locale], { day: 'numeric', month: 'numeric', year: 'numeric', hour, minute: '2-digit', timeZone });
}

/** A moment's date in `timeZone` (the city's). */
export function formatDate(locale: Locale, iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleDateString(DATE_LOCALES[locale], { timeZone });
}

/**
 * A score period as the server names it (`2026-11`, `2026-W48`) in words: `marraskuu 2026`
 * (`marras 2026`, `nov. 2026` when `short`, for a chart's axis), and a week by the language's
 * form (`vk 48/2026`, where `{week}` and `{year}` stand; a chart's `vk 48`).
 */
export function formatPeriod(locale: Locale, period: string, weekForm: string, short = false): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return weekForm.replace('{week}', String(Number(week[2]))).replace('{year}', week[1]!);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (!month) return period;
  // A calendar month's name: the day is a label, not a moment, so no time zone applies.
  // In Finland's forms (never Sweden's `2026-11`), as every other date.
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { month: short ? 'short' : 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
}
