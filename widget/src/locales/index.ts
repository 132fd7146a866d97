import type { Locale } from '../../../contract/api.js';
import { en, type Translation } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export type { Translation };

/** The feedback form's texts, one file per language; a new language is a file here and a line below. */
export const TRANSLATIONS: Record<Locale, Translation> = { fi, sv, en };
