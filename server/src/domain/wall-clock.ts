/** The city's zone until `SUORA_TIME_ZONE` is read (DESIGN.md, "Time and formats"). */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock time in `timeZone` at `instant`, as a Date whose UTC fields are that
 * local time: what a spreadsheet, which knows no zones, must be given to show the time
 * people in the city saw on their clocks.
 */
export function wallClock(instant: Date, timeZone = DEFAULT_TIME_ZONE): Date {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!, instant.getUTCMilliseconds()));
}

/** The local date in `timeZone` at `instant`, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return wallClock(instant, timeZone).toISOString().slice(0, 10);
}
