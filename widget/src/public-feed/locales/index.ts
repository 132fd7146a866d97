import type { Locale } from '../../../../contract/api.js';
import { en, type PublicFeedTranslation } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export type { PublicFeedTranslation };

/** The public feed's texts, one file per language; a new language is a file here and a line below. */
export const TRANSLATIONS: Record<Locale, PublicFeedTranslation> = { fi, sv, en };
