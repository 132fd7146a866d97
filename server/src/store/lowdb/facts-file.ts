import { readFileSync, statSync, type Stats } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
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
 * (sameVersion); when neither fits, or it does not parse, the segment is read instead and
 * the cache made anew. The facts are written by field, and repeated ids (channel, area,
 * official, topic, link, status) once per file, in `strings`, referred to by number. `removed` is the
 * segment's count of deleted items (see FeedbackSegments), so start-up can check its size here.
 */
const VERSION = 8;

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

/** One array per field (JSON.parse makes 15 arrays, not one per item); ids by number into `strings`, -1 for none. */
interface Columns {
  strings: string[];
  /** Joined by spaces (ids have none): the parser makes one string, not one per id (4× faster). */
  id: string | string[];
  createdMs: number[];
  channel: number[];
  topicId: number[];
  serviceAreaId: number[];
  officialId: number[];
  linkId: number[];
  ref: (string | null)[];
  rating: (number | null)[];
  status: number[];
  /** public 1, published 2, personalData 4 */
  flags: number[];
  repliedAt: (string | null)[];
  contactEmail: (string | null)[];
  dueMs: (number | null)[];
  statusKeyHash: (string | null)[];
}

/** A segment's facts and its count of deleted items, as its cache holds them. */
export interface CachedFacts {
  facts: FeedbackFacts[];
  removed: number;
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
export function encodeFacts(facts: readonly FeedbackFacts[], removed: number): string {
  const { strings, number } = stringTable();
  const columns: Columns = {
    strings,
    id: facts.some((f) => f.id.includes(' ')) ? facts.map((f) => f.id) : facts.map((f) => f.id).join(' '),
    createdMs: facts.map((f) => f.createdMs),
    channel: facts.map((f) => number(f.channel)),
    topicId: facts.map((f) => number(f.topicId)),
    serviceAreaId: facts.map((f) => number(f.serviceAreaId)),
    officialId: facts.map((f) => number(f.officialId)),
    linkId: facts.map((f) => number(f.linkId)),
    ref: facts.map((f) => f.ref),
    rating: facts.map((f) => f.rating),
    status: facts.map((f) => number(f.status)),
    flags: facts.map((f) => (f.public ? 1 : 0) | (f.published ? 2 : 0) | (f.personalData ? 4 : 0)),
    repliedAt: facts.map((f) => f.repliedAt),
    contactEmail: facts.map((f) => f.contactEmail),
    dueMs: facts.map((f) => f.dueMs),
    statusKeyHash: facts.map((f) => f.statusKeyHash),
  };
  return `"removed":${removed},"facts":${JSON.stringify(columns)}`;
}

/**
 * A segment's facts from its cache, if the cache is current. Synchronous: start-up reads
 * thousands of these before the server listens, and a promise per call costs more than the reading.
 */
export function readFactsCache(segmentPath: string): CachedFacts | undefined {
  try {
    const now = stampOf(statSync(segmentPath));
    return decodeFacts(readFileSync(factsPath(segmentPath), 'utf8'), (made) => sameVersion(made, now, segmentPath));
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache of the segment file stamped `stamp`. No fsync: a lost cache is made
 * again. A write that fails leaves no file behind (a half-written one holds emails too).
 */
export async function writeFactsCache(segmentPath: string, stamp: FileStamp, encoded: string): Promise<void> {
  const target = factsPath(segmentPath);
  try {
    await writeFile(temporaryPath(target), `{"v":${VERSION},"stamp":${JSON.stringify(stamp)},${encoded}}`);
    await rename(temporaryPath(target), target);
  } catch (error) {
    await removeFactsCache(segmentPath);
    throw error;
  }
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
 * The facts, if the text is a cache of the segment version `current` accepts and of its
 * shape; undefined if not (the segment is read instead). Every value is checked as it is
 * decoded, the cheapest place for it: this runs for every item at start-up.
 */
function decodeFacts(text: string, current: (made: FileStamp | undefined) => boolean): CachedFacts | undefined {
  let file: { v: number; stamp: FileStamp; removed: number; facts: Columns };
  try {
    file = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (file?.v !== VERSION || !current(file.stamp)) return undefined;
  if (!Number.isInteger(file.removed) || file.removed < 0) return undefined;
  const c = file.facts;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.strings)) return undefined;
  const ids = typeof c.id === 'string' ? (c.id === '' ? [] : c.id.split(' ')) : c.id;
  const n = Array.isArray(ids) ? ids.length : -1;
  const columns = [c.createdMs, c.channel, c.topicId, c.serviceAreaId, c.officialId, c.linkId, c.ref, c.rating, c.status, c.flags, c.repliedAt, c.contactEmail, c.dueMs, c.statusKeyHash];
  if (!columns.every((column) => Array.isArray(column) && column.length === n)) return undefined;
  if (!c.strings.every((s) => typeof s === 'string')) return undefined;
  const strings = c.strings.map(own);
  const str = (i: number): string | null => {
    if (i === -1) return null;
    const found = strings[i];
    if (found === undefined) wrongShape();
    return found;
  };
  const required = (i: number): string => str(i) ?? wrongShape();
  const textOrNull = (value: unknown): string | null => (value === null ? null : typeof value === 'string' ? own(value) : wrongShape());
  try {
    const facts: FeedbackFacts[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const createdMs = c.createdMs[i];
      const rating = c.rating[i];
      const flags = c.flags[i];
      const dueMs = c.dueMs[i];
      const channel = required(c.channel[i]!);
      const status = required(c.status[i]!);
      if (typeof id !== 'string' || id === '' || typeof createdMs !== 'number' || typeof flags !== 'number') wrongShape();
      if (dueMs !== null && typeof dueMs !== 'number') wrongShape();
      if (rating !== null && !(rating === 1 || rating === 2 || rating === 3 || rating === 4 || rating === 5)) wrongShape();
      if (!CHANNEL_SET.has(channel) || !STATUS_SET.has(status)) wrongShape();
      facts[i] = {
        id,
        createdMs,
        channel: channel as Channel,
        topicId: str(c.topicId[i]!),
        serviceAreaId: required(c.serviceAreaId[i]!),
        officialId: required(c.officialId[i]!),
        linkId: str(c.linkId[i]!),
        ref: textOrNull(c.ref[i]),
        rating: rating!,
        status: status as Status,
        public: (flags! & 1) !== 0,
        published: (flags! & 2) !== 0,
        personalData: (flags! & 4) !== 0,
        repliedAt: textOrNull(c.repliedAt[i]),
        contactEmail: textOrNull(c.contactEmail[i]),
        dueMs: dueMs!,
        statusKeyHash: textOrNull(c.statusKeyHash[i]),
      };
    }
    return { facts, removed: file.removed };
  } catch (error) {
    if (error instanceof WrongShape) return undefined;
    throw error;
  }
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
