import { z } from 'zod';
import type { AdminApiKey } from '../../../contract/api.js';
import { API_KEY_NAME } from '../../../contract/audit-detail.js';
import { audit, type Actor } from './audit.js';
import { localDay } from './city-time.js';
import { DomainError } from './errors.js';
import { API_KEY_SCOPES, type ApiKey } from './model.js';
import { hashSecret, newTypableId } from './secrets.js';
import type { Store } from './store-port.js';

/** How often a key's `lastUsedAt` is written at most: a busy client would otherwise write on every request. */
const LAST_USED_PRECISION_MS = 60_000;

/** A key as lists show it: everything but its hash. */
export type ApiKeyView = Omit<ApiKey, 'keyHash'>;

const nameRule = 'An API key’s name is 1–40 letters, digits, dots, dashes or underscores, beginning with a letter or digit, such as lahti-piste';

/** What a new key needs (the command line's flags, the admin API's body). */
export const apiKeyInput = z.strictObject({
  name: z
    .string({ error: `${nameRule}.` })
    .trim()
    .regex(API_KEY_NAME, { error: (issue) => `${nameRule}; not "${String(issue.input)}".` })
    .meta({ description: 'Unique (compared case-insensitively, revoked keys included); it names the client in the audit log.' }),
  scope: z
    .enum(API_KEY_SCOPES, { error: (issue) => `The scope is ${API_KEY_SCOPES.join(' or ')}, not "${String(issue.input)}".` })
    .meta({ description: '`sms-surveys`: may ask for SMS surveys; `open311`: reads Open311 without its rate limit.' }),
});

/**
 * A new key for a machine client: 21 nanoid characters (126 random bits) that never begin
 * with `-` or `_`, so that it can be typed at a command line. Returned once; the store keeps
 * only its hash. Audited in `actor`'s name with the key's name.
 */
export async function createApiKey(
  store: Store,
  actor: Actor,
  input: unknown,
  now = new Date(),
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const { name, scope } = parseInput(input);
  const nameTaken = async () => (await store.listApiKeys()).some((k) => k.name.toLowerCase() === name.toLowerCase());
  const refuseTaken = () => {
    throw new DomainError('conflict', 'key_name_taken', `There is already an API key named ${name} (revoked ones keep their names, so that the audit log stays unambiguous).`);
  };
  if (await nameTaken()) refuseTaken();
  const key = newTypableId();
  const apiKey: ApiKey = {
    id: newTypableId(10),
    name,
    scope,
    keyHash: hashSecret(key),
    createdAt: now.toISOString(),
    createdBy: typeof actor === 'string' ? null : actor.id,
    lastUsedAt: null,
    revokedAt: null,
  };
  try {
    await store.saveApiKey(apiKey);
  } catch (error) {
    // Two admins with the same name at once: PostgreSQL's unique index refuses the second.
    if (await nameTaken()) refuseTaken();
    throw error;
  }
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
 *
 * A live key's first use on each of the city's days goes into the audit log by the key's
 * name (`api-key-use`). Not one entry per request: an Open311 client reads every few
 * seconds and would bury the log's other entries; a day says who read and when, and
 * `lastUsedAt` says the last time. What a key changes is audited per request where it is
 * done (each SMS survey, as `sms-survey`). Two processes behind a load balancer may both
 * see a key's first use of a day: then that day has two entries, never none.
 */
export async function findApiKey(store: Store, key: string, timeZone: string, now = new Date()): Promise<ApiKey | undefined> {
  if (!/^[A-Za-z0-9_-]{21}$/.test(key)) return undefined;
  const found = await store.getApiKeyByHash(hashSecret(key));
  if (!found || found.revokedAt) return found;
  const lastUsed = found.lastUsedAt === null ? undefined : Date.parse(found.lastUsedAt);
  const newDay = lastUsed === undefined || localDay(lastUsed, timeZone) !== localDay(now.getTime(), timeZone);
  if (!newDay && now.getTime() - lastUsed! < LAST_USED_PRECISION_MS) return found;
  const used = { ...found, lastUsedAt: now.toISOString() };
  await store.saveApiKey(used);
  if (newDay) await audit(store, 'server', 'api-key-use', { targetId: found.id }, { apiKey: found.name });
  return used;
}

/** Every key, oldest first, without hashes. */
export async function listApiKeysForAdmins(store: Store): Promise<AdminApiKey[]> {
  const officials = new Map((await store.listOfficials()).map((o) => [o.id, o.name]));
  return (await listApiKeys(store)).map(({ createdBy, ...key }) => ({
    ...key,
    createdBy: createdBy === null ? null : { id: createdBy, name: officials.get(createdBy) ?? createdBy },
  }));
}

/** The input checked, with codes a client can tell apart: `invalid_key_name`, `invalid_scope`. */
function parseInput(input: unknown): z.output<typeof apiKeyInput> {
  const result = apiKeyInput.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '(input)');
  const code = field === 'name' ? 'invalid_key_name' : field === 'scope' ? 'invalid_scope' : 'invalid_input';
  throw new DomainError('invalid_input', code, issue.message, Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(input)', i.message])));
}

function viewOf({ keyHash: _hash, ...key }: ApiKey): ApiKeyView {
  return key;
}
