import { readFileSync, statSync, type Stats } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { CHANNELS, STATUSES, type Channel, type Status } from '../../domain/model.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import { temporaryPath } from './file-writer.js';
import { readRevision, revisionOf, type Segment } from './segment.js';

/**
 * A segment's facts, cached beside it (`000001.facts.json`) so that start-up reads a few
 * bytes per item instead of parsing every item. The cache names the segment file it was
 * made from (size, modification time, inode: each write renames a new file into place) and
 * its version (the segment's revision: see segment.ts), so that a copy of it still fits
 * (sameVersion); when neither fits, or it is not of its shape, the segment is read instead
 * and the cache made anew. Binary, by column, so that reading it parses almost nothing:
 *
 *   header length L (uint32, little-endian; 4 + L a multiple of 8)
 *   header: JSON, padded with spaces (see Header)
 *   columns of n items, each a typed array read in place: createdMs, dueMs (float64);
 *   channel, topicId, serviceAreaId, officialId, linkId, status (int32, index into the
 *   header's `strings`, -1 none); rating (uint8, 0 none); flags (uint8, see FLAGS).
 *
 * The file's name still ends in .json: older versions' caches (which hold emails) are
 * replaced in place, and file listings and backups know it by that name.
 */
const VERSION = 9;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
  /** The segment's revision; absent for one written by an older version (only its stats then say it is the same). */
  rev?: string;
}

export function stampOf(stats: Stats, rev?: string): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, rev };
}

/** The stamp of the segment file at `filePath` with its revision, both of one open file (a write may rename another into place meanwhile). */
export async function versionOf(filePath: string): Promise<FileStamp> {
  const handle = await open(filePath, 'r');
  try {
    const stats = await handle.stat();
    const head = await handle.read({ buffer: Buffer.alloc(32), position: 0 });
    return stampOf(stats, revisionOf(head.buffer.toString('latin1', 0, head.bytesRead)));
  } finally {
    await handle.close();
  }
}

/**
 * Whether `made`, the stamp something derived from a segment recorded, is of the segment
 * file now at `filePath`, whose stats are `now`. The same size, time and inode: the very
 * file. Else the same size and revision: the same version, copied (a restored backup has
 * new inodes and times); only then is the revision read, from the file's first bytes. A
 * segment of an older version has no revision: only the very file fits.
 */
export function sameVersion(made: FileStamp | undefined, now: FileStamp, filePath: string): boolean {
  if (typeof made !== 'object' || made === null || made.size !== now.size) return false;
  if (made.mtimeMs === now.mtimeMs && made.ino === now.ino) return true;
  return typeof made.rev === 'string' && made.rev === readRevision(filePath);
}

/** The text of the facts (most items have none of the sparse ones, which then cost nothing). */
interface Header {
  v: number;
  stamp: FileStamp;
  /** The segment's count of deleted items (see FeedbackSegments), so start-up can check its size here. */
  removed: number;
  /** How many items: the columns' length. */
  n: number;
  /** The byte order the columns were written in (that of the machine). */
  endian: 'LE' | 'BE';
  strings: string[];
  /** Joined by spaces (ids have none): the parser makes one string, not one per id (4× faster). */
  id: string | string[];
  ref: Sparse;
  repliedAt: Sparse;
  contactEmail: Sparse;
  statusKeyHash: Sparse;
}

/** A mostly-null text column: the items' texts by index. */
type Sparse = Record<string, string>;

/** Bits of the flags column. dueMs has its own (not NaN for none): an unreadable due date is NaN, and stays so. */
const FLAGS = { public: 1, published: 2, personalData: 4, due: 8 } as const;
const ALL_FLAGS = 15;
const FLOAT_COLUMNS = ['createdMs', 'dueMs'] as const;
const STRING_COLUMNS = ['channel', 'topicId', 'serviceAreaId', 'officialId', 'linkId', 'status'] as const;
/** Bytes per item: two float64, six int32, two uint8. */
const ITEM_BYTES = FLOAT_COLUMNS.length * 8 + STRING_COLUMNS.length * 4 + 2;

/** A segment's facts and its count of deleted items, as its cache holds them. */
export interface CachedFacts {
  facts: FeedbackFacts[];
  removed: number;
}

/** A cache's content but its stamp, which it gets once the segment is on disk. */
export interface EncodedFacts {
  /** The header's members after `v` and `stamp`, as JSON. */
  header: string;
  columns: Uint8Array;
}

/** A string table for a file stored by column: each distinct string once, a cell holds its index (null: -1). */
export function stringTable(): { strings: string[]; number: (s: string | null) => number } {
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const number = (s: string | null): number => {
    if (s === null) return -1;
    let n = numbers.get(s);
    if (n === undefined) numbers.set(s, (n = strings.push(s) - 1));
    return n;
  };
  return { strings, number };
}

