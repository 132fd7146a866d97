import type { Config } from '../config.js';
import { LowdbStore } from './lowdb/lowdb-store.js';
import type { Store } from './store.js';

/** The store the configuration asks for. */
export async function openStore(config: Config, options: { readOnly?: boolean } = {}): Promise<Store> {
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set, but this version of Suora keeps its data in lowdb files only. Unset it.');
  }
  return LowdbStore.open(config.dataDir, options);
}
