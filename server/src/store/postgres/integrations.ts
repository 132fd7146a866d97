import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { ApiKey, ApiKeyScope } from '../../domain/model.js';

type Query = <R extends pg.QueryResultRow = any>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/** The PostgreSQL store's part for integrations: API keys, the SMS quiet period, the server's keys. */
export class PostgresIntegrations {
  /** Server keys never change once made: read once per process. */
  readonly #serverKeys = new Map<string, string>();

  constructor(private readonly query: Query) {}

  async listApiKeys(): Promise<ApiKey[]> {
    const { rows } = await this.query('SELECT * FROM api_keys ORDER BY created_at, id');
    return rows.map(toApiKey);
  }

  async getApiKeyByHash(keyHash: string): Promise<ApiKey | undefined> {
    const { rows } = await this.query('SELECT * FROM api_keys WHERE key_hash = $1', [keyHash]);
    return rows[0] && toApiKey(rows[0]);
  }

  async saveApiKey(k: ApiKey): Promise<void> {
    await this.query(
      `INSERT INTO api_keys (id, name, scope, key_hash, created_at, last_used_at, revoked_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = $2, scope = $3, key_hash = $4, created_at = $5, last_used_at = $6, revoked_at = $7, created_by = $8`,
      [k.id, k.name, k.scope, k.keyHash, k.createdAt, k.lastUsedAt, k.revokedAt, k.createdBy],
    );
  }

  async claimSmsQuietPeriod(numberHash: string, at: string, since: string): Promise<boolean> {
    // One statement: a second request for the number waits on the first's row, then sees its time.
    const { rowCount } = await this.query(
      `WITH expired AS (DELETE FROM sms_quiet WHERE sent_at < $3 AND number_hash <> $1)
       INSERT INTO sms_quiet (number_hash, sent_at) VALUES ($1, $2)
       ON CONFLICT (number_hash) DO UPDATE SET sent_at = $2 WHERE sms_quiet.sent_at < $3
       RETURNING number_hash`,
      [numberHash, at, since],
    );
    return rowCount === 1;
  }

  async hasSmsQuietPeriod(numberHash: string): Promise<boolean> {
    const { rowCount } = await this.query('SELECT 1 FROM sms_quiet WHERE number_hash = $1', [numberHash]);
    return (rowCount ?? 0) > 0;
  }

  async deleteSmsQuietPeriod(numberHash: string): Promise<boolean> {
    const { rowCount } = await this.query('DELETE FROM sms_quiet WHERE number_hash = $1', [numberHash]);
    return (rowCount ?? 0) > 0;
  }

  async serverKey(name: string): Promise<string> {
    let key = this.#serverKeys.get(name);
    if (key === undefined) {
      // Whichever process asks first makes it; every other one reads that one.
      await this.query('INSERT INTO server_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
      const { rows } = await this.query<{ key: string }>('SELECT key FROM server_keys WHERE name = $1', [name]);
      key = rows[0]!.key;
      this.#serverKeys.set(name, key);
    }
    return key;
  }
}

function toApiKey(r: Record<string, any>): ApiKey {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope as ApiKeyScope,
    keyHash: r.key_hash,
    createdAt: (r.created_at as Date).toISOString(),
    createdBy: r.created_by ?? null,
    lastUsedAt: r.last_used_at ? (r.last_used_at as Date).toISOString() : null,
    revokedAt: r.revoked_at ? (r.revoked_at as Date).toISOString() : null,
  };
}