/** The columns and their string table, and the segment's count of deleted items, ready to be stamped once the segment is on disk. */
export function encodeFacts(facts: readonly FeedbackFacts[], removed: number): EncodedFacts {
  const { strings, number } = stringTable();
  const n = facts.length;
  const columns = new Uint8Array(n * ITEM_BYTES);
  const views = columnViews(columns, n);
  const sparse = (text: (f: FeedbackFacts) => string | null): Sparse => {
    const cells: Sparse = {};
    facts.forEach((f, i) => {
      const value = text(f);
      if (value !== null) cells[i] = value;
    });
    return cells;
  };
  facts.forEach((f, i) => {
    views.createdMs[i] = f.createdMs;
    views.dueMs[i] = f.dueMs ?? 0;
    for (const column of STRING_COLUMNS) views[column][i] = number(f[column]);
    views.rating[i] = f.rating ?? 0;
    views.flags[i] = (f.public ? FLAGS.public : 0) | (f.published ? FLAGS.published : 0) | (f.personalData ? FLAGS.personalData : 0) | (f.dueMs !== null ? FLAGS.due : 0);
  });
  const header = {
    removed,
    n,
    endian: endianness(),
    strings,
    id: facts.some((f) => f.id.includes(' ')) ? facts.map((f) => f.id) : facts.map((f) => f.id).join(' '),
    ref: sparse((f) => f.ref),
    repliedAt: sparse((f) => f.repliedAt),
    contactEmail: sparse((f) => f.contactEmail),
    statusKeyHash: sparse((f) => f.statusKeyHash),
  };
  return { header: JSON.stringify(header).slice(1, -1), columns };
}

/**
 * A segment's facts from its cache, if the cache is current. Synchronous: start-up reads
 * thousands of these before the server listens, and a promise per call costs more than the reading.
 */
export function readFactsCache(segmentPath: string): CachedFacts | undefined {
  try {
    const now = stampOf(statSync(segmentPath));
    return decodeFacts(readFileSync(factsPath(segmentPath)), (made) => sameVersion(made, now, segmentPath));
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache of the segment file stamped `stamp`. No fsync: a lost cache is made
 * again. A write that fails leaves no file behind (a half-written one holds emails too).
 */
export async function writeFactsCache(segmentPath: string, stamp: FileStamp, encoded: EncodedFacts): Promise<void> {
  const target = factsPath(segmentPath);
  try {
    await writeFile(temporaryPath(target), cacheFile(`{"v":${VERSION},"stamp":${JSON.stringify(stamp)},${encoded.header}}`, encoded.columns));
    await rename(temporaryPath(target), target);
  } catch (error) {
    await removeFactsCache(segmentPath);
    throw error;
  }
}

/** The header's length, the header padded so that the columns start 8-aligned, the columns. */
function cacheFile(header: string, columns: Uint8Array): Buffer {
  const bytes = Buffer.byteLength(header);
  const padded = bytes + ((8 - ((4 + bytes) % 8)) % 8);
  const file = Buffer.alloc(4 + padded + columns.length, ' ');
  file.writeUInt32LE(padded, 0);
  file.write(header, 4);
  file.set(columns, 4 + padded);
  return file;
}

/** Removes a segment's cache, if there is one: before the segment changes, since it holds the facts' emails. */
export async function removeFactsCache(segmentPath: string): Promise<void> {
  const target = factsPath(segmentPath);
  await Promise.all([rm(temporaryPath(target), { force: true }), rm(target, { force: true })]);
}

/** `000001.json` → `000001.facts.json` */
function factsPath(segmentPath: string): string {
  return segmentPath.replace(/\.json$/, '.facts.json');
}

/**
 * The facts, if the file is a cache of the segment version `current` accepts and of its
 * shape; undefined if not (the segment is read instead). Every value is checked as it is
 * decoded, the cheapest place for it: this runs for every item at start-up.
 */
function decodeFacts(file: Buffer, current: (made: FileStamp | undefined) => boolean): CachedFacts | undefined {
  // Throws if there are not 4 bytes, and JSON.parse if the header runs past the end: readFactsCache answers undefined.
  const headerEnd = 4 + file.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 4, headerEnd));
  } catch {
    return undefined;
  }
  if (header?.v !== VERSION || !current(header.stamp) || header.endian !== endianness()) return undefined;
  const { removed, n } = header;
  if (!Number.isInteger(removed) || removed < 0 || !Number.isInteger(n) || n < 0 || file.length - headerEnd !== n * ITEM_BYTES) return undefined;
  if (!Array.isArray(header.strings) || !header.strings.every((s) => typeof s === 'string')) return undefined;
  // Its own copy first: split's ids are slices of it, and would keep the header's text (emails too) in memory.
  const ids = typeof header.id === 'string' ? (header.id === '' ? [] : own(header.id).split(' ')) : header.id;
  if (!Array.isArray(ids) || ids.length !== n) return undefined;
  const strings = header.strings.map(own);
  const str = (i: number): string | null => {
    if (i === -1) return null;
    const found = strings[i];
    if (found === undefined) wrongShape();
    return found;
  };
  const required = (i: number): string => str(i) ?? wrongShape();
  try {
    const ref = sparseColumn(header.ref, n);
    const repliedAt = sparseColumn(header.repliedAt, n);
    const contactEmail = sparseColumn(header.contactEmail, n);
    const statusKeyHash = sparseColumn(header.statusKeyHash, n);
    const c = columnViews(aligned(file.subarray(headerEnd)), n);
    const facts: FeedbackFacts[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const rating = c.rating[i]!;
      const flags = c.flags[i]!;
      const channel = str(c.channel[i]!);
      const status = str(c.status[i]!);
      if (typeof id !== 'string' || id === '' || rating > 5 || flags > ALL_FLAGS) wrongShape();
      if (!CHANNEL_SET.has(channel!) || !STATUS_SET.has(status!)) wrongShape();
      facts[i] = {
        id,
        createdMs: c.createdMs[i]!,
        channel: channel as Channel,
        topicId: str(c.topicId[i]!),
        serviceAreaId: required(c.serviceAreaId[i]!),
        officialId: required(c.officialId[i]!),
        linkId: str(c.linkId[i]!),
        ref: ref[i] ?? null,
        rating: rating === 0 ? null : (rating as FeedbackFacts['rating']),
        status: status as Status,
        public: (flags & FLAGS.public) !== 0,
        published: (flags & FLAGS.published) !== 0,
        personalData: (flags & FLAGS.personalData) !== 0,
        repliedAt: repliedAt[i] ?? null,
        contactEmail: contactEmail[i] ?? null,
        dueMs: (flags & FLAGS.due) !== 0 ? c.dueMs[i]! : null,
        statusKeyHash: statusKeyHash[i] ?? null,
      };
    }
    return { facts, removed };
  } catch (error) {
    if (error instanceof WrongShape) return undefined;
    throw error;
  }
}

