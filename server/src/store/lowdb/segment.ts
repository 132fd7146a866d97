import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Low } from 'lowdb';
import type { FeedbackFacts } from '../../domain/feedback-facts.js';
import type { Feedback, FeedbackEvent } from '../../domain/model.js';

/*
 * A feedback segment: a file of SEGMENT_SIZE items (`feedback/000001.json`, …) and what the
 * store keeps of it in memory. Shared by the store (feedback-segments.ts) and the checks of
 * what start-up reads (segment-checks.ts).
 */

/** The value of directory.json's `feedbackFormat` once every segment records its erasures (`removed`). */
export const ERASURES_COUNTED = 2;

/** Items per segment file: each commit writes the open segment whole, so it stays small (~125 KB of JSON). */
export const SEGMENT_SIZE = 250;

export interface SegmentFile {
  /** The revision of the file as read (absent: written by an older version); each write gives it a new one (serializeSegment). */
  rev?: string;
  feedback: Feedback[];
  /** Items deleted from it (erasure): with its items, what it held when it was filled. */
  removed?: number;
  /** Each item's history (notes, forwards, …), by the item's id: in its item's file, so that it goes with it. */
  events?: Record<string, FeedbackEvent[]>;
}

export interface Segment {
  readonly name: string;
  /** The facts of its items, in file order: always in memory. */
  facts: FeedbackFacts[];
  /** How many items were deleted from it: a closed segment's items and removed ones make SEGMENT_SIZE. */
  removed: number;
  /** Its items, while parsed. */
  file: Low<SegmentFile> | undefined;
  loading: Promise<Low<SegmentFile>> | undefined;
  /** Writes in flight: a segment stays parsed while it is being written. */
  writing: number;
  /** Its facts cache may be on disk: removed before the segment is written again. */
  hasCache: boolean;
}

/**
 * How many items were erased from a segment, as its file says. A closed segment written by a
 * version that did not count erasures (`removed` absent, in a data directory not yet marked
 * ERASURES_COUNTED) lacks exactly what was erased then; past that, a missing count is none.
 */
export function erasedFrom(file: SegmentFile, closed: boolean, erasuresCounted: boolean): number {
  if (file.removed !== undefined || erasuresCounted || !closed) return file.removed ?? 0;
  return Math.max(0, SEGMENT_SIZE - file.feedback.length);
}

export function newSegment(name: string, facts: FeedbackFacts[] = [], file?: Low<SegmentFile>): Segment {
  return { name, facts, removed: 0, file, loading: undefined, writing: 0, hasCache: false };
}

/** Whether a segment is filled: it then takes no more items, and only it has a facts cache. */
export function isFull(segment: Segment): boolean {
  return segment.facts.length + segment.removed >= SEGMENT_SIZE;
}

/**
 * Items are frozen, so each one's JSON is made once and kept with it: a commit joins the
 * texts instead of stringifying the whole segment again.
 */
const itemTexts = new WeakMap<Feedback, string>();

/** A new revision written at the head of the segment's text, so that caches of its previous version no longer fit. */
export function serializeSegment(file: SegmentFile): string {
  const texts = file.feedback.map((item) => {
    let text = itemTexts.get(item);
    if (text === undefined) {
      text = JSON.stringify(item);
      if (Object.isFrozen(item)) itemTexts.set(item, text);
    }
    return text;
  });
  const removed = file.removed === undefined ? '' : `,"removed":${file.removed}`;
  const events = file.events === undefined || Object.keys(file.events).length === 0 ? '' : `,"events":${JSON.stringify(file.events)}`;
  return `{"rev":"${randomBytes(9).toString('base64url')}","feedback":[${texts.join(',')}]${removed}${events}}`;
}

/*
 * A segment's revision: a random one written by the store as the first property at every
 * write, so that it can be read from the file's first bytes without parsing it. What is
 * derived from a version of the segment (its facts cache, the aggregates) records its
 * revision: a copy of that version (a backup restored with cp, rsync or tar, with new inodes
 * and times) is still known to be it. 72 random bits: two versions never share one.
 */
const REVISION_HEAD = /^\{"rev":"([\w-]{12})"/;
const HEAD_LENGTH = 21;

/** The revision at the head of a segment's text; undefined for one written by an older version. */
export function revisionOf(text: string): string | undefined {
  return REVISION_HEAD.exec(text.slice(0, HEAD_LENGTH))?.[1];
}

/** The revision of the segment file at `filePath`, read from its first bytes; undefined if it has none or cannot be read. */
export function readRevision(filePath: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(filePath, 'r');
    const head = Buffer.alloc(HEAD_LENGTH);
    return revisionOf(head.toString('latin1', 0, readSync(fd, head, 0, HEAD_LENGTH, 0)));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}


/** Items are frozen once stored: what a caller gets can be read, never changed. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
