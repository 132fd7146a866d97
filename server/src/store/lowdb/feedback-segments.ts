import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { checkFeedbackTime } from '../../domain/feedback-record.js';
import type { FeedbackSort } from '../../../../contract/api.js';
import type { Feedback } from '../../domain/model.js';
import type { FeedbackFilter, FeedbackPage, PageRequest } from '../../domain/store-port.js';
import { factsMatcher, factsOf, type FeedbackFacts } from '../../domain/feedback-facts.js';
import { aggregatesOf, DayAggregates } from '../../domain/aggregates.js';
import { readAggregatesFile, removeAggregatesFile, segmentStamps, writeAggregatesFile } from './aggregates-file.js';
import { encodeFacts, readFactsCache, removeFactsCache, stampOf, writeFactsCache, writeFactsCaches } from './facts-file.js';
import { segmentFileShape } from './file-shapes.js';
import { removeTemporaryFiles } from './file-writer.js';
import { GroupCommitFile } from './group-commit-file.js';
import { OfficialIndex, replaceIn } from './official-index.js';
import { searchPage } from './item-events.js';
import { readOlderFile, type OlderFile } from './older-file.js';
import { checkSize, checkUniqueIds, segmentName, segmentNames } from './segment-checks.js';
import { deepFreeze, erasedFrom, isFull, newSegment, revisionOf, serializeSegment, type Segment, type SegmentFile } from './segment.js';

/** Closed segments kept parsed in memory, besides the open one: the inbox reads the newest. */
const CACHED_SEGMENTS = 64;

interface Location {
  segment: number;
  index: number;
}

/**
 * All feedback, on disk in segments of at most `SEGMENT_SIZE` items (`feedback/000001.json`,
 * …): a new item touches only the last, open segment, a change only its own. Segments are
 * numbered without gaps, and every one but the last was filled: its items and those deleted
 * from it (its `removed` count) make exactly SEGMENT_SIZE. Start-up checks both, so that a
 * lost or cut segment stops it instead of leaving the server with less feedback. In memory are
 * the facts of every item (what filters, scores and statistics read), the open segment, and
 * the most recently read closed ones; others are parsed when an item of theirs is asked for.
 * Start-up reads each closed segment's facts cache (see facts-file.ts), not the segment.
 * Items are never changed in place: a change replaces the item (items in memory are frozen,
 * to catch a mistake, and so that each one's JSON can be kept).
 */
export class FeedbackSegments {
  readonly #dir: string;
  readonly #readOnly: boolean;
  readonly #segments: Segment[] = [];
  /** Facts of all items, oldest first. */
  readonly #all: FeedbackFacts[] = [];
  /** Where each item is, as `segment * 65536 + index`: a million small objects cost start-up time. */
  readonly #byId = new Map<string, number>();
  /**
   * A map of a million ids takes most of a second to build: start-up leaves it for a
   * second later, in the background, so the server takes submissions at once. The first
   * lookup by id before then builds it, and waits for it.
   */
  #idsReady: Promise<void> | undefined;
  #idsToPlace = 0;
  readonly #byOfficial = new OfficialIndex();
  /** The dashboards' running sums, moved with every item that comes, changes or goes. */
  #aggregates: DayAggregates;
  /** Whether `feedback/aggregates.json` may still be there: removed before the first write changes a segment. */
  #aggregatesFileKept = false;
  /** Parsed closed segments, least recently used first. */
  readonly #cached = new Set<Segment>();
  #older: OlderFile<SegmentFile> | undefined;

  private constructor(dir: string, readOnly: boolean, timeZone: string) {
    this.#dir = dir;
    this.#readOnly = readOnly;
    this.#aggregates = new DayAggregates(timeZone);
  }

