import type { Store } from '../store/store.js';
import { RequestError } from './errors.js';
import type { Official } from './model.js';
import { hashSecret, newSecret } from './secrets.js';
import { ID_PATTERN } from './validation.js';

export const LOGIN_KEY_TTL_MS = 15 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** A one-time sign-in key for an official, valid for 15 minutes. Only its hash is stored. */
export async function issueLoginKey(store: Store, officialId: string, now = new Date()): Promise<{ key: string; official: Official }> {
  const official = ID_PATTERN.test(officialId) ? await store.getOfficial(officialId) : undefined;
  if (!official) throw new RequestError(400, 'unknown_official', `There is no official "${officialId}".`);
  const key = newSecret();
  await store.saveLoginKey({
    keyHash: hashSecret(key),
    officialId: official.id,
    expiresAt: new Date(now.getTime() + LOGIN_KEY_TTL_MS).toISOString(),
    usedAt: null,
  });
  return { key, official };
}

/** Exchanges a login key for a new session: the secret goes into the cookie, its hash into the store. */
export async function signIn(store: Store, key: string, now = new Date()): Promise<{ sessionSecret: string; official: Official }> {
  const refused = new RequestError(
    410,
    'login_link_invalid',
    'This sign-in link has already been used or has expired. Ask for a new one.',
  );
  if (!ID_PATTERN.test(key)) throw refused;
  const used = await store.useLoginKey(hashSecret(key), now.toISOString());
  if (!used || Date.parse(used.expiresAt) < now.getTime()) throw refused;
  const official = await store.getOfficial(used.officialId);
  if (!official) throw refused;
  const sessionSecret = newSecret() + newSecret();
  await store.saveSession({
    idHash: hashSecret(sessionSecret),
    officialId: official.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  });
  return { sessionSecret, official };
}

/** The official a session cookie belongs to, if the session is live. */
export async function sessionOfficial(store: Store, secret: string, now = new Date()): Promise<Official | undefined> {
  const session = await store.getSession(hashSecret(secret));
  if (!session || Date.parse(session.expiresAt) < now.getTime()) return undefined;
  return store.getOfficial(session.officialId);
}

export async function signOut(store: Store, secret: string): Promise<void> {
  await store.deleteSession(hashSecret(secret));
}
