import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DayAggregates, type ScoreCell, type StatsCell } from '../../domain/aggregates.js';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import { CHANNELS, STATUSES, type Status } from '../../domain/model.js';
import { stampOf, type FileStamp } from './facts-file.js';
import { temporaryPath } from './file-writer.js';

/**
 * The dashboards' aggregates, kept on disk while the server is stopped
 * (`feedback/aggregates.json`), so that start-up reads them instead of counting every item.
 * Written at close, stamped with every segment file it counts (size, modification time,
 * inode: each write renames a new file into place), in the city's zone; read at open only
 * when all of these are the same and its totals (items, rating sum, replies) are the facts',
 * and removed then: a server that stops without closing leaves none, and the next start
 * counts the items. Ids and days are written once each, in `strings`, referred to by number.
 */
const VERSION = 1;
const NAME = 'aggregates.json';

interface SnapshotFile {
  v: number;
  timeZone: string;
  stamps: FileStamp[];
  strings: string[];
  /** [day, area, topic (-1 none), status, count, r1…r5, then bucket, replies, …] */
  stats: number[][];
  /** [official, day, area, link (-1 none), ref (-1 none), channel, count, r1…r5] */
  scores: number[][];
}

/** The segment files' stamps, in order. */
export async function segmentStamps(dir: string, names: readonly string[]): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (let start = 0; start < names.length; start += 64) {
    stamps.push(...(await Promise.all(names.slice(start, start + 64).map(async (name) => stampOf(await stat(path.join(dir, name)))))));
  }
  return stamps;
}

/**
 * The aggregates kept for exactly these segment files and facts, in `timeZone`; undefined
 * when there are none, or they are not theirs (the caller counts the facts). Unless
 * `readOnly`, the file goes once read: from here on the segments change.
 */
export async function readAggregatesFile(dir: string, timeZone: string, stamps: readonly FileStamp[], facts: readonly FeedbackFacts[], readOnly: boolean): Promise<DayAggregates | undefined> {
  const filePath = path.join(dir, NAME);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch {
    return undefined;
  }
  if (!readOnly) await rm(filePath, { force: true });
  let file: SnapshotFile;
  try {
    file = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (file?.v !== VERSION || file.timeZone !== timeZone || !Array.isArray(file.stamps) || !Array.isArray(file.strings)) return undefined;
  if (file.stamps.length !== stamps.length || !file.stamps.every((s, i) => sameStamp(s, stamps[i]!))) return undefined;
  const aggregates = decode(file, timeZone);
  return aggregates && sameTotals(aggregates, facts) ? aggregates : undefined;
}

/** Writes the aggregates of the segment files stamped `stamps`; a failed write leaves no file (the next start counts). */
export async function writeAggregatesFile(dir: string, aggregates: DayAggregates, stamps: readonly FileStamp[]): Promise<void> {
  const target = path.join(dir, NAME);
  const strings: string[] = [];
  const numbers = new Map<string, number>();
  const number = (s: string | null): number => {
    if (s === null) return -1;
    let n = numbers.get(s);
    if (n === undefined) numbers.set(s, (n = strings.push(s) - 1));
    return n;
  };
  const { stats, scores } = aggregates.allCells();
  const file: SnapshotFile = {
    v: VERSION,
    timeZone: aggregates.timeZone,
    stamps: [...stamps],
    strings,
    stats: stats.map((c) => [number(c.day), number(c.serviceAreaId), number(c.topicId), number(c.status), c.count, ...c.ratings, ...[...c.hours].flat()]),
    scores: scores.map((c) => [number(c.officialId), number(c.day), number(c.serviceAreaId), number(c.linkId), number(c.ref), number(c.channel), c.count, ...c.ratings]),
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

/** The cells, each value checked; undefined for anything not of the file's shape. */
function decode(file: SnapshotFile, timeZone: string): DayAggregates | undefined {
  const { strings } = file;
  if (!strings.every((s) => typeof s === 'string') || !Array.isArray(file.stats) || !Array.isArray(file.scores)) return undefined;
  const str = (i: unknown): string | null => (i === -1 ? null : Number.isInteger(i) ? (strings[i as number] ?? wrongShape()) : wrongShape());
  const required = (i: unknown): string => str(i) ?? wrongShape();
  const day = (i: unknown): string => {
    const value = required(i);
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : wrongShape();
  };
  const counts = (row: unknown[], at: number) => {
    const values = row.slice(at, at + 6);
    if (!values.every((v) => Number.isInteger(v) && (v as number) >= 0) || values[0] === 0) wrongShape();
    const [count, ...ratings] = values as number[];
    return { count: count!, ratings: ratings as StatsCell['ratings'] };
  };
  try {
    const stats: StatsCell[] = file.stats.map((row) => {
      if (!Array.isArray(row) || row.length < 10 || row.length % 2 !== 0) wrongShape();
      const status = required(row[3]);
      if (!STATUS_SET.has(status)) wrongShape();
      const hours = new Map<number, number>();
      for (let i = 10; i < row.length; i += 2) {
        if (!Number.isInteger(row[i]) || row[i]! < 0 || !Number.isInteger(row[i + 1]) || row[i + 1]! <= 0 || hours.has(row[i]!)) wrongShape();
        hours.set(row[i]!, row[i + 1]!);
      }
      return { day: day(row[0]), serviceAreaId: required(row[1]), topicId: str(row[2]), status: status as Status, ...counts(row, 4), hours };
    });
    const scores: ScoreCell[] = file.scores.map((row) => {
      if (!Array.isArray(row) || row.length !== 12) wrongShape();
      const channel = required(row[5]);
      if (!CHANNEL_SET.has(channel)) wrongShape();
      return { officialId: required(row[0]), day: day(row[1]), serviceAreaId: required(row[2]), linkId: str(row[3]), ref: str(row[4]), channel, ...counts(row, 6) };
    });
    return DayAggregates.ofCells(timeZone, stats, scores);
  } catch (error) {
    if (error instanceof WrongShape) return undefined;
    throw error;
  }
}

/** The totals of the items counted (on a day), of their ratings and of their replies, in the facts and in each kind of cell, the same. */
function sameTotals(aggregates: DayAggregates, facts: readonly FeedbackFacts[]): boolean {
  let items = 0;
  let ratings = 0;
  let replies = 0;
  for (const f of facts) {
    if (!Number.isFinite(f.createdMs)) continue;
    items++;
    ratings += f.rating ?? 0;
    if (f.repliedAt) replies++;
  }
  const { stats, scores } = aggregates.allCells();
  const sum = (cells: readonly (StatsCell | ScoreCell)[]) => [cells.reduce((n, c) => n + c.count, 0), cells.reduce((n, c) => n + c.ratings.reduce((s, r, i) => s + r * (i + 1), 0), 0)];
  const hours = stats.reduce((n, c) => n + [...c.hours.values()].reduce((a, b) => a + b, 0), 0);
  return String([...sum(stats), hours, ...sum(scores)]) === String([items, ratings, replies, items, ratings]);
}

const CHANNEL_SET = new Set<string>(CHANNELS);
const STATUS_SET = new Set<string>(STATUSES);

class WrongShape extends Error {}

function wrongShape(): never {
  throw new WrongShape();
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a?.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}
