import type { Request } from 'express';
import { LOCALES, type Locale } from '../../../contract/api.js';
import { endOfLocalDay, startOfLocalDay } from '../domain/city-time.js';
import { OPEN311_STATUSES, type Open311Query, type Open311Status } from '../domain/open311.js';
import { ID_PATTERN } from '../domain/validation.js';
import { HttpError } from './http-error.js';

/**
 * The query parameters of Open311 GeoReport v2 as its spec reads them, each checked: a bad
 * value is a 400. Lists are comma-delimited; an empty parameter is the same as none.
 */

const DAY_MS = 86_400_000;
/** The spec: a range "may not span more than 90 days"; with no range, the most recent 90 days. */
export const MAX_SPAN_DAYS = 90;
/** The spec's most requests in one answer; a client pages past it. */
export const MAX_PAGE_SIZE = 1000;
/** Requests one `service_request_id` list may name. */
export const MAX_IDS = 100;

/** `json` or `xml`, from the path's extension (`requests.json`). */
export type Open311Format = 'json' | 'xml';

/** The format a path asks for; XML, the spec's required format, when it names none we write. */
export function formatOfPath(path: string): Open311Format {
  return path.endsWith('.json') ? 'json' : 'xml';
}

/**
 * `?locale=` (CitySDK's parameter: `fi`, `sv_FI`, `en-GB`) when its language is one of ours,
 * else the best of ours in Accept-Language, else Finnish.
 */
export function open311LocaleOf(req: Request): Locale {
  const value = req.query.locale;
  const language = typeof value === 'string' ? value.split(/[-_]/)[0]!.toLowerCase() : undefined;
  if (language && (LOCALES as readonly string[]).includes(language)) return language as Locale;
  return (req.acceptsLanguages(...LOCALES) || 'fi') as Locale;
}

/** `?service_request_id=A,B`: the ids asked for, or undefined when none (then the other parameters count). */
export function requestIdsOf(req: Request): string[] | undefined {
  const ids = listOf(req, 'service_request_id');
  if (!ids) return undefined;
  if (ids.length > MAX_IDS || !ids.every((id) => ID_PATTERN.test(id))) {
    throw invalid('service_request_id', `service_request_id takes at most ${MAX_IDS} request ids, comma delimited.`);
  }
  return ids;
}

/** `?service_code=&status=&start_date=&end_date=&page=&page_size=` as a query; `now` ends the default range. */
export function requestsQueryOf(req: Request, timeZone: string, now = new Date()): Open311Query {
  const serviceCodes = listOf(req, 'service_code');
  if (serviceCodes && !serviceCodes.every((code) => ID_PATTERN.test(code.replace(/^area:/, '')))) {
    throw invalid('service_code', 'service_code takes service codes from services.json, comma delimited.');
  }
  const statuses = listOf(req, 'status');
  if (statuses && !statuses.every((s) => (OPEN311_STATUSES as readonly string[]).includes(s))) {
    throw invalid('status', 'status takes open, closed, or both comma delimited.');
  }
  return {
    ...rangeOf(req, timeZone, now),
    ...(serviceCodes && { serviceCodes }),
    ...(statuses && { statuses: statuses as Open311Status[] }),
    page: wholeNumberOf(req, 'page', 1, 1_000_000),
    pageSize: wholeNumberOf(req, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/**
 * The range of arrival times: both dates given, that range (end included, at most 90 days);
 * one given, the 90 days from or up to it; none, the 90 days up to `now`.
 */
function rangeOf(req: Request, timeZone: string, now: Date): { from: Date; before: Date } {
  const start = dateOf(req, 'start_date', timeZone, 'start');
  const end = dateOf(req, 'end_date', timeZone, 'end');
  const span = MAX_SPAN_DAYS * DAY_MS;
  const before = end ?? (start === undefined ? now.getTime() + 1 : start + span);
  const from = start ?? before - span;
  if (from >= before) throw invalid('start_date', 'start_date must be before end_date.');
  if (before - from > span) throw invalid('end_date', `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days.`);
  return { from: new Date(from), before: new Date(before) };
}

/** W3C date and time, with Z or an offset (the spec requires one). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date parameter as an instant in ms. A date and time is that instant (`end_date`: included);
 * a date alone is the city's day, `start_date` from its start, `end_date` to its end.
 */
function dateOf(req: Request, name: string, timeZone: string, edge: 'start' | 'end'): number | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value : '';
  const day = DATE.test(text) ? text : DATE_TIME.exec(text)?.[1];
  // A day that exists: Date.parse reads 2026-02-30 as 2 March.
  const ms = Date.parse(text);
  if (!day || Number.isNaN(ms) || new Date(Date.parse(day)).toISOString().slice(0, 10) !== day) {
    throw invalid(name, `${name} must be a date and time such as 2026-06-01T00:00:00+03:00 or 2026-06-01T00:00:00Z, or a date such as 2026-06-01.`);
  }
  if (DATE.test(text)) return edge === 'start' ? startOfLocalDay(text, timeZone) : endOfLocalDay(text, timeZone);
  return edge === 'start' ? ms : ms + 1;
}

function listOf(req: Request, name: string): string[] | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(name, `Give ${name} once, its values comma delimited.`);
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

function wholeNumberOf(req: Request, name: string, fallback: number, max: number): number {
  const value = req.query[name];
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) throw invalid(name, `${name} must be a whole number from 1 to ${max}.`);
  return n;
}

function invalid(name: string, message: string): HttpError {
  return new HttpError(400, 'invalid_parameter', message, { [name]: message });
}
