import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { apiKeyShape } from '../../domain/model-shapes.js';
import type { ApiKey } from '../../domain/model.js';
import { GroupCommitFile } from './group-commit-file.js';

/** `integrations.json`: what machine clients need (API keys), the SMS quiet period's hashes, the server's keys. */
interface IntegrationsData {
  apiKeys: ApiKey[];
  /** Keyed hash of a phone number → when its last SMS survey was asked for. */
  smsQuiet: Record<string, string>;
  serverKeys: Record<string, string>;
}

export const integrationsShape = z.object({
  apiKeys: z.array(apiKeyShape),
  smsQuiet: z.record(z.string(), z.string()),
  serverKeys: z.record(z.string(), z.string()),
});

/** The lowdb store's part for integrations, in a file of its own so that a client's use never rewrites the directory. */
export class IntegrationsFile {
  private constructor(private readonly file: Low<IntegrationsData>) {}

  static async open(dataDir: string): Promise<IntegrationsFile> {
    const file = new Low<IntegrationsData>(new GroupCommitFile(path.join(dataDir, 'integrations.json'), { shape: integrationsShape }), {
      apiKeys: [],
      smsQuiet: {},
      serverKeys: {},
    });
    await file.read();
    // Keys written before the dashboard could make them were made at the command line.
    file.data.apiKeys = file.data.apiKeys.map((k) => ({ ...k, createdBy: k.createdBy ?? null }));
    return new IntegrationsFile(file);
  }

  listApiKeys(): ApiKey[] {
    return [...this.file.data.apiKeys];
  }

  apiKeyByHash(keyHash: string): ApiKey | undefined {
    return this.file.data.apiKeys.find((k) => k.keyHash === keyHash);
  }

  async saveApiKey(key: ApiKey): Promise<void> {
    const keys = this.file.data.apiKeys;
    const stored = Object.freeze(structuredClone(key));
    const index = keys.findIndex((k) => k.id === key.id);
    const previous = keys[index];
    if (index >= 0) keys[index] = stored;
    else keys.push(stored);
    await this.#write(() => {
      const now = keys.findIndex((k) => k.id === key.id);
      if (previous) keys[now] = previous;
      else keys.splice(now, 1);
    });
  }

  async claimSmsQuietPeriod(numberHash: string, at: string, since: string): Promise<boolean> {
    const quiet = this.file.data.smsQuiet;
    const last = quiet[numberHash];
    if (last !== undefined && last >= since) return false;
    const before = { ...quiet };
    for (const [hash, time] of Object.entries(quiet)) if (time < since) delete quiet[hash];
    quiet[numberHash] = at;
    await this.#write(() => (this.file.data.smsQuiet = before));
    return true;
  }

  hasSmsQuietPeriod(numberHash: string): boolean {
    return this.file.data.smsQuiet[numberHash] !== undefined;
  }

  async deleteSmsQuietPeriod(numberHash: string): Promise<boolean> {
    const quiet = this.file.data.smsQuiet;
    const last = quiet[numberHash];
    if (last === undefined) return false;
    delete quiet[numberHash];
    await this.#write(() => (quiet[numberHash] = last));
    return true;
  }

  async serverKey(name: string): Promise<string> {
    const keys = this.file.data.serverKeys;
    if (keys[name] === undefined) {
      keys[name] = randomBytes(32).toString('base64url');
      await this.#write(() => delete keys[name]);
    }
    return keys[name]!;
  }

  /** Writes the file; on failure undoes the change in memory, so memory never holds what the file does not. */
  async #write(undo: () => void): Promise<void> {
    try {
      await this.file.write();
    } catch (error) {
      undo();
      throw error;
    }
  }
}
