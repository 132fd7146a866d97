import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../../contract/api.js';
import { emailForPeople } from '../../../contract/email-for-people.js';
import type { CodeColumn } from '../texts/en.js';
import { TEXTS } from '../texts/index.js';
import { audit, type Actor } from './audit.js';
import { COLUMNS, exportNames, type Column } from './export-columns.js';
import type { Feedback } from './model.js';
import type { Store } from './store-port.js';
import { DEFAULT_TIME_ZONE, localDay, wallClock } from './city-time.js';

/** Excel's text format: a cell edited later stays text (no 040 turning into 40). */
const TEXT_FORMAT = '@';
const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * All feedback as an Excel workbook, the same columns as the CSV (`export-columns.ts`),
 * for people: headers in `locale`; every free-text and contact value a text cell exactly
 * as typed (`0401234567` keeps its zero, `=1+1` stays a string: no cell is a formula);
 * times as date cells holding the wall-clock time in `timeZone` (Excel has no zones: the
 * header names the zone in words); ratings as numbers; statuses, channels and languages by their names. Audited in `actor`'s name once the store has
 * answered; `writeTo` then streams the rows batch by batch into `out`.
 */
export async function exportXlsx(
  store: Store,
  actor: Actor,
  { locale, timeZone = DEFAULT_TIME_ZONE, now = new Date() }: { locale: Locale; timeZone?: string; now?: Date },
): Promise<{ filename: string; writeTo(out: Writable): Promise<void> }> {
  const names = await exportNames(store, locale);
  await audit(store, actor, 'export', {}, { format: 'XLSX' });
  const t = TEXTS[locale].export;
  const zone = zoneInWords(locale, timeZone, now);
  const header = ({ key, kind }: Column) => (kind === 'time' ? t.inZone(t.columns[key], zone) : t.columns[key]);
  const cell = (column: Column, f: Feedback) => {
    const value = column.value(f, names);
    if (value === null || value === undefined || value === '') return null;
    if (column.kind === 'time') return wallClock(Date.parse(String(value)), timeZone);
    if (column.kind === 'code') return t.codes[column.key as CodeColumn]?.[String(value)] ?? value;
    // Mail goes to the stored ASCII form; people read the domain as it is written.
    if (column.key === 'contact_email') return emailForPeople(String(value));
    return value;
  };
  return {
    filename: `suora-${localDay(now.getTime(), timeZone)}.xlsx`,
    async writeTo(out) {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = COLUMNS.map((column) => ({ key: column.key, width: widthOf(column), style: styleOf(column) }));
      const top = sheet.addRow(COLUMNS.map(header));
      top.eachCell((c) => (c.style = { font: { bold: true }, numFmt: TEXT_FORMAT }));
      top.commit();
      for await (const batch of store.feedbackBatches()) {
        for (const f of batch) sheet.addRow(COLUMNS.map((column) => cell(column, f))).commit();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await workbook.commit();
    },
  };
}

/**
 * The zone as the reader's language names it (`Itä-Euroopan aika`), not its id; the id when
 * Intl has no name for it. Named as of `now`: in years without summer time the generic name
 * is the standard time's.
 */
function zoneInWords(locale: Locale, timeZone: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(now);
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

function styleOf({ kind }: Column): Partial<ExcelJS.Style> {
  if (kind === 'text' || kind === 'code') return { numFmt: TEXT_FORMAT };
  if (kind === 'time') return { numFmt: TIME_FORMAT };
  return {};
}

function widthOf({ key, kind }: Column): number {
  if (key === 'comment' || key === 'reply' || key === 'page_url') return 50;
  return kind === 'time' ? 20 : kind === 'text' ? 18 : 10;
}
