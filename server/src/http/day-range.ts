import type { Request } from 'express';
import type { DayRange } from '../domain/aggregates.js';
import { localDay } from '../domain/city-time.js';
import { HttpError } from './http-error.js';

/** The longest range a dashboard reads at once: its cost follows the days it covers. */
export const MAX_RANGE_DAYS = 3660;

/**
 * `?from=&to=`: the city's dates a dashboard counts, both included. Default: from the first
 * day of the month a year before this one (twelve whole months with this one), to now.
 * A date that does not exist, `to` before `from`, or more than ten years is a 400.
 */
export function dayRangeOf(req: Request, timeZone: string, now = Date.now()): DayRange {
  const from = dateParam(req, 'from');
  const to = dateParam(req, 'to');
  const range = { from: from ?? defaultFrom(to ?? localDay(now, timeZone)), to };
  if (to !== undefined && to < range.from) {
    throw new HttpError(400, 'invalid_range', 'The range ends before it begins: to must not be before from.', { to: 'Not before from.' });
  }
  const end = Date.parse(to ?? localDay(now, timeZone));
  if ((end - Date.parse(range.from)) / 86_400_000 >= MAX_RANGE_DAYS) {
    throw new HttpError(400, 'invalid_range', 'The range is at most ten years.', { from: 'At most ten years before to.' });
  }
  return range;
}

function dateParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  // A date that exists: Date.parse reads 2026-02-30 as 2 March.
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(Date.parse(value) || 0).toISOString().slice(0, 10) !== value) {
    throw new HttpError(400, 'invalid_range', `${name} must be a date like 2026-11-01.`, { [name]: 'Use YYYY-MM-DD.' });
  }
  return value;
}

/** `2025-12-01` for any day of November 2026. */
function defaultFrom(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return start.toISOString().slice(0, 10);
}
