import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DayAggregates, type ScoreCell, type StatsCell } from '../../domain/aggregates.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import { CHANNELS, STATUSES, type Status } from '../../domain/model.js';
import { sameVersion, stampOf, stringTable, versionOf, type FileStamp } from './facts-file.js';
import { temporaryPath } from './file-writer.js';

/**
 * The dashboards' aggregates, kept on disk while the server is stopped
 * (`feedback/aggregates.json`), so that start-up reads them instead of counting every item.
 * Written at close, stamped with every segment file it counts (size, modification time,
 * inode: each write renames a new file into place; and the segment's revision, so that a
 * restored copy still fits: see sameVersion), in the city's zone; read at open only
 * when all of these fit and its totals (items, rating sum, replies) are the facts';
 * removed before the first write after it (a server that stops without closing leaves none,
 * and the next start counts the items; a start that fails writes nothing). Ids and days are written once each, in `strings`, referred to by number.
 */
const VERSION = 1;
const NAME = 'aggregates.json';

interface SnapshotFile {
  v: number;
  timeZone: string;
  stamps: FileStamp[];
  strings: string[];
  /** By column (a few arrays to parse, not one per cell); ids by number into `strings`, -1 none. */
  stats: { day: number[]; area: number[]; topic: number[]; status: number[]; count: number[]; ratings: number[]; hoursLength: number[]; hours: number[] };
  scores: { official: number[]; day: number[]; area: number[]; link: number[]; ref: number[]; channel: number[]; count: number[]; ratings: number[] };
}

/** The segment files' stamps with their revisions, in order: what the file is stamped with. */
export function segmentStamps(dir: string, names: readonly string[]): Promise<FileStamp[]> {
  return stampsOf(dir, names, versionOf);
}

async function stampsOf(dir: string, names: readonly string[], stampAt: (filePath: string) => Promise<FileStamp>): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (let start = 0; start < names.length; start += 64) {
    stamps.push(...(await Promise.all(names.slice(start, start + 64).map((name) => stampAt(path.join(dir, name))))));
  }
  return stamps;
}

/**
 * The aggregates kept for exactly these segment files (by name, in order) and facts, in
 * `timeZone`; undefined when there are none, or they are not theirs (the caller counts the facts).
 */
