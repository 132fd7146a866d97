import type { Config } from '../config.js';
import { LowdbStore } from './lowdb/lowdb-store.js';
import type { Store } from '../domain/store-port.js';
import type { Logger } from '../observability/logger.js';

/** Errors of the file system itself: the data directory is not one Suora can use. Damaged files have messages of their own. */
const UNUSABLE_DIRECTORY = new Set(['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ELOOP', 'ENAMETOOLONG']);

/**
 * The store the configuration asks for: PostgreSQL with DATABASE_URL, else lowdb files.
 * When the place it names cannot be used, the error names the variable, so that start-up
 * says which setting to look at.
 */
export async function openStore(config: Config, options: { readOnly?: boolean; log?: Logger } = {}): Promise<Store> {
  if (config.databaseUrl) {
    // Loaded only for PostgreSQL: a lowdb server starts without pg.
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    return PostgresStore.open(config.databaseUrl, { timeZone: config.timeZone, log: options.log }).catch((error: Error) => {
      throw new Error(`DATABASE_URL: PostgreSQL at ${whereIs(config.databaseUrl!)} cannot be used: ${error.message}`, { cause: error });
    });
  }
  return LowdbStore.open(config.dataDir, { ...options, timeZone: config.timeZone }).catch((error: NodeJS.ErrnoException) => {
    if (!error.code || !UNUSABLE_DIRECTORY.has(error.code)) throw error;
    throw new Error(`SUORA_DATA_DIR must be a directory Suora can create and write; ${config.dataDir} is not (${error.message}).`, { cause: error });
  });
}

/** Host, port and database of a DATABASE_URL, never its password. */
function whereIs(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname || 'the local socket'}${url.port ? `:${url.port}` : ''}${url.pathname.length > 1 ? url.pathname : ''}`;
}
