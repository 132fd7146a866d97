import { startPostgres } from './postgres.js';
import { startTestServer, type TestServer } from './test-server.js';

/** The stores an HTTP suite runs on when what it tests is kept in storage. */
export const STORES = ['lowdb', 'PostgreSQL'] as const;
export type StoreKind = (typeof STORES)[number];

/** A test server over a fresh store of the kind: a lowdb directory, or a throwaway PostgreSQL cluster stopped on close. */
export async function startTestServerOn(kind: StoreKind): Promise<TestServer> {
  if (kind === 'lowdb') return startTestServer();
  const database = await startPostgres();
  const server = await startTestServer({ databaseUrl: database.url });
  return {
    ...server,
    async close() {
      await server.close();
      await database.stop();
    },
  };
}