export async function readAggregatesFile(dir: string, timeZone: string, names: readonly string[], facts: readonly FeedbackFacts[]): Promise<DayAggregates | undefined> {
  const filePath = path.join(dir, NAME);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch {
    return undefined;
  }
  let file: SnapshotFile;
  try {
    file = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (file?.v !== VERSION || file.timeZone !== timeZone || !Array.isArray(file.stamps) || !Array.isArray(file.strings)) return undefined;
  if (file.stamps.length !== names.length) return undefined;
  // The stats only: a segment's revision is read only when they differ (after a restore).
  const now = await stampsOf(dir, names, async (filePath) => stampOf(await stat(filePath)));
  if (!file.stamps.every((made, i) => sameVersion(made, now[i]!, path.join(dir, names[i]!)))) return undefined;
  const cells = decode(file);
  return cells && sameTotals(cells, facts) ? DayAggregates.ofCells(timeZone, cells.stats, cells.scores) : undefined;
}

/** Writes the aggregates of the segment files stamped `stamps`; a failed write leaves no file (the next start counts). */
export async function writeAggregatesFile(dir: string, aggregates: DayAggregates, stamps: readonly FileStamp[]): Promise<void> {
  const target = path.join(dir, NAME);
  const { strings, number } = stringTable();
  const { stats, scores } = aggregates.allCells();
  const file: SnapshotFile = {
    v: VERSION,
    timeZone: aggregates.timeZone,
    stamps: [...stamps],
    strings,
    stats: {
      day: stats.map((c) => number(c.day)),
      area: stats.map((c) => number(c.serviceAreaId)),
      topic: stats.map((c) => number(c.topicId)),
      status: stats.map((c) => number(c.status)),
      count: stats.map((c) => c.count),
      ratings: stats.flatMap((c) => c.ratings),
      hoursLength: stats.map((c) => c.hours.size),
      hours: stats.flatMap((c) => [...c.hours].flat()),
    },
    scores: {
      official: scores.map((c) => number(c.officialId)),
      day: scores.map((c) => number(c.day)),
      area: scores.map((c) => number(c.serviceAreaId)),
      link: scores.map((c) => number(c.linkId)),
      ref: scores.map((c) => number(c.ref)),
      channel: scores.map((c) => number(c.channel)),
      count: scores.map((c) => c.count),
      ratings: scores.flatMap((c) => c.ratings),
    },
  };
  try {
    await writeFile(temporaryPath(target), JSON.stringify(file));
    await rename(temporaryPath(target), target);
  } catch (error) {
    await removeAggregatesFile(dir);
    throw error;
  }
}

export async function removeAggregatesFile(dir: string): Promise<void> {
  const target = path.join(dir, NAME);
  await Promise.all([rm(temporaryPath(target), { force: true }), rm(target, { force: true })]);
}

interface Cells {
  stats: StatsCell[];
  scores: ScoreCell[];
}

/** The cells, each value checked; undefined for anything not of the file's shape. */
function decode(file: SnapshotFile): Cells | undefined {
  const { strings, stats: st, scores: sc } = file;
  if (!strings.every((s) => typeof s === 'string') || typeof st !== 'object' || st === null || typeof sc !== 'object' || sc === null) return undefined;
  const columns = (table: Record<string, unknown>, names: readonly string[], n: number, ratings: number) =>
    names.every((name) => Array.isArray(table[name]) && (table[name] as unknown[]).length === n) && Array.isArray(table.ratings) && table.ratings.length === ratings;
  const nStats = Array.isArray(st.day) ? st.day.length : -1;
  const nScores = Array.isArray(sc.day) ? sc.day.length : -1;
  if (!columns(st, ['area', 'topic', 'status', 'count', 'hoursLength'], nStats, 5 * nStats) || !Array.isArray(st.hours)) return undefined;
  if (!columns(sc, ['official', 'area', 'link', 'ref', 'channel', 'count'], nScores, 5 * nScores)) return undefined;
  const str = (i: number | undefined): string | null => (i === -1 ? null : Number.isInteger(i) ? (strings[i!] ?? wrongShape()) : wrongShape());
  const required = (i: number | undefined): string => str(i) ?? wrongShape();
  const isDay = strings.map((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
  const day = (i: number | undefined): string => (isDay[i!] ? strings[i!]! : wrongShape());
  const whole = (n: number | undefined, least: number): number => (Number.isInteger(n) && n! >= least ? n! : wrongShape());
  const ratingsAt = (ratings: number[], i: number): StatsCell['ratings'] => [whole(ratings[5 * i], 0), whole(ratings[5 * i + 1], 0), whole(ratings[5 * i + 2], 0), whole(ratings[5 * i + 3], 0), whole(ratings[5 * i + 4], 0)];
  try {
    const stats: StatsCell[] = new Array(nStats);
    let at = 0;
    for (let i = 0; i < nStats; i++) {
      const status = required(st.status[i]);
      if (!STATUS_SET.has(status)) wrongShape();
      const hours = new Map<number, number>();
      for (let end = at + 2 * whole(st.hoursLength[i], 0); at < end; at += 2) hours.set(whole(st.hours[at], 0), whole(st.hours[at + 1], 1));
      stats[i] = { day: day(st.day[i]), serviceAreaId: required(st.area[i]), topicId: str(st.topic[i]), status: status as Status, count: whole(st.count[i], 1), ratings: ratingsAt(st.ratings, i), hours };
    }
    if (at !== st.hours.length) wrongShape();
    const scores: ScoreCell[] = new Array(nScores);
    for (let i = 0; i < nScores; i++) {
      const channel = required(sc.channel[i]);
      if (!CHANNEL_SET.has(channel)) wrongShape();
      scores[i] = { officialId: required(sc.official[i]), day: day(sc.day[i]), serviceAreaId: required(sc.area[i]), linkId: str(sc.link[i]), ref: str(sc.ref[i]), channel, count: whole(sc.count[i], 1), ratings: ratingsAt(sc.ratings, i) };
    }
    return { stats, scores };
  } catch (error) {
    if (error instanceof WrongShape) return undefined;
    throw error;
  }
}

/** The totals of the items counted (on a day), of their ratings and of their replies, in the facts and in each kind of cell, the same. */
function sameTotals({ stats, scores }: Cells, facts: readonly FeedbackFacts[]): boolean {
  let items = 0;
  let ratings = 0;
  let replies = 0;
  for (const f of facts) {
    if (!Number.isFinite(f.createdMs)) continue;
    items++;
    ratings += f.rating ?? 0;
    if (f.repliedAt) replies++;
  }
  let statsItems = 0;
  let statsRatings = 0;
  let hours = 0;
  for (const cell of stats) {
    statsItems += cell.count;
    statsRatings += ratingSum(cell.ratings);
    for (const n of cell.hours.values()) hours += n;
  }
  let scoreItems = 0;
  let scoreRatings = 0;
  for (const cell of scores) {
    scoreItems += cell.count;
    scoreRatings += ratingSum(cell.ratings);
  }
  return String([statsItems, statsRatings, hours, scoreItems, scoreRatings]) === String([items, ratings, replies, items, ratings]);
}

function ratingSum(ratings: StatsCell['ratings']): number {
  return ratings[0] + 2 * ratings[1] + 3 * ratings[2] + 4 * ratings[3] + 5 * ratings[4];
}

const CHANNEL_SET = new Set<string>(CHANNELS);
const STATUS_SET = new Set<string>(STATUSES);

class WrongShape extends Error {}

function wrongShape(): never {
  throw new WrongShape();
}
