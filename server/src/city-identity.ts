import { LOCALES, type Locale, type LocalizedText } from '../../contract/api.js';

/**
 * The city's identity on every page Suora serves and in every mail: its name, its logo, and
 * the two statements a public body must link (the privacy notice, GDPR Art. 13, and the
 * accessibility statement). Each is one value for every language or one per language.
 * Links and the logo are absolute URLs, or paths on Suora's own origin (resolved with
 * `absoluteUrl` wherever a page of another origin or a mail needs them).
 */
export interface CityIdentity {
  /** Unset: pages and mail name Suora alone. */
  name: LocalizedText | undefined;
  logoUrl: LocalizedText | undefined;
  privacyUrl: LocalizedText | undefined;
  accessibilityUrl: LocalizedText | undefined;
}

/** No city configured: Suora's own name only, no logo, no links. */
export const NO_CITY_IDENTITY: CityIdentity = { name: undefined, logoUrl: undefined, privacyUrl: undefined, accessibilityUrl: undefined };

const SERVICE_NAME = 'Suora';

/** The city's name in `locale`, or Suora's when none is configured. */
export function cityName(identity: CityIdentity, locale: Locale): string {
  return identity.name?.[locale] ?? SERVICE_NAME;
}

/** The display name of Suora's mail: `Lahden kaupunki – Suora`, or `Suora`. */
export function senderName(identity: CityIdentity, locale: Locale): string {
  return identity.name ? `${identity.name[locale]} – ${SERVICE_NAME}` : SERVICE_NAME;
}

/** A configured URL as an absolute one: a path is on Suora's own origin. */
export function absoluteUrl(url: string, publicUrl: string): string {
  return new URL(url, publicUrl).href;
}

/** The origins of absolute logo URLs: the pages' CSP must let them load. */
export function logoOrigins(identity: CityIdentity): string[] {
  const urls = identity.logoUrl ? LOCALES.map((l) => identity.logoUrl![l]) : [];
  return [...new Set(urls.filter((url) => !url.startsWith('/')).map((url) => new URL(url).origin))];
}

/**
 * Reads SUORA_CITY_NAME, SUORA_LOGO_URL, SUORA_PRIVACY_URL and SUORA_ACCESSIBILITY_URL;
 * throws an `Error` naming the variable and what a valid value looks like.
 */
export function readCityIdentity(env: NodeJS.ProcessEnv): CityIdentity {
  return {
    name: localized('SUORA_CITY_NAME', env.SUORA_CITY_NAME, cityNameIn),
    logoUrl: localized('SUORA_LOGO_URL', env.SUORA_LOGO_URL, (v, value) => url(v, value, 'image')),
    privacyUrl: localized('SUORA_PRIVACY_URL', env.SUORA_PRIVACY_URL, (v, value) => url(v, value, 'link')),
    accessibilityUrl: localized('SUORA_ACCESSIBILITY_URL', env.SUORA_ACCESSIBILITY_URL, (v, value) => url(v, value, 'link')),
  };
}

const EXAMPLE_NAME = '{"fi":"Lahden kaupunki","sv":"Lahtis stad","en":"City of Lahti"}';

/** One value for every language, or JSON with each of Suora's languages; each checked by `check`. */
function localized(variable: string, raw: string | undefined, check: (variable: string, value: string) => string): LocalizedText | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!value.startsWith('{')) {
    const one = check(variable, value);
    return { fi: one, sv: one, en: one };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`${variable} is not valid JSON. Give one value, or one per language such as ${EXAMPLE_NAME}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${variable} must be one value, or a JSON object with one per language such as ${EXAMPLE_NAME}.`);
  }
  const entries = parsed as Record<string, unknown>;
  const unknown = Object.keys(entries).filter((key) => !(LOCALES as readonly string[]).includes(key));
  if (unknown.length) throw new Error(`${variable}: Suora's languages are ${LOCALES.join(', ')}; ${unknown.join(', ')} is not one of them.`);
  const missing = LOCALES.filter((locale) => typeof entries[locale] !== 'string' || !(entries[locale] as string).trim());
  if (missing.length) throw new Error(`${variable} needs a value in every language (${LOCALES.join(', ')}); ${missing.join(' and ')} missing.`);
  return Object.fromEntries(LOCALES.map((locale) => [locale, check(`${variable} (${locale})`, (entries[locale] as string).trim())])) as LocalizedText;
}

/** Shown in headers, titles and mail headers: one line of printable text, of a sensible length. */
function cityNameIn(variable: string, value: string): string {
  if (value.length > 100 || /[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    throw new Error(`${variable} must be the city's name on one line, at most 100 characters, such as "Lahden kaupunki", not "${value}".`);
  }
  return value;
}

/**
 * An https URL, or a path on Suora's origin (`/…`, not `//host`); plain http too for a
 * link, and for an image on this machine (an https page cannot load an image over http).
 */
function url(variable: string, value: string, kind: 'image' | 'link'): string {
  if (/^\/(?![/\\])/.test(value) && URL.canParse(value, 'http://localhost')) return value;
  const parsed = URL.canParse(value) ? new URL(value) : undefined;
  const local = parsed && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  const scheme = parsed?.protocol === 'https:' || (parsed?.protocol === 'http:' && (kind === 'link' || local));
  if (!parsed || !scheme || parsed.username || parsed.password) {
    const example = kind === 'image' ? 'https://www.example.fi/logo.svg' : 'https://www.example.fi/tietosuoja';
    const what = kind === 'image' ? 'an https URL' : 'an http(s) URL';
    throw new Error(`${variable} must be ${what} such as ${example}, or a path on Suora's own address such as /assets/logo.svg, not "${value}".`);
  }
  return parsed.href;
}
