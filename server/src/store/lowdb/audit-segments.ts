import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { AuditEntry } from '../../domain/model.js';
import type { PageRequest } from '../../domain/store-port.js';
import { auditFileShape } from './file-shapes.js';
import { removeTemporaryFiles } from './file-writer.js';
import { GroupCommitFile } from './group-commit-file.js';
import { readOlderFile, type OlderFile } from './older-file.js';

/** Entries per file. Only the last file grows; every earlier one holds exactly this many. */
export const AUDIT_FILE_SIZE = 1000;

/** Closed files kept parsed: the admin view reads the newest pages. */
const CACHED_FILES = 8;

interface AuditFile {
  entries: AuditEntry[];
}

/**
 * The audit log, append-only, in files of `AUDIT_FILE_SIZE` entries (`audit/000001.json`, …):
 * every staff read of a private item adds an entry, so over the years it grows to hundreds of
 * thousands, and a write touches only the last file. Start-up reads only that file; a page of
 * older entries reads the files it falls in.
 */
export class AuditSegments {
  readonly #dir: string;
  #closedFiles: number;
  #open: Low<AuditFile>;
  readonly #cached = new Map<number, AuditEntry[]>();
  readonly #readOnly: boolean;
  #older: OlderFile<AuditFile> | undefined;

  private constructor(dir: string, closedFiles: number, open: Low<AuditFile>, readOnly: boolean) {
    this.#dir = dir;
    this.#readOnly = readOnly;
    this.#closedFiles = closedFiles;
    this.#open = open;
  }

  static async open(dataDir: string, options: { readOnly?: boolean } = {}): Promise<AuditSegments> {
    const dir = path.join(dataDir, 'audit');
    await mkdir(dir, { recursive: true });
    const files = await readdir(dir);
    if (!options.readOnly) await removeTemporaryFiles(dir, files);
    const names = files.filter((n) => /^\d{6}\.json$/.test(n)).sort();
    const closedFiles = Math.max(0, names.length - 1);
    const open = newFile(dir, closedFiles);
    await open.read();
    const log = new AuditSegments(dir, closedFiles, open, options.readOnly ?? false);
    log.#older = await readOlderFile<AuditFile>(dataDir, 'audit.json', auditFileShape, log.#readOnly);
    return log;
  }

  get total(): number {
    return this.#closedFiles * AUDIT_FILE_SIZE + this.#open.data.entries.length;
  }

  async add(entry: AuditEntry): Promise<void> {
    if (this.#open.data.entries.length >= AUDIT_FILE_SIZE) {
      this.#cached.set(this.#closedFiles, this.#open.data.entries);
      this.#closedFiles++;
      this.#open = newFile(this.#dir, this.#closedFiles);
    }
    const entries = this.#open.data.entries;
    const stored = Object.freeze({ ...entry });
    entries.push(stored);
    try {
      await this.#open.write();
    } catch (error) {
      // Not on disk: forget it before a later write could save it unacknowledged.
      entries.splice(entries.lastIndexOf(stored), 1);
      throw error;
    }
  }

  /** Newest first. */
  async page(page: PageRequest = {}): Promise<AuditEntry[]> {
    const newest = this.total - 1 - (page.offset ?? 0);
    const oldest = Math.max(0, newest - (page.limit ?? this.total) + 1);
    const items: AuditEntry[] = [];
    for (let index = newest; index >= oldest; index--) {
      // The last file may hold more (a log imported read-only): whatever is past the closed ones is in it.
      const file = Math.min(Math.floor(index / AUDIT_FILE_SIZE), this.#closedFiles);
      items.push((await this.#entriesOf(file))[index - file * AUDIT_FILE_SIZE]!);
    }
    return items;
  }

  async #entriesOf(file: number): Promise<AuditEntry[]> {
    if (file === this.#closedFiles) return this.#open.data.entries;
    let entries = this.#cached.get(file);
    if (!entries) {
      const low = newFile(this.#dir, file);
      await low.read();
      entries = low.data.entries;
      if (entries.length !== AUDIT_FILE_SIZE) throw new Error(`${fileName(file)} holds ${entries.length} audit entries, not ${AUDIT_FILE_SIZE}.`);
    }
    // Most recently used last; the oldest read goes first.
    this.#cached.delete(file);
    this.#cached.set(file, entries);
    if (this.#cached.size > CACHED_FILES) this.#cached.delete(this.#cached.keys().next().value!);
    return entries;
  }

  /** Converts an older audit.json read at open into files, then removes it (read-only: reads it as it is). */
  async takeOlderFile(): Promise<void> {
    const older = this.#older;
    this.#older = undefined;
    if (!older || this.total > 0) return;
    if (this.#readOnly) {
      // Read as it is; the server converts it the next time it opens the directory.
      this.#open = new Low(older.adapter, older.data);
      return;
    }
    for (let start = 0; start < older.data.entries.length; start += AUDIT_FILE_SIZE) {
      this.#closedFiles = start / AUDIT_FILE_SIZE;
      this.#open = newFile(this.#dir, this.#closedFiles);
      this.#open.data.entries = older.data.entries.slice(start, start + AUDIT_FILE_SIZE);
      await this.#open.write();
    }
    await rm(older.file);
  }
}

function fileName(file: number): string {
  return `${String(file + 1).padStart(6, '0')}.json`;
}

function newFile(dir: string, file: number): Low<AuditFile> {
  return new Low<AuditFile>(new GroupCommitFile(path.join(dir, fileName(file)), { shape: auditFileShape }), { entries: [] });
}
