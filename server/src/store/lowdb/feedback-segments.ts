import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Feedback } from '../../domain/model.js';
import { matchesFilter, type FeedbackFilter, type FeedbackPage, type PageRequest } from '../feedback-filter.js';
import { GroupCommitFile } from './group-commit-file.js';

/** Items per segment file: a write serializes one segment, at most ~0.5 MB of JSON. */
export const SEGMENT_SIZE = 1000;

interface SegmentFile {
  feedback: Feedback[];
}

interface Location {
  segment: number;
  index: number;
}

/**
 * All feedback, in memory and on disk in segments of at most `SEGMENT_SIZE` items
 * (`feedback/000001.json`, …): a new item touches only the last segment, a change only its
 * own. Items are kept in arrival order, which is time order, with an index by id and one
 * by official for the inbox and scores. Items are never changed in place: a change replaces
 * the item (new and replaced items are frozen, to catch a mistake; those read at start-up
 * are not, since freezing a million objects would slow every start).
 */
export class FeedbackSegments {
  readonly #dir: string;
  readonly #segments: Low<SegmentFile>[] = [];
  readonly #all: Feedback[] = [];
  /** Where each item is, as `segment * 65536 + index`: a million small objects cost start-up time. */
  readonly #byId = new Map<string, number>();
  readonly #byOfficial = new Map<string, Feedback[]>();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  static async open(dataDir: string, options: { readOnly?: boolean } = {}): Promise<FeedbackSegments> {
    const dir = path.join(dataDir, 'feedback');
    await mkdir(dir, { recursive: true });
    const store = new FeedbackSegments(dir);
    const files = await readdir(dir);
    // A write cut short by a crash leaves its temporary file; the segment itself is whole.
    if (!options.readOnly) await Promise.all(files.filter((n) => n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })));
    const names = files.filter((n) => /^\d{6}\.json$/.test(n)).sort();
    // Read in batches: reading overlaps parsing, without holding every file's text at once.
    for (let start = 0; start < names.length; start += 16) {
      const batch = await Promise.all(names.slice(start, start + 16).map((name) => store.#openSegment(name)));
      for (const segment of batch) {
        const number = store.#segments.push(segment) - 1;
        segment.data.feedback.forEach((item, index) => store.#index(item, { segment: number, index }));
      }
    }
    await store.#importSingleFile(dataDir, options.readOnly ?? false);
    return store;
  }

  get(id: string): Feedback | undefined {
    const at = this.#locate(id);
    return at && this.#segments[at.segment]!.data.feedback[at.index];
  }

  #locate(id: string): Location | undefined {
    const packed = this.#byId.get(id);
    return packed === undefined ? undefined : { segment: Math.floor(packed / 65536), index: packed % 65536 };
  }

  #place(id: string, at: Location): void {
    this.#byId.set(id, at.segment * 65536 + at.index);
  }

  all(): readonly Feedback[] {
    return this.#all;
  }

  query(filter: FeedbackFilter, page: PageRequest = {}): FeedbackPage {
    const source = filter.officialId === undefined ? this.#all : (this.#byOfficial.get(filter.officialId) ?? []);
    const offset = page.offset ?? 0;
    const limit = page.limit ?? Infinity;
    const items: Feedback[] = [];
    let total = 0;
    for (let i = source.length - 1; i >= 0; i--) {
      const item = source[i]!;
      if (!matchesFilter(item, filter)) continue;
      if (total >= offset && items.length < limit) items.push(item);
      total++;
    }
    return { items, total };
  }

  async add(item: Feedback): Promise<void> {
    // Synchronous up to the write, so that concurrent calls agree on the open segment.
    let last = this.#segments.at(-1);
    if (!last || last.data.feedback.length >= SEGMENT_SIZE) {
      last = this.#newSegment(`${String(this.#segments.length + 1).padStart(6, '0')}.json`);
      this.#segments.push(last);
    }
    const frozen = deepFreeze(structuredClone(item));
    const location = { segment: this.#segments.length - 1, index: last.data.feedback.push(frozen) - 1 };
    this.#index(frozen, location);
    try {
      await last.write();
    } catch (error) {
      // Not on disk, so not stored: forget it before a later write could save it unacknowledged.
      this.#unindexLast(frozen, location);
      throw error;
    }
  }

  async replace(item: Feedback): Promise<void> {
    const at = this.#locate(item.id);
    if (!at) throw new Error(`No feedback ${item.id} to update.`);
    const segment = this.#segments[at.segment]!;
    const previous = segment.data.feedback[at.index]!;
    const frozen = deepFreeze(structuredClone(item));
    this.#swap(previous, frozen, at);
    try {
      await segment.write();
    } catch (error) {
      this.#swap(frozen, previous, at);
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const at = this.#locate(id);
    if (!at) return false;
    const segment = this.#segments[at.segment]!;
    const [item] = segment.data.feedback.splice(at.index, 1);
    this.#reindex(at.segment, at.index);
    this.#byId.delete(id);
    const all = this.#all.lastIndexOf(item!);
    this.#all.splice(all, 1);
    const mine = this.#byOfficial.get(item!.officialId)!;
    const own = mine.lastIndexOf(item!);
    mine.splice(own, 1);
    try {
      await segment.write();
      return true;
    } catch (error) {
      segment.data.feedback.splice(at.index, 0, item!);
      this.#reindex(at.segment, at.index);
      this.#place(id, at);
      this.#all.splice(all, 0, item!);
      mine.splice(own, 0, item!);
      throw error;
    }
  }

  /** Items after `from` in a segment moved: their locations follow. */
  #reindex(segment: number, from: number): void {
    const items = this.#segments[segment]!.data.feedback;
    for (let index = from; index < items.length; index++) this.#place(items[index]!.id, { segment, index });
  }

  #swap(from: Feedback, to: Feedback, at: Location): void {
    this.#segments[at.segment]!.data.feedback[at.index] = to;
    replaceIn(this.#all, from, to);
    replaceIn(this.#byOfficial.get(from.officialId)!, from, to);
  }

  #index(item: Feedback, at: Location): void {
    this.#all.push(item);
    this.#place(item.id, at);
    let mine = this.#byOfficial.get(item.officialId);
    if (!mine) this.#byOfficial.set(item.officialId, (mine = []));
    mine.push(item);
  }

  #unindexLast(item: Feedback, at: Location): void {
    const segment = this.#segments[at.segment]!.data.feedback;
    segment.splice(segment.lastIndexOf(item), 1);
    this.#all.splice(this.#all.lastIndexOf(item), 1);
    const mine = this.#byOfficial.get(item.officialId)!;
    mine.splice(mine.lastIndexOf(item), 1);
    this.#byId.delete(item.id);
  }

  async #openSegment(name: string): Promise<Low<SegmentFile>> {
    const segment = this.#newSegment(name);
    await segment.read();
    return segment;
  }

  #newSegment(name: string): Low<SegmentFile> {
    return new Low<SegmentFile>(new GroupCommitFile(path.join(this.#dir, name)), { feedback: [] });
  }

  /** Data directories from before segments kept all feedback in one feedback.json. */
  async #importSingleFile(dataDir: string, readOnly: boolean): Promise<void> {
    const single = new GroupCommitFile<SegmentFile>(path.join(dataDir, 'feedback.json'));
    const old = await single.read();
    if (!old || this.#all.length > 0) return;
    if (readOnly) {
      // Read as it is; the server converts it the next time it opens the directory.
      const number = this.#segments.push(new Low(single, old)) - 1;
      old.feedback.forEach((item, index) => this.#index(deepFreeze(item), { segment: number, index }));
      return;
    }
    for (const item of old.feedback) await this.add(item);
    await rename(path.join(dataDir, 'feedback.json'), path.join(dataDir, 'feedback.json.imported'));
  }
}

function replaceIn(list: Feedback[], from: Feedback, to: Feedback): void {
  // Recent items are the ones that change: search from the end.
  const index = list.lastIndexOf(from);
  if (index >= 0) list[index] = to;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
