import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from '../../server/src/app.js';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { seedTestCity } from './test-city.js';

export interface TestServer {
  url: string;
  store: LowdbStore;
  dataDir: string;
  close(): Promise<void>;
}

/** A real Suora server on 127.0.0.1 and a free port, over a fresh lowdb data directory. */
export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'suora-test-'));
  const store = await LowdbStore.open(dataDir);
  await seedTestCity(store);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', createApp(store, { publicUrl: url, allowedOrigins: [], rateLimit: 'off', ...options }));
  return {
    url,
    store,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs `body` as JSON (or as given, when a string) and returns the status and parsed answer. */
export async function postFeedback(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${url}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}
