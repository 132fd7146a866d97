import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { auditFileShape, checkShape, directoryFileShape, sessionsFileShape } from './file-shapes.js';

/**
 * Copies a lowdb data directory to `target` while a server may be writing it. The store
 * never changes a file in place: each write renames a complete new file over the old, so
 * every file read here is whole. Directory and sessions are read first and feedback last,
 * so the copy never holds feedback routed to an official it lacks.
 */
export async function backupDataDirectory(dataDir: string, target: string): Promise<number> {
  await assertHoldsStore(dataDir);
  await mkdir(target, { recursive: true });
  let copied = 0;
  for (const [name, shape] of [
    ['directory.json', directoryFileShape],
    ['sessions.json', sessionsFileShape],
    ['audit.json', auditFileShape],
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
    const files = (await readdir(path.join(dataDir, folder)).catch(() => [] as string[])).filter((n) => /^\d{6}\.json$/.test(n));
    for (const name of files) {
      await copyFile(path.join(dataDir, folder, name), path.join(target, folder, name));
      copied++;
    }
  }
  return copied;
}

/** The store's own files: a directory holding none of them is not a data directory (a wrong SUORA_DATA_DIR). */
const STORE_ENTRIES = ['directory.json', 'sessions.json', 'audit.json', 'audit', 'feedback'];

/** Refuses, in one line, a data directory that is missing or holds no store: an empty backup is no backup. */
async function assertHoldsStore(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => undefined);
  if (entries === undefined) throw new Error(`No data directory at ${dataDir}: nothing was backed up. Check SUORA_DATA_DIR.`);
  if (!entries.some((name) => STORE_ENTRIES.includes(name))) {
    throw new Error(`${dataDir} holds no Suora data: nothing was backed up. Check SUORA_DATA_DIR.`);
  }
}
