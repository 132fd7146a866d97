import type { Request } from 'express';
import { LOCALES, type Locale } from '../../../contract/api.js';

/** `?lang=` when it is one of ours, else the best of ours in the browser's Accept-Language, else Finnish. */
export function preferredLocale(req: Request): Locale {
  const lang = req.query.lang;
  if (typeof lang === 'string' && (LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return (req.acceptsLanguages(...LOCALES) || 'fi') as Locale;
}
