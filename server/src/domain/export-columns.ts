import type { Locale } from '../../../contract/api.js';
import type { Feedback } from './model.js';
import type { Store } from './store-port.js';

/**
 * What a column holds, which decides its cell in a spreadsheet: text exactly as typed, a
 * time, a number, yes/no, or a code (status, channel, language) a person reads by its name.
 */
export type ColumnKind = 'text' | 'time' | 'number' | 'boolean' | 'code';

type Cell = string | number | boolean | null | undefined;

export interface Column {
  /** The column's name in the CSV (for machines) and its key in the texts of `export.columns`. */
  key: ColumnKey;
  kind: ColumnKind;
  value: (f: Feedback, names: Names) => Cell;
}

export interface Names {
  topics: Map<string, string>;
  areas: Map<string, string>;
  officials: Map<string, string>;
}

const text = (key: ColumnKey, value: Column['value']): Column => ({ key, kind: 'text', value });

/**
 * The export's columns, by the field of `Feedback` they show, in column order; [] for a
 * field left out. The CSV and the spreadsheet both read this one table, so they cannot
 * drift apart; a field added to `Feedback` fails to compile until it is given its columns
 * here, or none.
 */
const COLUMNS_BY_FIELD = {
  id: [text('id', (f) => f.id)],
  createdAt: [{ key: 'created_at', kind: 'time', value: (f) => f.createdAt }],
  channel: [{ key: 'channel', kind: 'code', value: (f) => f.channel }],
  topicId: [text('topic', (f, n) => (f.topicId ? (n.topics.get(f.topicId) ?? f.topicId) : ''))],
  serviceAreaId: [text('service_area', (f, n) => n.areas.get(f.serviceAreaId) ?? f.serviceAreaId)],
  officialId: [text('official', (f, n) => n.officials.get(f.officialId) ?? f.officialId)],
  rating: [{ key: 'rating', kind: 'number', value: (f) => f.rating }],
  comment: [text('comment', (f) => f.comment)],
  public: [{ key: 'public', kind: 'boolean', value: (f) => f.public }],
  published: [{ key: 'published', kind: 'boolean', value: (f) => f.published }],
  status: [{ key: 'status', kind: 'code', value: (f) => f.status }],
  contact: [
    text('contact_name', (f) => f.contact?.name),
    text('contact_email', (f) => f.contact?.email),
    text('contact_phone', (f) => f.contact?.phone),
    text('organisation', (f) => f.contact?.organisation),
    text('business_id', (f) => f.contact?.businessId),
  ],
  wantsReply: [{ key: 'wants_reply', kind: 'boolean', value: (f) => f.wantsReply }],
  ref: [text('ref', (f) => f.ref)],
  pageUrl: [text('page_url', (f) => f.pageUrl)],
  locale: [{ key: 'locale', kind: 'code', value: (f) => f.locale }],
  reply: [text('reply', (f) => f.reply?.text), { key: 'replied_at', kind: 'time', value: (f) => f.reply?.at }],
  // Last, so that the columns before it keep their places; empty for items from before response targets.
  dueAt: [{ key: 'due_at', kind: 'time', value: (f) => f.dueAt }],
  // Left out: the link's id, the redacted texts and the publication time, the purge time, the edit and status page keys, the deputy routing.
  linkId: [],
  publishedComment: [],
  publishedReply: [],
  publishedAt: [],
  purgedAt: [],
  editKeyHash: [],
  editableUntil: [],
  statusKeyHash: [],
  routedVia: [],
} satisfies { [K in keyof Required<Feedback>]: Column[] };

export const COLUMN_KEYS = [
  'id', 'created_at', 'channel', 'topic', 'service_area', 'official', 'rating', 'comment', 'public', 'published', 'status',
  'contact_name', 'contact_email', 'contact_phone', 'organisation', 'business_id', 'wants_reply', 'ref', 'page_url', 'locale',
  'reply', 'replied_at', 'due_at',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const COLUMNS: Column[] = Object.values(COLUMNS_BY_FIELD).flat();

/** The names the export shows for topics, areas and officials, in `locale`, read once per export. */
export async function exportNames(store: Store, locale: Locale = 'fi'): Promise<Names> {
  const [topics, areas, officials] = await Promise.all([store.listTopics(), store.listServiceAreas(), store.listOfficials()]);
  return {
    topics: new Map(topics.map((t) => [t.id, t.name[locale]])),
    areas: new Map(areas.map((a) => [a.id, a.name[locale]])),
    officials: new Map(officials.map((o) => [o.id, o.name])),
  };
}
