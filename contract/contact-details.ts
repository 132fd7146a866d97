/**
 * Contact details as people paste them, read into the one form Suora stores. Shared by the
 * server's validation and the widget's checks, so that what the form accepts the API
 * accepts too, and both store the same thing. Plain functions of the standard library
 * (no Node or DOM API): the widget bundles this file.
 *
 * Each `read…` returns the stored form, or null when the text is not such a value.
 */

/**
 * Characters that show as nothing: soft hyphen, zero-width space and joiners, word joiner,
 * BOM, and the direction marks, embeddings and isolates that phones and chat apps wrap
 * around a copied number (`\u202A040 123 4567\u202C`).
 */
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
/** Decimal digits of every script (Arabic-Indic `٠٤٠`, Persian `۰۴۰`, Devanagari…) that NFKC leaves as they are. */
const DIGITS = /\p{Nd}/gu;
/** Every kind of space: no-break, narrow, thin, ideographic…, and tabs. */
const SPACES = /[\p{Zs}\t]+/gu;
/** Every kind of dash: hyphen, non-breaking hyphen, en and em dash…, and the minus sign. */
const DASHES = /[\p{Pd}\u2212]/gu;

/**
 * The text as a keyboard would have typed it: compatibility forms folded (full-width
 * digits and letters, `＠`), every script's digits ASCII digits, invisible characters
 * dropped, every space one ASCII space, every dash an ASCII hyphen, no spaces around.
 */
export function plainText(value: string): string {
  return value
    .normalize('NFKC')
    .replace(DIGITS, asciiDigit)
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(DASHES, '-')
    .trim();
}

/**
 * A decimal digit's ASCII form. Unicode puts every script's digits in runs of ten from
 * zero (a stability guarantee), so the digit's value is its place in its run.
 */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  let run = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(run - 1))) run--;
  return String((code - run) % 10);
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const ASCII_DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * An email address, its domain in ASCII (punycode: `maija@xn--yljrvi-dua6l.fi` for
 * `maija@ylöjärvi.fi`), lower case. ASCII because that is what every mail server takes
 * without SMTPUTF8 and what a browser's email input already sends, so that one address has
 * one stored form whichever client sent it. The part before `@` must be ASCII (a Unicode
 * one needs SMTPUTF8 end to end, which a city cannot count on).
 */
export function readEmail(value: string): string | null {
  const text = plainText(value);
  const at = text.lastIndexOf('@');
  if (at < 1 || text.length > 254) return null;
  const local = text.slice(0, at);
  const domain = toAsciiDomain(text.slice(at + 1));
  if (!LOCAL_PART.test(local) || local.length > 64 || !domain || !ASCII_DOMAIN.test(domain)) return null;
  return `${local}@${domain}`;
}

/** IDNA to ASCII through the URL parser, which Node and every browser have. */
function toAsciiDomain(domain: string): string | null {
  if (!domain || /[\s/\\?#@:%[\]]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

/** Finland's country code: a number starting with the trunk prefix 0 is Finnish. */
const FINLAND = '358';

/**
 * A phone number in E.164 (`+358401234567`), from the forms people write: `040 123 4567`,
 * `(09) 123 4567`, `+358 40 123 4567`, `+358 (0)40 123 4567`, `00358 40 123 4567`, with any
 * spaces, dashes, dots or slashes between. A number with neither a country code nor the
 * trunk prefix 0 cannot be placed, and is refused.
 */
export function readPhone(value: string): string | null {
  const text = plainText(value).replace(/^(\+|00)(\d{1,3})\s*\(0\)/, '+$2');
  if (!/^\+?[0-9 ()./-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let international: string;
  if (text.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('0')) international = FINLAND + digits.slice(1);
  else return null;
  // "+358 040 …": the trunk 0 kept after the country code; a Finnish number never starts with 0.
  if (international.startsWith(`${FINLAND}0`)) international = FINLAND + international.slice(4);
  if (international.startsWith('0') || international.length < 7 || international.length > 15) return null;
  return `+${international}`;
}

const BUSINESS_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/**
 * A Finnish Business ID (Y-tunnus) as `NNNNNNN-N`, when its check digit matches: seven
 * digits weighted 7, 9, 10, 5, 8, 4, 2, the sum modulo 11; remainder 0 gives 0, remainder
 * 1 is never issued, otherwise 11 − remainder. Read with any dash or none (`01120389`), and
 * an old six-digit ID (`112038-9`) with the leading zero the tax administration adds.
 */
export function readBusinessId(value: string): string | null {
  const match = /^(\d{7})-?(\d)$|^(\d{6})-(\d)$/.exec(plainText(value).replace(/ /g, ''));
  if (!match) return null;
  const digits = match[1] ?? `0${match[3]!}`;
  const check = Number(match[2] ?? match[4]);
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * BUSINESS_ID_WEIGHTS[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1 || (remainder === 0 ? 0 : 11 - remainder) !== check) return null;
  return `${digits}-${check}`;
}
