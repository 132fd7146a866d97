import type { Request } from 'express';
import { LOCALES, type Locale } from '../../../contract/api.js';

/** `?lang=` when it is one of ours. */
export function askedLocale(req: Request): Locale | undefined {
  const lang = req.query.lang;
  return typeof lang === 'string' && (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : undefined;
}

/** `?lang=` when it is one of ours, else the best of ours in the browser's Accept-Language, else Finnish. */
export function preferredLocale(req: Request): Locale {
  return askedLocale(req) ?? ((req.acceptsLanguages(...LOCALES) || 'fi') as Locale);
}
