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

/** Where a survey answer came from, in words: the link's channel and service area, and whether the link is revoked. */
export interface FeedbackSource {
  channel: 'widget' | 'email' | 'sms';
  /** The link's (or item's) service area, in the reader's language. */
  serviceArea?: string;
  revoked?: boolean;
}

/**
 * A feedback source for people, in one language: `Kysely: sähköpostin allekirjoitus ·
 * Elinvoima (poistettu käytöstä)`; the web form by its name. For the scores' groups and
 * for mail about an item without a topic.
 */
export function feedbackSourceLabel(locale: Locale, source: FeedbackSource): string {
  const t = TEXTS[locale].sources;
  const channel = t.channels[source.channel];
  if (source.channel === 'widget') return channel;
  const where = [channel, source.serviceArea].filter(Boolean).join(' · ');
  return t.survey(source.revoked ? `${where} (${t.revoked})` : where);
}
