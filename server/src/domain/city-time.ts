/**
 * The city's calendar: days, ISO weeks and months as people in the city's time zone
 * (`SUORA_TIME_ZONE`, an IANA name) live them, whatever zone the server or database runs
 * in. Worked out with Intl only; daylight-saving changes included.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

export type Period = 'week' | 'month';

const DAY_MS = 86_400_000;

/**
 * The canonical spelling of an IANA zone name Intl knows (`europe/helsinki` -> `Europe/Helsinki`),
 * or undefined. Offsets such as `+03:00` are refused: PostgreSQL reads those the other way round.
 */
export function timeZoneNamed(name: string): string | undefined {
  if (!/^[A-Za-z]/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined; // Intl throws a RangeError for a zone it does not know
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's clocks are ahead of UTC at an instant, in ms (+3 h in a Helsinki summer). */
function offsetAt(ms: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = Number(value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The offset through a cache by UTC day: a day whose offset is the same at its start and
 * end has it all day long (changes are twice a year), so a million items cost a few hundred
 * Intl calls instead of a million.
 */
const offsetsByDay = new Map<string, Map<number, number | null>>();

function cachedOffset(ms: number, timeZone: string): number {
  let days = offsetsByDay.get(timeZone);
  if (!days) offsetsByDay.set(timeZone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    if (days.size > 100_000) days.clear();
    const start = offsetAt(day * DAY_MS, timeZone);
    offset = start === offsetAt(day * DAY_MS + DAY_MS - 1, timeZone) ? start : null;
    days.set(day, offset);
  }
  return offset ?? offsetAt(ms, timeZone);
}

/** The local date of an instant as days since 1970-01-01 (a UTC date number). */
function localDayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + cachedOffset(ms, timeZone)) / DAY_MS);
}

const dayNames = new Map<number, string>();

/** `2026-03-30`: the city's date at an instant (named once per date: the aggregates ask for a million at start-up). */
export function localDay(ms: number, timeZone: string): string {
  const day = localDayNumber(ms, timeZone);
  let name = dayNames.get(day);
  if (name === undefined) {
    if (dayNames.size > 100_000) dayNames.clear();
    dayNames.set(day, (name = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  }
  return name;
}

const periodOfDay = { week: new Map<number, string>(), month: new Map<number, string>() };

/** `2026-04` or the ISO week `2026-W14` in which an instant falls in the city. */
export function periodOfTime(ms: number, period: Period, timeZone: string): string {
  const day = localDayNumber(ms, timeZone);
  const cache = periodOfDay[period];
  let key = cache.get(day);
  if (key === undefined) {
    if (cache.size > 10_000) cache.clear();
    cache.set(day, (key = periodOfDate(new Date(day * DAY_MS), period)));
  }
  return key;
}

const periodOfLocal = { week: new Map<string, string>(), month: new Map<string, string>() };

/** `2026-04` or `2026-W14`: the month or ISO week of a local date `YYYY-MM-DD` (remembered: a dashboard read asks for thousands of cells' days). */
export function periodOfLocalDate(day: string, period: Period): string {
  const cache = periodOfLocal[period];
  let key = cache.get(day);
  if (key === undefined) {
    if (cache.size > 10_000) cache.clear();
    cache.set(day, (key = periodOfDate(new Date(`${day}T00:00:00Z`), period)));
  }
  return key;
}

/** The first local date of the month or ISO week (a Monday) in which a local date `YYYY-MM-DD` falls. */
export function firstDayOfPeriod(day: string, period: Period): string {
  if (period === 'month') return `${day.slice(0, 8)}01`;
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** The month or ISO week of a calendar date (given as UTC midnight of that date). */
function periodOfDate(date: Date, period: Period): string {
  if (period === 'month') return date.toISOString().slice(0, 7);
  // ISO week: the week with the year's first Thursday is week 1.
  const thursday = new Date(date.getTime() + (4 - (date.getUTCDay() || 7)) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * The first instant of a local date `YYYY-MM-DD`: its midnight, or where a daylight-saving
 * change skips midnight, the moment the day begins.
 */
export function startOfLocalDay(day: string, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  // Midnight is wall minus the offset in force then; the offsets a day either side cover a change that night.
  const candidates = [cachedOffset(wall - DAY_MS, timeZone), cachedOffset(wall + DAY_MS, timeZone)].map((offset) => wall - offset);
  const inDay = candidates.filter((ms) => localDayNumber(ms, timeZone) === wall / DAY_MS);
  return Math.min(...(inDay.length ? inDay : candidates));
}

/** The first instant after a local date `YYYY-MM-DD`: a range to this day, inclusive, ends before it. */
export function endOfLocalDay(day: string, timeZone: string): number {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return startOfLocalDay(next, timeZone);
}

/** `2026-03-30T00:30:00+03:00`: an instant as the city's clock showed it, with its offset to UTC. */
export function localIsoTime(ms: number, timeZone: string): string {
  const offset = offsetAt(ms, timeZone);
  const wall = new Date(ms - (((ms % 1000) + 1000) % 1000) + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The city's wall-clock time at an instant, as a Date whose UTC fields are that local time:
 * what a spreadsheet, which knows no zones, must be given to show the time people in the
 * city saw on their clocks.
 */
export function wallClock(ms: number, timeZone: string): Date {
  return new Date(ms + offsetAt(ms, timeZone));
}
