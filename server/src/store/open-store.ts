import type { Config } from '../config.js';
import { LowdbStore } from './lowdb/lowdb-store.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Store } from '../domain/store-port.js';
import type { Logger } from '../observability/logger.js';

/** The store the configuration asks for: PostgreSQL with DATABASE_URL, else lowdb files. */
export async function openStore(config: Config, options: { readOnly?: boolean; log?: Logger } = {}): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl, { log: options.log });
  return LowdbStore.open(config.dataDir, options);
}
