import { isIP } from 'node:net';

/**
 * An error as the log may hold it: its kind, code, message and stack, with what could be a
 * person's data taken out of the message and stack (a database or library message may quote
 * the value it refused). Only these fields: a library error's other properties (PostgreSQL's
 * `detail`, a request's body) are left out.
 */
export function logSafe(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: scrub(String(code)) } : {}),
    message: scrub(error.message),
    ...(error.stack && { stack: scrub(error.stack) }),
  };
}

const QUOTED = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|(?<!\p{L})'[^'\n]*'(?!\p{L})|`[^`\n]*`/gu;
const EMAIL = /[^\s@"'<>(),;]+@[^\s@"'<>(),;]+/g;
/** Seven digits or more, perhaps with +, spaces, dashes, brackets: a phone number. */
const PHONE = /\+?\d[\d\s()-]{5,}\d/g;
/** A run that may be an IP address; `isIP` decides. */
const ADDRESS = /[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*/g;

/** Quoted text, email addresses, phone numbers and IP addresses, each replaced by what it was. */
export function scrub(text: string): string {
  return text
    .replace(QUOTED, '[quoted]')
    .replace(EMAIL, '[email]')
    .replace(ADDRESS, (run) => {
      const core = run.replace(/^[.:]?(?=[^:])|[.:]+$/g, '');
      return isIP(run) || isIP(core) ? '[address]' : run;
    })
    .replace(PHONE, (run) => ((run.match(/\d/g) ?? []).length >= 7 ? '[number]' : run));
}
