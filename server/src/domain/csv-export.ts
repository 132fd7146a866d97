import { audit, type Actor } from './audit.js';
import type { Feedback } from './model.js';
import type { Store } from './store-port.js';

const COLUMNS: [string, (f: Feedback, names: Names) => string | number | boolean | null | undefined][] = [
  ['id', (f) => f.id],
  ['created_at', (f) => f.createdAt],
  ['channel', (f) => f.channel],
  ['topic', (f, n) => (f.topicId ? (n.topics.get(f.topicId) ?? f.topicId) : '')],
  ['service_area', (f, n) => n.areas.get(f.serviceAreaId) ?? f.serviceAreaId],
  ['official', (f, n) => n.officials.get(f.officialId) ?? f.officialId],
  ['rating', (f) => f.rating],
  ['comment', (f) => f.comment],
  ['public', (f) => f.public],
  ['published', (f) => f.published],
  ['status', (f) => f.status],
  ['contact_name', (f) => f.contact?.name],
  ['contact_email', (f) => f.contact?.email],
  ['contact_phone', (f) => f.contact?.phone],
  ['organisation', (f) => f.contact?.organisation],
  ['business_id', (f) => f.contact?.businessId],
  ['wants_reply', (f) => f.wantsReply],
  ['ref', (f) => f.ref],
  ['page_url', (f) => f.pageUrl],
  ['locale', (f) => f.locale],
  ['reply', (f) => f.reply?.text],
  ['replied_at', (f) => f.reply?.at],
];

interface Names {
  topics: Map<string, string>;
  areas: Map<string, string>;
  officials: Map<string, string>;
}

/**
 * All feedback as CSV for a spreadsheet, in pieces (a batch of rows each), so that a large
 * export streams instead of being built whole: UTF-8 with a byte-order mark (so Excel reads
 * ä and ö right), semicolons (Excel's separator in Finnish and Swedish settings), CRLF,
 * quotes where needed, and cells that would start a formula defused with an apostrophe.
 * Audited in `actor`'s name once the store has answered, before the first piece.
 */
export async function* exportCsv(store: Store, actor: Actor, separator: ';' | ',' = ';'): AsyncGenerator<string> {
  const [topics, areas, officials] = await Promise.all([store.listTopics(), store.listServiceAreas(), store.listOfficials()]);
  await audit(store, actor, 'export', {}, { format: 'CSV' });
  const names: Names = {
    topics: new Map(topics.map((t) => [t.id, t.name.fi])),
    areas: new Map(areas.map((a) => [a.id, a.name.fi])),
    officials: new Map(officials.map((o) => [o.id, o.name])),
  };
  const line = (cells: (string | number | boolean | null | undefined)[]) => cells.map((cell) => csvCell(cell, separator)).join(separator) + '\r\n';
  yield '\uFEFF' + line(COLUMNS.map(([name]) => name));
  for await (const batch of store.feedbackBatches()) {
    yield batch.map((f) => line(COLUMNS.map(([, value]) => value(f, names)))).join('');
  }
}

export function csvCell(value: string | number | boolean | null | undefined, separator: string): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
