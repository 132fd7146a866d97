import { audit, type Actor } from './audit.js';
import { localIsoTime } from './city-time.js';
import { COLUMNS, exportNames, type Column } from './export-columns.js';
import type { Feedback } from './model.js';
import type { Store } from './store-port.js';

type Cell = string | number | boolean | null | undefined;

/**
  * All feedback as CSV for machines (and a spreadsheet at a pinch; `export.xlsx` is the one
  * for Excel), in pieces (a batch of rows each), so that a large export streams instead of
  * being built whole: UTF-8 with a byte-order mark (so Excel reads ä and ö right),
  * semicolons (Excel's separator in Finnish and Swedish settings), CRLF, quotes where
  * needed, and cells that would start a formula defused with an apostrophe. The columns
  * are `export-columns.ts`'s, named by their keys; times are the city's (`timeZone`), with
  * their offset to UTC. Audited in `actor`'s name once the store has answered, before the
  * first piece.
  */
export async function* exportCsv(store: Store, actor: Actor, timeZone: string, separator: ';' | ',' = ';'): AsyncGenerator<string> {
  const names = await exportNames(store);
  await audit(store, actor, 'export', {}, { format: 'CSV' });
  /** A time as the city's clock showed it, with the offset (`2026-03-30T00:30:00+03:00`): one instant, read locally. */
  const cellOf = ({ kind, value }: Column, f: Feedback): Cell => {
    const cell = value(f, names);
    return kind === 'time' && typeof cell === 'string' ? localIsoTime(Date.parse(cell), timeZone) : cell;
  };
  const line = (cells: Cell[]) => cells.map((cell) => csvCell(cell, separator)).join(separator) + '\r\n';
  yield '\uFEFF' + line(COLUMNS.map(({ key }) => key));
  for await (const batch of store.feedbackBatches()) {
    yield batch.map((f) => line(COLUMNS.map((column) => cellOf(column, f)))).join('');
  }
}

export function csvCell(value: Cell, separator: string): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
