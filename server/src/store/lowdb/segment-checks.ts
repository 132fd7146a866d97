import path from 'node:path';
import { DamagedFileError } from './file-shapes.js';
import { SEGMENT_SIZE, type Segment } from './segment.js';

/*
 * What start-up checks of the feedback segments besides their shapes: that none is missing,
 * that each holds what it should, and that no item is in two places. A failure stops
 * start-up with the file named: Suora does not start with part of its feedback missing.
 */

const SEGMENT_NAME = /^(\d{6})(\.facts)?\.json$/;

const RESTORE_FEEDBACK =
  'Restore the feedback directory from your latest backup (`suora backup DIR` makes one): ' +
  'Suora does not start with part of its feedback silently missing.';

/**
 * The segment files, in order; throws DamagedFileError when one is missing: a gap in the
 * numbering, or a facts cache whose segment is gone (the cache is not removed: it shows
 * which items were lost, and a restored segment fits it again).
 */
export function segmentNames(dir: string, files: readonly string[]): string[] {
  const segments = new Set<number>();
  let last = 0;
  for (const name of files) {
    const match = SEGMENT_NAME.exec(name);
    if (!match) continue;
    const number = Number(match[1]);
    if (!match[2]) segments.add(number);
    last = Math.max(last, number);
  }
  const names: string[] = [];
  for (let number = 1; number <= last; number++) {
    const name = segmentName(number);
    if (!segments.has(number)) {
      const there = number < last ? `later ones, up to number ${String(last).padStart(6, '0')}, are there` : 'its facts cache is there';
      throw new DamagedFileError(path.join(dir, name), `this feedback segment is missing, but ${there}`, RESTORE_FEEDBACK);
    }
    names.push(name);
  }
  return names;
}

export function segmentName(number: number): string {
  return `${String(number).padStart(6, '0')}.json`;
}

/** Throws DamagedFileError unless a closed segment was filled, and the open one holds no more than a segment does. */
export function checkSize(dir: string, segment: Segment, open: boolean): void {
  const held = segment.facts.length + segment.removed;
  if (open ? held <= SEGMENT_SIZE : held === SEGMENT_SIZE) return;
  const counted = `it holds ${segment.facts.length} items${segment.removed ? ` and ${segment.removed} were erased from it` : ''}`;
  const rule = open ? `the last segment holds at most ${SEGMENT_SIZE}` : `a segment before the last holds exactly ${SEGMENT_SIZE}, counting erased ones`;
  throw new DamagedFileError(path.join(dir, segment.name), `${counted}, but ${rule}: items were lost or added`, RESTORE_FEEDBACK);
}

/**
 * Throws DamagedFileError if an item's id is in two places. Only segments parsed at this
 * start-up need checking, against each other and all the rest: a facts cache is only ever
 * made from a segment Suora wrote or checked, and is used only while that very version (the
 * same file, or a copy with its revision: see sameVersion) is there. Normally only the open
 * segment is parsed: a small map, and one look-up per item, instead of a set of a million ids.
 */
export function checkUniqueIds(dir: string, segments: readonly Segment[], parsed: ReadonlySet<Segment>): void {
  const placeOf = new Map<string, Segment>();
  const check = (segment: Segment, id: string) => {
    const other = placeOf.get(id);
    if (other && other !== segment) {
      const [first, second] = segments.indexOf(other) < segments.indexOf(segment) ? [other, segment] : [segment, other];
      throw new DamagedFileError(path.join(dir, second.name), `the feedback id "${id}" is also in ${first.name}`, RESTORE_FEEDBACK);
    }
  };
  for (const segment of parsed) {
    for (const { id } of segment.facts) {
      check(segment, id);
      placeOf.set(id, segment);
    }
  }
  if (placeOf.size === 0) return;
  for (const segment of segments) if (!parsed.has(segment)) for (const { id } of segment.facts) check(segment, id);
}

