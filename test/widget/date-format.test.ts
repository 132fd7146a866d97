import { expect } from '@open-wc/testing';
import { formatDate, formatDateTime } from '../../widget/src/shared/format.js';

/** 06:55 UTC is 8.55 on Lahti's clocks in winter. */
const MOMENT = '2026-11-30T06:55:00Z';
const CITY = 'Europe/Helsinki';

describe('dates and times as each language writes them, on the city’s clocks', () => {
  it('Finnish: a dotted date, "klo" and a dotted time', () => {
    expect(formatDateTime('fi', MOMENT, CITY)).to.equal('30.11.2026 klo 8.55');
    expect(formatDate('fi', MOMENT, CITY)).to.equal('30.11.2026');
  });

  it('Swedish: a dotted date and Finland-Swedish time', () => {
    expect(formatDateTime('sv', MOMENT, CITY)).to.equal('30.11.2026 8.55');
    expect(formatDate('sv', MOMENT, CITY)).to.equal('30.11.2026');
  });

  it('English: British date and a colon in the time, never the Finnish dot', () => {
    expect(formatDateTime('en', MOMENT, CITY)).to.equal('30/11/2026, 08:55');
    expect(formatDate('en', MOMENT, CITY)).to.equal('30/11/2026');
  });
});
