import { API_KEY_NAME } from '../../../contract/audit-detail.js';
import { audit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope } from './model.js';
import { hashSecret, newTypableId } from './secrets.js';
import type { Store } from './store-port.js';

/** How often a key's `lastUsedAt` is written at most: a busy client would otherwise write on every request. */
const LAST_USED_PRECISION_MS = 60_000;

/** A key as lists show it: everything but its hash. */
export type ApiKeyView = Omit<ApiKey, 'keyHash'>;

/**
 * A new key for a machine client: 21 nanoid characters (126 random bits) that never begin
 * with `-` or `_`, so that it can be typed at a command line. Returned once; the store keeps
 * only its hash. Audited in `actor`'s name with the key's name.
 */
export async function createApiKey(
  store: Store,
  actor: Actor,
  input: { name: string; scope: string },
  now = new Date(),
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const name = input.name.trim();
  if (!API_KEY_NAME.test(name)) {
    throw new DomainError('invalid_input', 'invalid_key_name', `An API key's name is 1–40 letters, digits, dots, dashes or underscores, beginning with a letter or digit, such as lahti-piste; not "${name}".`);
  }
  if (!(API_KEY_SCOPES as readonly string[]).includes(input.scope)) {
    throw new DomainError('invalid_input', 'invalid_scope', `The scope is ${API_KEY_SCOPES.join(' or ')}, not "${input.scope}".`);
  }
  if ((await store.listApiKeys()).some((k) => k.name.toLowerCase() === name.toLowerCase())) {
    throw new DomainError('conflict', 'key_name_taken', `There is already an API key named ${name} (revoked ones keep their names, so that the audit log stays unambiguous).`);
  }
  const key = newTypableId();
  const apiKey: ApiKey = {
    id: newTypableId(10),
    name,
    scope: input.scope as ApiKeyScope,
    keyHash: hashSecret(key),
    createdAt: now.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.saveApiKey(apiKey);
  await audit(store, actor, 'api-key-create', { targetId: apiKey.id }, { apiKey: name });
  return { key, apiKey: viewOf(apiKey) };
}

/** Every key, oldest first, without hashes. */
export async function listApiKeys(store: Store): Promise<ApiKeyView[]> {
  return (await store.listApiKeys()).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(viewOf);
}

/** Stops a key at once, by its name (any case) or id; revoking a revoked key changes nothing. Audited. */
export async function revokeApiKey(store: Store, actor: Actor, nameOrId: string, now = new Date()): Promise<ApiKeyView> {
  const key = (await store.listApiKeys()).find((k) => k.id === nameOrId || k.name.toLowerCase() === nameOrId.toLowerCase());
  if (!key) throw new DomainError('not_found', 'unknown_api_key', `There is no API key named or with the id "${nameOrId}".`);
  if (key.revokedAt) return viewOf(key);
  const revoked = { ...key, revokedAt: now.toISOString() };
  await store.saveApiKey(revoked);
  await audit(store, actor, 'api-key-revoke', { targetId: key.id }, { apiKey: key.name });
  return viewOf(revoked);
}

/**
 * The stored key a client sent, revoked or not (undefined: no such key); its use is
 * recorded. Only well-formed keys are looked up.
 */
export async function findApiKey(store: Store, key: string, now = new Date()): Promise<ApiKey | undefined> {
  if (!/^[A-Za-z0-9_-]{21}$/.test(key)) return undefined;
  const found = await store.getApiKeyByHash(hashSecret(key));
  if (!found || found.revokedAt) return found;
  if (found.lastUsedAt === null || now.getTime() - Date.parse(found.lastUsedAt) >= LAST_USED_PRECISION_MS) {
    const used = { ...found, lastUsedAt: now.toISOString() };
    await store.saveApiKey(used);
    return used;
  }
  return found;
}

function viewOf({ keyHash: _hash, ...key }: ApiKey): ApiKeyView {
  return key;
}
