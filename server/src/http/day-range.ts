import type { DayRange } from '../domain/aggregates.js';
import { localDay } from '../domain/city-time.js';
import { HttpError } from './http-error.js';

/** The longest range a dashboard reads at once: its cost follows the days it covers. */
export const MAX_RANGE_DAYS = 3660;

/**
 * A dashboard's `from` and `to` (checked dates, `dashboardQuery`), as the city's days it
 * counts, both included. Default: from the first day of the month a year before `to`'s (or
 * this one's: twelve whole months with it), to now. `to` before `from`, or more than ten
 * years, is a 400.
 */
export function dayRangeOf(query: { from?: string | undefined; to?: string | undefined }, timeZone: string, now = Date.now()): DayRange {
  const { to } = query;
  const range = { from: query.from ?? defaultFrom(to ?? localDay(now, timeZone)), to };
  if (to !== undefined && to < range.from) {
    throw new HttpError(400, 'invalid_range', 'The range ends before it begins: to must not be before from.', { to: 'Not before from.' });
  }
  const end = Date.parse(to ?? localDay(now, timeZone));
  if ((end - Date.parse(range.from)) / 86_400_000 >= MAX_RANGE_DAYS) {
    throw new HttpError(400, 'invalid_range', 'The range is at most ten years.', { from: 'At most ten years before to.' });
  }
  return range;
}

/** `2025-12-01` for any day of November 2026. */
function defaultFrom(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return start.toISOString().slice(0, 10);
}
