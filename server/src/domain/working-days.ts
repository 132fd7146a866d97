import Holidays from 'date-holidays';

/**
 * The city's working days: Monday to Friday, without Finnish public holidays (from the
 * date-holidays package, kept up to date with the law, so that moving feasts such as
 * Easter and Ascension Day need no list of our own). Midsummer Eve and Christmas Eve
 * count as holidays too: the law does not name them, but Finnish municipalities'
 * collective agreements make them days off, so an answer owed "in 5 working days" is
 * not owed on them. New Year's Eve is an ordinary working day. Dates are the city's
 * local dates, `YYYY-MM-DD`.
 */

const DAY_MS = 86_400_000;

const finland = new Holidays('FI');

/** Non-working dates of a year, worked out once per year. */
const holidaysByYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    const chosen = finland
      .getHolidays(year)
      .filter((h) => h.type === 'public' || (h.type === 'bank' && isDayOffByAgreement(h.date.slice(5, 10))))
      .map((h) => h.date.slice(0, 10));
    holidaysByYear.set(year, (days = new Set(chosen)));
  }
  return days;
}

/** Midsummer Eve (a Friday from 19 to 25 June) and Christmas Eve: date-holidays' "bank" days kept off in municipalities. */
function isDayOffByAgreement(monthDay: string): boolean {
  return monthDay === '12-24' || (monthDay >= '06-19' && monthDay <= '06-25');
}

/** Whether a local date is a working day. */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(Number(day.slice(0, 4))).has(day);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The working day `n` working days after `day` (n ≥ 1): Friday + 1 is Monday. A `day` that
 * is itself no working day counts from the next working day, as if it had come then:
 * feedback on Saturday with a target of 1 is due on Tuesday, like feedback on Monday.
 */
export function addWorkingDays(day: string, n: number): string {
  let current = day;
  while (!isWorkingDay(current)) current = nextDay(current);
  for (let left = n; left > 0; ) {
    current = nextDay(current);
    if (isWorkingDay(current)) left--;
  }
  return current;
}
