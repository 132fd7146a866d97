import type { Locale } from '../../../../contract/api.js';
import { en, type DashboardTranslation } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export type { DashboardTranslation };
/** The API's error codes the dashboard says in its own words. */
export type ErrorCode = keyof DashboardTranslation['errors'];

/** The dashboard's texts, one file per language; a new language is a file here and a line below. */
export const TRANSLATIONS: Record<Locale, DashboardTranslation> = { fi, sv, en };
