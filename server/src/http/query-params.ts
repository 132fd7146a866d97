import type { Request } from 'express';
import { FEEDBACK_SORTS, LOCALES, type FeedbackSort, type Locale } from '../../../contract/api.js';
import { HttpError } from './http-error.js';
import { CHANNELS, STATUSES, type Channel, type Status } from '../domain/model.js';
import { endOfLocalDay, startOfLocalDay, type Period } from '../domain/city-time.js';
import type { FeedbackFilter } from '../domain/store-port.js';
import { ID_PATTERN } from '../domain/validation.js';

/** Query parameters several routes read, each checked the same way: a bad value is a 400. */

/** `?locale=fi|sv|en`, default Finnish. */
export function localeOf(req: Request): Locale {
  const value = req.query.locale ?? 'fi';
  if (typeof value === 'string' && (LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new HttpError(400, 'invalid_locale', `The locale must be one of ${LOCALES.join(', ')}.`, { locale: `Use one of ${LOCALES.join(', ')}.` });
}

/** `?period=week|month`, default month. */
export function periodOf(req: Request): Period {
  const value = req.query.period ?? 'month';
  if (value === 'week' || value === 'month') return value;
  throw new HttpError(400, 'invalid_period', 'The period is week or month.', { period: 'Use week or month.' });
}

const PAGE_SIZE = 50;

/** `?page=`: 1-based, at most `max`. */
export function pageNumberOf(req: Request, max = 1_000_000): number {
  const page = req.query.page === undefined ? 1 : Number(req.query.page);
  if (!Number.isInteger(page) || page < 1 || page > max) {
    throw new HttpError(400, 'invalid_page', 'The page is a whole number from 1.', { page: 'Use 1, 2, 3…' });
  }
  return page;
}

/** `?page=&pageSize=`: 1-based, 50 to a page by default, at most 200. */
export function pageOf(req: Request): { page: number; pageSize: number } {
  const page = pageNumberOf(req);
  const pageSize = req.query.pageSize === undefined ? PAGE_SIZE : Number(req.query.pageSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) {
    throw new HttpError(400, 'invalid_page', 'The page size is a whole number from 1 to 200.', { pageSize: 'Use 1 to 200.' });
  }
  return { page, pageSize };
}

/** `?sort=newest|oldest|due`, default newest. */
export function sortOf(req: Request): FeedbackSort {
  const value = req.query.sort ?? FEEDBACK_SORTS[0];
  if (typeof value === 'string' && (FEEDBACK_SORTS as readonly string[]).includes(value)) return value as FeedbackSort;
  throw new HttpError(400, 'invalid_sort', `The order (sort) is one of ${FEEDBACK_SORTS.join(', ')}.`, { sort: `Use one of ${FEEDBACK_SORTS.join(', ')}.` });
}

/** `?NAME=` holding an id (a topic, a service area), or nothing. */
export function idParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  throw new HttpError(400, 'invalid_filter', `The ${name} filter is not a valid id.`, { [name]: 'Not a valid id.' });
}

/**
 * `?status=&channel=&topic=&public=&published=&from=&to=&overdue=` as a store filter; a bad
 * value is a 400. `from` and `to` are the city's dates (in `timeZone`), both days included;
 * `overdue=true`: open items past their due time at `now`.
 */
export function feedbackFilterOf(req: Request, timeZone: string, now = new Date()): FeedbackFilter {
  const q = req.query;
  const one = (name: string, allowed?: readonly string[]): string | undefined => {
    const value = q[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || (allowed && !allowed.includes(value)) || (!allowed && !ID_PATTERN.test(value))) {
      throw new HttpError(400, 'invalid_filter', `The filter ${name} must be one of: ${allowed?.join(', ') ?? 'an id'}.`, {
        [name]: 'Not a valid value.',
      });
    }
    return value;
  };
  const day = (name: string): string | undefined => {
    const value = q[name];
    if (value === undefined || value === '') return undefined;
    // A date that exists: Date.parse reads 2026-02-30 as 2 March.
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(Date.parse(value) || 0).toISOString().slice(0, 10) !== value) {
      throw new HttpError(400, 'invalid_filter', `The filter ${name} must be a date like 2026-11-01.`, { [name]: 'Use YYYY-MM-DD.' });
    }
    return value;
  };
  const isPublic = one('public', ['true', 'false']);
  const published = one('published', ['true', 'false']);
  const overdue = one('overdue', ['true']);
  const from = day('from');
  const to = day('to');
  const filter: FeedbackFilter = {};
  const status = one('status', STATUSES) as Status | undefined;
  const channel = one('channel', CHANNELS) as Channel | undefined;
  const topic = one('topic');
  if (status) filter.status = status;
  if (channel) filter.channel = channel;
  if (topic) filter.topicId = topic;
  if (isPublic) filter.public = isPublic === 'true';
  if (published) filter.published = published === 'true';
  if (from) filter.from = new Date(startOfLocalDay(from, timeZone)).toISOString();
  if (to) filter.before = new Date(endOfLocalDay(to, timeZone)).toISOString();
  if (overdue === 'true') filter.dueBefore = now.toISOString();
  return filter;
}

/** `?q=`: the inbox search, trimmed; empty is none. At most 200 characters. */
export function searchOf(req: Request): Pick<FeedbackFilter, 'q'> {
  const value = req.query.q;
  if (value === undefined) return {};
  if (typeof value !== 'string' || value.length > 200) {
    throw new HttpError(400, 'invalid_filter', 'The search is text of at most 200 characters.', { q: 'Use at most 200 characters.' });
  }
  const q = value.trim();
  return q ? { q } : {};
}
