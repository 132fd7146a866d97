import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueAtOf } from '../../server/src/domain/response-target.js';
import { addWorkingDays, isWorkingDay } from '../../server/src/domain/working-days.js';

describe('working days: Monday to Friday without Finnish holidays', () => {
  // [arrival day, working days, due day, why]
  const table: [string, number, string, string][] = [
    ['2026-11-26', 1, '2026-11-27', 'Thursday + 1 is Friday'],
    ['2026-11-27', 1, '2026-11-30', 'Friday + 1 is Monday'],
    ['2026-11-28', 1, '2026-12-01', 'Saturday counts from Monday'],
    ['2026-04-02', 1, '2026-04-07', 'Easter: Good Friday and Easter Monday are holidays'],
    ['2026-04-03', 1, '2026-04-08', 'arrival on Good Friday counts from the Tuesday after Easter'],
    ['2026-05-13', 1, '2026-05-15', 'Ascension Day (Thursday 14 May 2026)'],
    ['2026-06-18', 1, '2026-06-22', 'Midsummer Eve (Friday 19 June 2026) is a day off'],
    ['2027-06-24', 1, '2027-06-28', 'Midsummer Eve 2027 is Friday 25 June'],
    ['2026-12-23', 1, '2026-12-28', 'Christmas Eve, Christmas Day'],
    ['2026-12-30', 1, '2026-12-31', 'New Year’s Eve is a working day'],
    ['2026-12-23', 5, '2027-01-04', 'across the year’s end: New Year’s Day is a holiday'],
    ['2025-12-31', 1, '2026-01-02', 'into a new year'],
    ['2026-01-05', 1, '2026-01-07', 'Epiphany'],
    ['2026-11-30', 60, '2027-02-26', 'the longest target, over Christmas and New Year'],
  ];
  for (const [day, n, due, why] of table) {
    it(`${day} + ${n} → ${due} (${why})`, () => assert.equal(addWorkingDays(day, n), due));
  }

  it('knows the holidays as holidays and the weekdays around them as working days', () => {
    for (const day of ['2026-04-03', '2026-04-06', '2026-05-14', '2026-06-19', '2026-12-24', '2026-12-25', '2027-01-01', '2026-12-06']) {
      assert.equal(isWorkingDay(day), false, day);
    }
    for (const day of ['2026-04-07', '2026-05-15', '2026-06-22', '2026-12-31', '2026-12-23']) assert.equal(isWorkingDay(day), true, day);
  });

  it('dates the due time by the city’s day, not UTC’s: late Thursday evening UTC is Midsummer Eve in Helsinki', () => {
    // 21:30 UTC on Thursday 18 June is 00:30 on Midsummer Eve in Helsinki: counted from Monday 22.
    assert.equal(dueAtOf('2026-06-18T21:30:00Z', 5, 'Europe/Helsinki'), '2026-06-29T20:59:59.999Z');
    // In New York the same instant is still Thursday: one working day on, past Midsummer Eve, is Monday 22.
    assert.equal(dueAtOf('2026-06-18T21:30:00Z', 1, 'America/New_York'), '2026-06-23T03:59:59.999Z');
    // Winter time: the end of the local day is 21:59:59.999 UTC.
    assert.equal(dueAtOf('2026-11-30T10:00:00Z', 1, 'Europe/Helsinki'), '2026-12-01T21:59:59.999Z');
  });
});
