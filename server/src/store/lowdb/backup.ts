import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { auditFileShape, checkShape, directoryFileShape, sessionsFileShape } from './file-shapes.js';
import { integrationsShape } from './integrations-file.js';
import { mailQueueFileShape } from './mail-queue-file.js';
import { smsQueueFileShape } from './sms-queue-file.js';

/**
 * Copies a lowdb data directory to `target` while a server may be writing it. The store
 * never changes a file in place: each write renames a complete new file over the old, so
 * every file read here is whole. Directory and sessions are read first and feedback last,
 * so the copy never holds feedback routed to an official it lacks. The segments' facts
 * caches and the aggregates are copied too, so that the restored store starts from them.
 */
export async function backupDataDirectory(dataDir: string, target: string): Promise<number> {
  await assertHoldsStore(dataDir);
  await assertEmpty(target);
  await mkdir(target, { recursive: true });
  let copied = 0;
  for (const [name, shape] of [
    ['directory.json', directoryFileShape],
    ['sessions.json', sessionsFileShape],
    ['audit.json', auditFileShape],
    // API keys, the SMS quiet periods and the server's keys; the mail and SMS not yet sent.
    ['integrations.json', integrationsShape],
    ['mail-queue.json', mailQueueFileShape],
    ['sms-queue.json', smsQueueFileShape],
  ] as const) {
    const text = await readFile(path.join(dataDir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    checkShape(path.join(dataDir, name), shape, JSON.parse(text)); // a damaged file is not a backup
    await writeFile(path.join(target, name), text);
    copied++;
  }
  // Audit files after directory and sessions, feedback last; every file is whole (see above).
  for (const folder of ['audit', 'feedback']) {
    await mkdir(path.join(target, folder), { recursive: true });
    const listed = await readdir(path.join(dataDir, folder)).catch(() => [] as string[]);
    const files = listed.filter((n) => /^\d{6}\.json$/.test(n));
    for (const name of files) {
      await copyFile(path.join(dataDir, folder, name), path.join(target, folder, name));
      copied++;
    }
    if (folder === 'feedback') copied += await copyDerived(path.join(dataDir, folder), path.join(target, folder), listed, files);
  }
  return copied;
}

/**
 * Copies the facts caches of the segments copied, and the aggregates, as they are: in any
 * order against the segments, and while the server writes. Each names the segment versions
 * it was made from (their revisions and sizes), and start-up uses it only for those very
 * versions: one made from an older or a newer version than the segment copied, or damaged,
 * is passed over, that segment read, and the cache made anew. A cache removed meanwhile (its
 * segment was being written) is not copied. A cache whose segment is not copied would stop
 * start-up (see segment-checks.ts), so there is none.
 */
async function copyDerived(from: string, to: string, listed: readonly string[], segments: readonly string[]): Promise<number> {
  const copiedSegments = new Set(segments);
  const derived = listed.filter((n) => n === 'aggregates.json' || (/^\d{6}\.facts\.json$/.test(n) && copiedSegments.has(n.replace('.facts', ''))));
  let copied = 0;
  for (const name of derived) {
    const done = await copyFile(path.join(from, name), path.join(to, name)).then(
      () => true,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
    );
    if (done) copied++;
  }
  return copied;
}

/** The store's own files: a directory holding none of them is not a data directory (a wrong SUORA_DATA_DIR). */
const STORE_ENTRIES = ['directory.json', 'sessions.json', 'audit.json', 'audit', 'feedback', 'integrations.json', 'mail-queue.json', 'sms-queue.json'];

/** Refuses, in one line, a data directory that is missing or holds no store: an empty backup is no backup. */
async function assertHoldsStore(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => undefined);
  if (entries === undefined) throw new Error(`No data directory at ${dataDir}: nothing was backed up. Check SUORA_DATA_DIR.`);
  if (!entries.some((name) => STORE_ENTRIES.includes(name))) {
    throw new Error(`${dataDir} holds no Suora data: nothing was backed up. Check SUORA_DATA_DIR.`);
  }
}

/** Refuses a target that holds anything: files of an older backup left beside the new ones would make a copy that does not start. */
async function assertEmpty(target: string): Promise<void> {
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  if (entries.length > 0) throw new Error(`${target} is not empty: back up into a new or empty directory (nothing was copied).`);
}
