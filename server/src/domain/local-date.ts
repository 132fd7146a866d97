/**
 * The city's calendar day (`2026-12-21`) at an instant. Periods given in days (deputies'
 * `from`–`to`) are compared with it, so a day begins at midnight where the city is, not in UTC.
 * The zone is a parameter until the city's time zone is configurable (`SUORA_TIME_ZONE`).
 */
export function localDate(instant: Date, zone = 'Europe/Helsinki'): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
