import type { Stats } from 'node:fs';
import type { Channel, Status } from '../../domain/model.js';
import type { FeedbackFacts } from '../feedback-filter.js';

/**
 * A segment's facts, cached beside it (`000001.facts.json`) so that start-up reads a few
 * bytes per item instead of parsing every item. The cache names the segment file it was
 * made from (size, modification time, inode: each write renames a new file into place);
 * when they differ, or it does not parse, the segment is read instead and the cache made
 * anew. Repeated ids (channel, area, official, topic, link, status) are written once per
 * file, in `strings`, and each row refers to them by number.
 */
const VERSION = 1;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export function stampOf(stats: Stats): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

type Row = [
  id: string,
  createdAt: string,
  channel: number,
  topicId: number,
  serviceAreaId: number,
  officialId: number,
  linkId: number,
  ref: string | null,
  rating: number | null,
  status: number,
  /** public 1, published 2, purged 4 */
  flags: number,
  repliedAt: string | null,
  contactEmail: string | null,
];

/** The rows and their string table, ready to be stamped once the segment is on disk. */
export function encodeFacts(facts: readonly FeedbackFacts[]): string {
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const ref = (s: string | null): number => {
    if (s === null) return -1;
    let n = numbers.get(s);
    if (n === undefined) numbers.set(s, (n = strings.push(s) - 1));
    return n;
  };
  const rows = facts.map(
    (f): Row => [
      f.id,
      f.createdAt,
      ref(f.channel),
      ref(f.topicId),
      ref(f.serviceAreaId),
      ref(f.officialId),
      ref(f.linkId),
      f.ref,
      f.rating,
      ref(f.status),
      (f.public ? 1 : 0) | (f.published ? 2 : 0) | (f.purged ? 4 : 0),
      f.repliedAt,
      f.contactEmail,
    ],
  );
  return JSON.stringify({ strings, rows });
}

export function factsFileText(stamp: FileStamp, encoded: string): string {
  return `{"v":${VERSION},"stamp":${JSON.stringify(stamp)},"facts":${encoded}}`;
}

/** The facts, if the text is a cache of exactly the segment file stamped `stamp`. */
export function decodeFacts(text: string, stamp: FileStamp): FeedbackFacts[] | undefined {
  let file: { v: number; stamp: FileStamp; facts: { strings: string[]; rows: Row[] } };
  try {
    file = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (file?.v !== VERSION || !sameStamp(file.stamp, stamp) || !Array.isArray(file.facts?.rows)) return undefined;
  const { strings, rows } = file.facts;
  const str = (n: number): string | null => (n < 0 ? null : strings[n]!);
  return rows.map((r) => ({
    id: r[0],
    createdAt: r[1],
    channel: str(r[2]) as Channel,
    topicId: str(r[3]),
    serviceAreaId: str(r[4])!,
    officialId: str(r[5])!,
    linkId: str(r[6]),
    ref: r[7],
    rating: r[8],
    status: str(r[9]) as Status,
    public: (r[10] & 1) !== 0,
    published: (r[10] & 2) !== 0,
    purged: (r[10] & 4) !== 0,
    repliedAt: r[11],
    contactEmail: r[12],
  }));
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a?.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}
