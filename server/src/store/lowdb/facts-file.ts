import { readFileSync, statSync, type Stats } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { Channel, Status } from '../../domain/model.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import { temporaryPath } from './file-writer.js';

/**
 * A segment's facts, cached beside it (`000001.facts.json`) so that start-up reads a few
 * bytes per item instead of parsing every item. The cache names the segment file it was
 * made from (size, modification time, inode: each write renames a new file into place);
 * when they differ, or it does not parse, the segment is read instead and the cache made
 * anew. The facts are written by field, and repeated ids (channel, area, official, topic,
 * link, status) once per file, in `strings`, referred to by number.
 */
const VERSION = 6;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export function stampOf(stats: Stats): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

/** One array per field (JSON.parse makes 13 arrays, not one per item); ids by number into `strings`, -1 for none. */
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
}

/** The columns and their string table, ready to be stamped once the segment is on disk. */
export function encodeFacts(facts: readonly FeedbackFacts[]): string {
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const number = (s: string | null): number => {
    if (s === null) return -1;
    let n = numbers.get(s);
    if (n === undefined) numbers.set(s, (n = strings.push(s) - 1));
    return n;
  };
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
  };
  return JSON.stringify(columns);
}

/**
 * A segment's facts from its cache, if the cache is current. Synchronous: start-up reads
 * thousands of these before the server listens, and a promise per call costs more than the reading.
 */
export function readFactsCache(segmentPath: string): FeedbackFacts[] | undefined {
  try {
    return decodeFacts(readFileSync(factsPath(segmentPath), 'utf8'), stampOf(statSync(segmentPath)));
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
    await writeFile(temporaryPath(target), `{"v":${VERSION},"stamp":${JSON.stringify(stamp)},"facts":${encoded}}`);
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

/** The facts, if the text is a cache of exactly the segment file stamped `stamp`. */
function decodeFacts(text: string, stamp: FileStamp): FeedbackFacts[] | undefined {
  let file: { v: number; stamp: FileStamp; facts: Columns };
  try {
    file = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (file?.v !== VERSION || !sameStamp(file.stamp, stamp) || !Array.isArray(file.facts?.createdMs)) return undefined;
  const c = file.facts;
  const ids = typeof c.id === 'string' ? (c.id === '' ? [] : c.id.split(' ')) : c.id;
  const strings = c.strings.map(own);
  const str = (n: number): string | null => (n < 0 ? null : strings[n]!);
  const facts: FeedbackFacts[] = new Array(ids.length);
  for (let i = 0; i < facts.length; i++) {
    facts[i] = {
      id: ids[i]!,
      createdMs: c.createdMs[i]!,
      channel: str(c.channel[i]!) as Channel,
      topicId: str(c.topicId[i]!),
      serviceAreaId: str(c.serviceAreaId[i]!)!,
      officialId: str(c.officialId[i]!)!,
      linkId: str(c.linkId[i]!),
      ref: ownOrNull(c.ref[i]!),
      rating: c.rating[i]!,
      status: str(c.status[i]!) as Status,
      public: (c.flags[i]! & 1) !== 0,
      published: (c.flags[i]! & 2) !== 0,
      personalData: (c.flags[i]! & 4) !== 0,
      repliedAt: ownOrNull(c.repliedAt[i]!),
      contactEmail: ownOrNull(c.contactEmail[i]!),
    };
  }
  return facts;
}

/**
 * A string of its own. V8's JSON.parse gives longer strings as slices of the parsed text,
 * so one kept email address would keep its whole file's text in memory (and facts spread
 * over thousands of such texts are slow to read). Short ones are copies already.
 */
function own(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

function ownOrNull(text: string | null): string | null {
  return text === null ? null : own(text);
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a?.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}
