import type { Config } from '../config.js';
import { LowdbStore } from './lowdb/lowdb-store.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Store } from '../domain/store-port.js';

/** The store the configuration asks for: PostgreSQL with DATABASE_URL, else lowdb files. */
export async function openStore(config: Config, options: { readOnly?: boolean } = {}): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl, { timeZone: config.timeZone });
  return LowdbStore.open(config.dataDir, { ...options, timeZone: config.timeZone });
}
