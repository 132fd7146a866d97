import assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';

/** The fields GeoReport v2 gives a service, and those Suora gives a request (no address, position or media: it has none). */
export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
export const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'requested_datetime',
  'updated_datetime',
];

/** W3C date and time with an offset, to the second. */
export const W3C_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

export type Record311 = Record<string, string | number | boolean | null>;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The records: the JSON array, or the XML's items as text fields (an empty element: null). */
  records: Record311[];
  /** The XML's root and item element names. */
  xml?: { root: string; item: string };
}

/** GETs an Open311 path (`/open311/v2/requests.json?…`) and reads its answer in the format the path names. */
export async function get311(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}/open311/v2/${path}`, { headers });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (path.split('?')[0]!.endsWith('.json')) {
    assert.match(type, /^application\/json; charset=utf-8$/, path);
    return { status: response.status, headers: response.headers, text, records: JSON.parse(text) };
  }
  assert.match(type, /^text\/xml; charset=utf-8$/, path);
  const { root, item, records } = parseXml(text);
  return { status: response.status, headers: response.headers, text, records, xml: { root, item } };
}

/**
 * Open311's XML read by a strict parser (saxes: it refuses whatever is not well-formed XML
 * 1.0): a declaration, a root, items, and fields holding text only.
 */
export function parseXml(text: string): { root: string; item: string; records: Record311[] } {
  assert.match(text, /^<\?xml version="1\.0" encoding="utf-8"\?>/);
  const parser = new SaxesParser();
  let root = '';
  let item = '';
  const records: Record311[] = [];
  const open: string[] = [];
  let value = '';
  parser.on('opentag', (tag) => {
    open.push(tag.name);
    if (open.length === 1) root = tag.name;
    if (open.length === 2) (item = tag.name), records.push({});
    if (open.length === 3) value = '';
    if (open.length > 3) throw new Error(`<${tag.name}> inside a field`);
  });
  parser.on('text', (t) => {
    if (open.length === 3) value += t;
    else if (t.trim()) throw new Error(`text outside a field: ${t}`);
  });
  parser.on('closetag', (tag) => {
    if (open.length === 3) records.at(-1)![tag.name] = tag.isSelfClosing ? null : value;
    open.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(text).close();
  return { root, item, records };
}

/** A JSON record as the XML writes it: each value as text, null as an empty element. */
export function asXmlFields(record: Record311): Record311 {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null ? null : String(v)]));
}

/** A request has exactly Suora's fields, each of the spec's kind. */
export function assertRequestShape(request: Record311): void {
  assert.deepEqual(Object.keys(request).sort(), [...REQUEST_FIELDS].sort());
  assert.ok(request.status === 'open' || request.status === 'closed');
  for (const field of ['service_request_id', 'service_name', 'service_code', 'agency_responsible']) assert.equal(typeof request[field], 'string', field);
  for (const field of ['status_notes', 'description']) assert.ok(request[field] === null || typeof request[field] === 'string', field);
  assert.match(String(request.requested_datetime), W3C_TIME);
  assert.match(String(request.updated_datetime), W3C_TIME);
}