  static async open(dataDir: string, options: { readOnly?: boolean; erasuresCounted?: boolean; timeZone: string }): Promise<FeedbackSegments> {
    const dir = path.join(dataDir, 'feedback');
    await mkdir(dir, { recursive: true });
    const store = new FeedbackSegments(dir, options.readOnly ?? false, options.timeZone);
    const files = await readdir(dir);
    if (!store.#readOnly) await removeTemporaryFiles(dir, files);
    const names = segmentNames(dir, files);
    const parsed = new Set<Segment>();
    // In batches: reading overlaps parsing, without holding every file's text at once.
    for (let start = 0; start < names.length; start += 64) {
      const batch = await Promise.all(names.slice(start, start + 64).map((name) => store.#openSegment(name, name === names.at(-1), options.erasuresCounted ?? true)));
      for (const { segment, fromCache } of batch) {
        checkSize(dir, segment, segment.name === names.at(-1));
        if (!fromCache) parsed.add(segment);
        store.#segments.push(segment);
        for (const facts of segment.facts) store.#index(facts, false);
      }
    }
    checkUniqueIds(dir, store.#segments, parsed);
    // Kept at the last close if nothing changed since (aggregates-file.ts), else counted now.
    store.#aggregates = (await readAggregatesFile(dir, options.timeZone, names, store.#all)) ?? aggregatesOf(store.#all, options.timeZone);
    store.#aggregatesFileKept = !store.#readOnly;
    // Only now that they were found whole: a cache is trusted as its segment's check.
    if (!store.#readOnly) await writeFactsCaches(dir, [...parsed].filter((segment) => segment !== store.#segments.at(-1)));
    store.#idsToPlace = store.#segments.length;
    setTimeout(() => void store.#ids(), 1000).unref();
    store.#older = await readOlderFile<SegmentFile>(dataDir, 'feedback.json', segmentFileShape, store.#readOnly);
    // An item whose time cannot be read stops start-up, the file named: it could not be found by age.
    for (const item of store.#older?.data.feedback ?? []) checkFeedbackTime(item, store.#older!.file);
    return store;
  }

  get aggregates(): DayAggregates {
    return this.#aggregates;
  }

  /** Keeps the aggregates on disk for the next start, unless a write is under way (then that start counts them). */
  async close(): Promise<void> {
    if (this.#readOnly || this.#segments.some((segment) => segment.writing > 0)) return;
    const names = this.#segments.map((segment) => segment.name);
    await writeAggregatesFile(this.#dir, this.#aggregates, await segmentStamps(this.#dir, names)).catch(() => {});
  }

  /** Counts the aggregates anew from the facts; returns how many items they count. */
  rebuildAggregates(): number {
    this.#aggregates = aggregatesOf(this.#all, this.#aggregates.timeZone);
    return this.#aggregates.items;
  }

  /** Resolves once every item read at start-up can be found by id (later ones are placed as they come). */
  #ids(): Promise<void> {
    this.#idsReady ??= (async () => {
      // The segments read at start-up, ten per turn of the event loop (2,500 ids, about 2 ms): requests go on meanwhile.
      for (let segment = 0; segment < this.#idsToPlace; segment++) {
        if (segment % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
        this.#segments[segment]!.facts.forEach((facts, index) => this.#place(facts.id, { segment, index }));
      }
    })();
    return this.#idsReady;
  }

  async get(id: string): Promise<Feedback | undefined> {
    const file = await this.#fileOf(id);
    const index = this.#locate(id)?.index;
    return file && index !== undefined ? file.data.feedback[index] : undefined;
  }

  /** Matching items in the page's order (newest first by default): filtered on the facts, and only the page's items read. */
  async query(filter: FeedbackFilter, page: PageRequest = {}): Promise<FeedbackPage> {
    const offset = page.offset ?? 0;
    const limit = page.limit ?? Infinity;
    const matches = factsMatcher(filter);
    const source = this.#candidates(filter);
    if (filter.q !== undefined) return searchPage([...inOrder(source, matches, page.sort ?? 'newest')], filter.q, { offset, limit }, (id) => this.get(id));
    const wanted: FeedbackFacts[] = [];
    let total = 0;
    for (const facts of inOrder(source, matches, page.sort ?? 'newest')) {
      if (total >= offset && wanted.length < limit) wanted.push(facts);
      total++;
    }
    const items: Feedback[] = [];
    for (const facts of wanted) {
      const item = await this.get(facts.id);
      if (item) items.push(item);
    }
    return { items, total };
  }

  /** The file of the segment an item is in, parsed (undefined: no such item). */
  async fileOf(id: string): Promise<SegmentFile | undefined> {
    return (await this.#fileOf(id))?.data;
  }

  /** Changes the file of an item's segment and writes it; `change` returns its undo, for a failed write. False: no such item. */
  async changeFileOf(id: string, change: (file: SegmentFile) => () => void): Promise<boolean> {
    const file = await this.#fileOf(id);
    if (!file) return false;
    const undo = change(file.data);
    try {
      await this.#write(this.#segments[this.#locate(id)!.segment]!);
      return true;
    } catch (error) {
      undo();
      throw error;
    }
  }

  /** The parsed file of an item's segment, once every id can be found; a deletion while it was read moves later items up. */
  async #fileOf(id: string): Promise<Low<SegmentFile> | undefined> {
    await this.#ids();
    const found = this.#locate(id);
    const file = found && (await this.#load(this.#segments[found.segment]!));
    return file && this.#locate(id) ? file : undefined;
  }

  /** Facts of the matching items, oldest first (a copy of the store's own). */
  facts(filter: FeedbackFilter): FeedbackFacts[] {
    return this.#candidates(filter).filter(factsMatcher(filter));
  }

  /** The items a filter can match, oldest first: an official's own through their index. */
  #candidates(filter: FeedbackFilter): readonly FeedbackFacts[] {
    return filter.officialId === undefined ? this.#all : this.#byOfficial.of(filter.officialId);
  }

  /** Every item, oldest first, a segment at a time. */
  async *batches(): AsyncGenerator<Feedback[]> {
    for (let i = 0; i < this.#segments.length; i++) yield [...(await this.#load(this.#segments[i]!)).data.feedback];
  }

  async add(item: Feedback): Promise<void> {
    // Synchronous up to the write, so that concurrent calls agree on the open segment.
    let last = this.#segments.at(-1);
    if (!last || isFull(last)) {
      if (last) this.#cached.add(last); // closed now: it may leave memory
      last = newSegment(segmentName(this.#segments.length + 1));
      last.file = this.#segmentFile(last);
      this.#segments.push(last);
    }
    const file = last.file!; // the open segment is always parsed
    const frozen = deepFreeze(structuredClone(item));
    const facts = factsOf(frozen);
    const location = { segment: this.#segments.length - 1, index: file.data.feedback.push(frozen) - 1 };
    last.facts.push(facts);
    this.#index(facts);
    this.#place(facts.id, location);
    try {
      await this.#write(last);
    } catch (error) {
      // Not on disk, so not stored: forget it before a later write could save it unacknowledged.
      this.#unindex(facts, location);
      throw error;
    }
  }

  async replace(item: Feedback): Promise<void> {
    const file = await this.#fileOf(item.id);
    const at = this.#locate(item.id);
    if (!file || !at) throw new Error(`No feedback ${item.id} to update.`);
    const segment = this.#segments[at.segment]!;
    const previous = { item: file.data.feedback[at.index]!, facts: segment.facts[at.index]! };
    const frozen = deepFreeze(structuredClone(item));
    const next = { item: frozen, facts: factsOf(frozen) };
    this.#swap(segment, at.index, previous, next);
    try {
      await this.#write(segment);
    } catch (error) {
      this.#swap(segment, at.index, next, previous);
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const file = await this.#fileOf(id);
    const at = this.#locate(id);
    if (!file || !at) return false;
    const segment = this.#segments[at.segment]!;
    const [item] = file.data.feedback.splice(at.index, 1);
    const [facts] = segment.facts.splice(at.index, 1);
    const events = file.data.events?.[id];
    if (events) delete file.data.events![id];
    file.data.removed = ++segment.removed;
    this.#reindex(at.segment, at.index);
    this.#byId.delete(id);
    const all = this.#all.lastIndexOf(facts!);
    this.#all.splice(all, 1);
    const putBack = this.#byOfficial.remove(facts!);
    this.#aggregates.remove(facts!);
    try {
      await this.#write(segment);
      return true;
    } catch (error) {
      file.data.feedback.splice(at.index, 0, item!);
      if (events) file.data.events![id] = events;
      segment.facts.splice(at.index, 0, facts!);
      file.data.removed = --segment.removed;
      if (segment.removed === 0) delete file.data.removed;
      this.#reindex(at.segment, at.index);
      this.#all.splice(all, 0, facts!);
      putBack();
      this.#aggregates.add(facts!);
      throw error;
    }
  }

  #locate(id: string): Location | undefined {
    const packed = this.#byId.get(id);
    return packed === undefined ? undefined : { segment: Math.floor(packed / 65536), index: packed % 65536 };
  }

  #place(id: string, at: Location): void {
    this.#byId.set(id, at.segment * 65536 + at.index);
  }

  /** Items after `from` in a segment moved: their locations follow. */
  #reindex(segment: number, from: number): void {
    const facts = this.#segments[segment]!.facts;
    for (let index = from; index < facts.length; index++) this.#place(facts[index]!.id, { segment, index });
  }

  #swap(segment: Segment, index: number, from: { item: Feedback; facts: FeedbackFacts }, to: { item: Feedback; facts: FeedbackFacts }): void {
    segment.file!.data.feedback[index] = to.item;
    segment.facts[index] = to.facts;
    replaceIn(this.#all, from.facts, to.facts);
    this.#byOfficial.replace(from.facts, to.facts, (facts) => this.#byId.get(facts.id)!);
    this.#aggregates.remove(from.facts);
    this.#aggregates.add(to.facts);
  }

  /** `counted` false: at start-up, where the aggregates are read or counted once all facts are in. */
  #index(facts: FeedbackFacts, counted = true): void {
    this.#all.push(facts);
    this.#byOfficial.append(facts);
    if (counted) this.#aggregates.add(facts);
  }

  #unindex(facts: FeedbackFacts, at: Location): void {
    const segment = this.#segments[at.segment]!;
    const index = segment.facts.lastIndexOf(facts);
    segment.facts.splice(index, 1);
    segment.file!.data.feedback.splice(index, 1);
    this.#all.splice(this.#all.lastIndexOf(facts), 1);
    this.#byOfficial.remove(facts);
    this.#aggregates.remove(facts);
    this.#byId.delete(facts.id);
  }

  async #write(segment: Segment): Promise<void> {
    segment.writing++;
    try {
      // Before a segment changes; one that cannot be removed now is stale from here on, and its stamps say so.
      if (this.#aggregatesFileKept) await removeAggregatesFile(this.#dir).then(() => (this.#aggregatesFileKept = false), () => {});
      await segment.file!.write();
    } finally {
      segment.writing--;
    }
  }

  /** A segment's items, parsed now if they are not in memory. */
  async #load(segment: Segment): Promise<Low<SegmentFile>> {
    if (segment.file) {
      this.#touch(segment);
      return segment.file;
    }
    segment.loading ??= (async () => {
      try {
        const file = this.#segmentFile(segment);
        await file.read();
        file.data.feedback.forEach(deepFreeze);
        segment.file = file;
        this.#touch(segment);
        return file;
      } finally {
        segment.loading = undefined;
      }
    })();
    return segment.loading;
  }

  /** Marks a closed segment as just used, and lets the least recently used ones go. */
  #touch(segment: Segment): void {
    if (segment === this.#segments.at(-1)) return;
    this.#cached.delete(segment);
    this.#cached.add(segment);
    for (const old of this.#cached) {
      if (this.#cached.size <= CACHED_SEGMENTS) break;
      if (old.writing > 0) continue;
      old.file = undefined;
      this.#cached.delete(old);
    }
  }

  /** A closed segment from its facts cache when that is current, else by reading it. */
  async #openSegment(name: string, open: boolean, erasuresCounted: boolean): Promise<{ segment: Segment; fromCache: boolean }> {
    const segment = newSegment(name);
    const filePath = path.join(this.#dir, name);
    if (!open) {
      const cached = readFactsCache(filePath);
      if (cached) {
        segment.facts = cached.facts;
        segment.removed = cached.removed;
        segment.hasCache = true;
        return { segment, fromCache: true };
      }
    } else if (!this.#readOnly) {
      // The open segment has none: one left from when it was full, before an erasure, goes.
      await removeFactsCache(filePath);
    }
    const file = this.#segmentFile(segment);
    await file.read();
    segment.facts = file.data.feedback.map(factsOf);
    segment.removed = erasedFrom(file.data, !open, erasuresCounted);
    if (file.data.removed === undefined && segment.removed > 0 && !this.#readOnly) {
      // An older version's erasures, recorded now: from here on a short segment means lost data.
      file.data.removed = segment.removed;
      await file.write();
    }
    if (open) {
      file.data.feedback.forEach(deepFreeze);
      segment.file = file;
    }
    return { segment, fromCache: false };
  }

  #segmentFile(segment: Segment): Low<SegmentFile> {
    const filePath = path.join(this.#dir, segment.name);
    const adapter = new GroupCommitFile<SegmentFile>(filePath, {
      shape: segmentFileShape,
      serialize: serializeSegment,
      // The open segment is read whole at start-up; a closed one's facts are cached beside it.
      // A cache never outlives the version it was made from: it holds the items' emails.
      invalidate: async () => {
        if (!segment.hasCache) return;
        await removeFactsCache(filePath);
        segment.hasCache = false;
      },
      derive: (_data, text) => {
        if (this.#readOnly || (segment === this.#segments.at(-1) && !isFull(segment))) return undefined;
        const encoded = encodeFacts(segment.facts, segment.removed);
        return (committed) => {
          segment.hasCache = true;
          return writeFactsCache(filePath, stampOf(committed, revisionOf(text)), encoded).catch((error) => {
            segment.hasCache = false;
            throw error;
          });
        };
      },
    });
    return new Low<SegmentFile>(adapter, { feedback: [] });
  }

  /** Converts an older feedback.json read at open into segments, then removes it (read-only: reads it as it is). */
  async takeOlderFile(): Promise<void> {
    const older = this.#older;
    this.#older = undefined;
    if (!older) return;
    if (this.#readOnly) {
      if (this.#all.length > 0) return;
      // Read as it is; the server converts it the next time it opens the directory.
      const segment = newSegment('feedback.json', older.data.feedback.map(factsOf), new Low(older.adapter, older.data));
      const number = this.#segments.push(segment) - 1;
      segment.facts.forEach((facts, index) => {
        this.#index(facts);
        this.#place(facts.id, { segment: number, index });
      });
      return;
    }
    // By id: a conversion cut short by a crash goes on where it stopped.
    await this.#ids();
    for (const item of older.data.feedback) if (!this.#byId.has(item.id)) await this.add(item);
    await rm(older.file);
  }
}

/** The facts of `source` (oldest first) that match, in the order a query asks for. */
function* inOrder(source: readonly FeedbackFacts[], matches: (f: FeedbackFacts) => boolean, sort: FeedbackSort): Generator<FeedbackFacts> {
  switch (sort) {
    case 'newest':
      for (let i = source.length - 1; i >= 0; i--) if (matches(source[i]!)) yield source[i]!;
      return;
    case 'oldest':
      for (const facts of source) if (matches(facts)) yield facts;
      return;
    case 'due': {
      // Soonest due first, none last; ties newest first (a stable sort of the newest-first list).
      const dueMs = (f: FeedbackFacts) => f.dueMs ?? Infinity;
      yield* source
        .filter(matches)
        .reverse()
        .sort((a, b) => (dueMs(a) === dueMs(b) ? 0 : dueMs(a) - dueMs(b)));
    }
  }
}
