import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface DirectoryLock {
  release(): Promise<void>;
}

/** Thrown when another live process holds the data directory. */
export class DirectoryLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${dataDir} is in use by another Suora process (pid ${pid}). ` +
        'Stop that process first, or point SUORA_DATA_DIR elsewhere. lowdb files must have a single writer.',
    );
    this.name = 'DirectoryLockedError';
  }
}

/**
 * Takes `suora.lock` in the data directory, holding this process's pid. A lock whose
 * process has died (a crash, kill -9) is taken over.
 */
export async function acquireDirectoryLock(dataDir: string): Promise<DirectoryLock> {
  const lockPath = path.join(dataDir, 'suora.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      const releaseOnExit = () => removeIfOurs(lockPath);
      process.once('exit', releaseOnExit);
      return {
        async release() {
          process.off('exit', releaseOnExit);
          if ((await readPid(lockPath)) === process.pid) await unlink(lockPath).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = await readPid(lockPath);
      if (pid !== undefined && isAlive(pid)) throw new DirectoryLockedError(dataDir, pid);
      await unlink(lockPath).catch(() => {});
    }
  }
  throw new Error(`Could not take the lock ${lockPath}.`);
}

async function readPid(lockPath: string): Promise<number | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfOurs(lockPath: string): void {
  try {
    if (Number.parseInt(readFileSync(lockPath, 'utf8'), 10) === process.pid) unlinkSync(lockPath);
  } catch {
    // Already gone.
  }
}
