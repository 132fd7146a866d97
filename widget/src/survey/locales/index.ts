import type { Locale } from '../../../../contract/api.js';
import { en, type SurveyTranslation } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export type { SurveyTranslation };

/** The survey page's own texts, one file per language; a new language is a file here and a line below. */
export const TRANSLATIONS: Record<Locale, SurveyTranslation> = { fi, sv, en };
