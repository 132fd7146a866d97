/**
 * A lowdb facts cache (server/src/store/lowdb/facts-file.ts) taken apart, for tests that
 * change one part of it: its layout written out here again, so a change to it shows.
 */
export interface FactsCache {
  header: Record<string, unknown> & { n: number; strings: string[]; id: string };
  /** The columns' bytes, after the header. */
  columns: Buffer;
}

/** Each column's cell size, in the file's order. */
const COLUMNS = { createdMs: 8, dueMs: 8, channel: 4, topicId: 4, serviceAreaId: 4, officialId: 4, linkId: 4, status: 4, rating: 1, flags: 1 };
type Column = keyof typeof COLUMNS;

export function factsCache(file: Buffer): FactsCache {
  const end = 4 + file.readUInt32LE(0);
  return { header: JSON.parse(file.toString('utf8', 4, end)), columns: Buffer.from(file.subarray(end)) };
}

/** The file of `cache`: its header's length, the header padded with spaces to end 8-aligned, the columns. */
export function factsCacheFile(cache: FactsCache, header: object = cache.header): Buffer {
  const text = Buffer.from(JSON.stringify(header));
  const padded = Buffer.concat([text, Buffer.from(' '.repeat((8 - ((4 + text.length) % 8)) % 8))]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(padded.length);
  return Buffer.concat([length, padded, cache.columns]);
}

/** A copy of `cache` with item `i`'s cell of `column` set to `value` (a column holding numbers little-endian). */
export function withCell(cache: FactsCache, column: Column, i: number, value: number): FactsCache {
  const columns = Buffer.from(cache.columns);
  let at = 0;
  for (const [name, size] of Object.entries(COLUMNS)) {
    if (name === column) break;
    at += size * cache.header.n;
  }
  at += COLUMNS[column] * i;
  if (COLUMNS[column] === 8) columns.writeDoubleLE(value, at);
  else if (COLUMNS[column] === 4) columns.writeInt32LE(value, at);
  else columns.writeUInt8(value, at);
  return { header: cache.header, columns };
}
