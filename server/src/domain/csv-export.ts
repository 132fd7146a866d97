import { audit, type Actor } from './audit.js';
import { localIsoTime } from './city-time.js';
import type { Feedback } from './model.js';
import type { Store } from './store-port.js';

type Cell = string | number | boolean | null | undefined;
type Column = [header: string, value: (f: Feedback, names: Names) => Cell];

/**
 * The spreadsheet's columns, by the field of `Feedback` they show, in column order; [] for a
 * field left out. A field added to `Feedback` fails to compile until it is given its columns
 * here, or none.
 */
const COLUMNS_BY_FIELD = {
  id: [['id', (f) => f.id]],
  createdAt: [['created_at', (f, n) => localTime(f.createdAt, n)]],
  channel: [['channel', (f) => f.channel]],
  topicId: [['topic', (f, n) => (f.topicId ? (n.topics.get(f.topicId) ?? f.topicId) : '')]],
  serviceAreaId: [['service_area', (f, n) => n.areas.get(f.serviceAreaId) ?? f.serviceAreaId]],
  officialId: [['official', (f, n) => n.officials.get(f.officialId) ?? f.officialId]],
  rating: [['rating', (f) => f.rating]],
  comment: [['comment', (f) => f.comment]],
  public: [['public', (f) => f.public]],
  published: [['published', (f) => f.published]],
  status: [['status', (f) => f.status]],
  contact: [
    ['contact_name', (f) => f.contact?.name],
    ['contact_email', (f) => f.contact?.email],
    ['contact_phone', (f) => f.contact?.phone],
    ['organisation', (f) => f.contact?.organisation],
    ['business_id', (f) => f.contact?.businessId],
  ],
  wantsReply: [['wants_reply', (f) => f.wantsReply]],
  ref: [['ref', (f) => f.ref]],
  pageUrl: [['page_url', (f) => f.pageUrl]],
  locale: [['locale', (f) => f.locale]],
  reply: [
    ['reply', (f) => f.reply?.text],
    ['replied_at', (f, n) => (f.reply ? localTime(f.reply.at, n) : undefined)],
  ],
  // Left out: the link's id, the redacted texts and the publication time, the purge time, the edit and status keys, the due time.
  linkId: [],
  publishedComment: [],
  publishedReply: [],
  publishedAt: [],
  purgedAt: [],
  editKeyHash: [],
  editableUntil: [],
  dueAt: [],
  statusKeyHash: [],
} satisfies { [K in keyof Required<Feedback>]: Column[] };

const COLUMNS: Column[] = Object.values(COLUMNS_BY_FIELD).flat();

interface Names {
  topics: Map<string, string>;
  areas: Map<string, string>;
  officials: Map<string, string>;
  timeZone: string;
}

/** A stored ISO instant as the city's clock showed it, with the offset (`2026-03-30T00:30:00+03:00`): one instant, read locally. */
function localTime(iso: string, names: Names): string {
  return localIsoTime(Date.parse(iso), names.timeZone);
}

/**
 * All feedback as CSV for a spreadsheet, in pieces (a batch of rows each), so that a large
 * export streams instead of being built whole: UTF-8 with a byte-order mark (so Excel reads
 * ä and ö right), semicolons (Excel's separator in Finnish and Swedish settings), CRLF,
 * quotes where needed, and cells that would start a formula defused with an apostrophe.
 * Times are the city's (`timeZone`), with their offset to UTC.
 * Audited in `actor`'s name once the store has answered, before the first piece.
 */
export async function* exportCsv(store: Store, actor: Actor, timeZone: string, separator: ';' | ',' = ';'): AsyncGenerator<string> {
  const [topics, areas, officials] = await Promise.all([store.listTopics(), store.listServiceAreas(), store.listOfficials()]);
  await audit(store, actor, 'export', {}, { format: 'CSV' });
  const names: Names = {
    topics: new Map(topics.map((t) => [t.id, t.name.fi])),
    areas: new Map(areas.map((a) => [a.id, a.name.fi])),
    officials: new Map(officials.map((o) => [o.id, o.name])),
    timeZone,
  };
  const line = (cells: Cell[]) => cells.map((cell) => csvCell(cell, separator)).join(separator) + '\r\n';
  yield '\uFEFF' + line(COLUMNS.map(([name]) => name));
  for await (const batch of store.feedbackBatches()) {
    yield batch.map((f) => line(COLUMNS.map(([, value]) => value(f, names)))).join('');
  }
}

export function csvCell(value: Cell, separator: string): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
