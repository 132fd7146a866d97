import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { StoreUnavailableError } from '../../domain/store-port.js';

/** Why a folder cannot be written, by the error code the system gave. */
const WHY: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'may not be written by this process',
  EPERM: 'may not be written by this process',
  ENOENT: 'is missing',
  ENOTDIR: 'is not a folder',
};

/**
 * Throws StoreUnavailableError unless each of `folders` (relative to `dataDir`) is a folder
 * this process may write, on a file system with room left. Writes nothing: a probe file
 * would turn up in a backup copied meanwhile.
 */
export async function checkWritable(dataDir: string, folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    const where = path.join(dataDir, folder);
    const name = folder === '.' ? 'The data directory' : `The data directory's ${folder} folder`;
    try {
      if (!(await stat(where)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      await access(where, constants.W_OK);
    } catch (error) {
      const code = String((error as NodeJS.ErrnoException).code ?? 'error');
      throw new StoreUnavailableError(`${name} ${WHY[code] ?? 'cannot be written'} (${code}).`, { cause: error });
    }
  }
  // Some file systems count no blocks or inodes at all (btrfs's inodes, some network ones): 0 of 0 is not full.
  const { blocks, bavail, files, ffree } = await statfs(dataDir);
  const noSpace = blocks > 0 && bavail === 0;
  if (noSpace || (files > 0 && ffree === 0)) {
    throw new StoreUnavailableError(`The disk of the data directory is full (${noSpace ? 'no free space' : 'no free inodes'}).`);
  }
}