/** A sparse text column checked, its texts made their own (no array of n cells: most items have none). */
function sparseColumn(cells: unknown, n: number): Sparse {
  if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) wrongShape();
  const column = cells as Sparse;
  for (const key in column) {
    const i = Number(key);
    const value = column[key];
    if (!(Number.isInteger(i) && i >= 0 && i < n && String(i) === key) || typeof value !== 'string') wrongShape();
    column[key] = own(value);
  }
  return column;
}

/** The columns as typed arrays over `bytes` (n items; its offset 8-aligned), in the order the file holds them. */
function columnViews(bytes: Uint8Array, n: number) {
  const { buffer, byteOffset } = bytes;
  let at = byteOffset;
  const next = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, size: number): T => {
    const view = make(buffer, at, n);
    at += size * n;
    return view;
  };
  const float64 = () => next((b, o, l) => new Float64Array(b, o, l), 8);
  const int32 = () => next((b, o, l) => new Int32Array(b, o, l), 4);
  const uint8 = () => next((b, o, l) => new Uint8Array(b, o, l), 1);
  return {
    createdMs: float64(),
    dueMs: float64(),
    channel: int32(),
    topicId: int32(),
    serviceAreaId: int32(),
    officialId: int32(),
    linkId: int32(),
    status: int32(),
    rating: uint8(),
    flags: uint8(),
  };
}

/** `bytes`, copied if they do not start 8-aligned (a typed array must). */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
}

const CHANNEL_SET = new Set<string>(CHANNELS);
const STATUS_SET = new Set<string>(STATUSES);

/** A cache not of its shape: thrown inside decodeFacts, which answers undefined. */
class WrongShape extends Error {}

function wrongShape(): never {
  throw new WrongShape();
}

/**
 * A string of its own. V8's JSON.parse gives longer strings as slices of the parsed text,
 * so one kept email address would keep its whole file's text in memory (and facts spread
 * over thousands of such texts are slow to read). Short ones are copies already.
 */
function own(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/** Writes the facts caches of closed segments read whole (over ones not current); made again next time if this fails. */
export async function writeFactsCaches(dir: string, segments: readonly Segment[]): Promise<void> {
  for (let start = 0; start < segments.length; start += 64) {
    await Promise.all(
      segments.slice(start, start + 64).map(async (segment) => {
        const filePath = path.join(dir, segment.name);
        segment.hasCache = true;
        await writeFactsCache(filePath, await versionOf(filePath), encodeFacts(segment.facts, segment.removed)).catch(() => (segment.hasCache = false));
      }),
    );
  }
}
