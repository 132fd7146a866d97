import { z } from 'zod';
import type { Store } from './store-port.js';
import { audit, type Actor, type AuditDetail } from './audit.js';
import { emailKey, parse } from './directory.js';
import { DomainError } from './errors.js';
import type { Official } from './model.js';
import { hashSecret, newSecret } from './secrets.js';
import { ID_PATTERN } from './validation.js';

export const LOGIN_KEY_TTL_MS = 15 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** `POST /api/admin/login-links`: whom an admin has a sign-in link emailed to. */
export const loginLinkFor = z.strictObject({ officialId: z.string().regex(ID_PATTERN).meta({ description: 'The official’s id: the link goes to their own address.' }) });

/** `POST /api/login-links`: self-service, by work email (contract/api.ts `LoginLinkRequest`). */
export const loginLinkRequest = z.object({
  email: z
    .string()
    .trim()
    .regex(/^[^\s@]{1,64}@[^\s@]{1,190}$/)
    .meta({ description: 'The work email address of the account.' }),
  next: z.string().optional().meta({ description: 'Where the mailed link lands after sign-in: a path on the dashboard (`/dashboard#feedback/ID`); anything else lands on `/dashboard`.' }),
});

/** The whom of an admin's sign-in link request. */
export function readLoginLinkFor(body: unknown): string {
  return parse(loginLinkFor, body).officialId;
}

/** A self-service request: `invalid_email` for anything that is not an email address at all. */
export function readLoginLinkRequest(body: unknown): z.output<typeof loginLinkRequest> {
  const result = loginLinkRequest.safeParse(body ?? {});
  if (result.success) return result.data;
  if (result.error.issues.every((issue) => issue.path[0] === 'next')) return parse(loginLinkRequest, body);
  throw new DomainError('invalid_input', 'invalid_email', 'Give your work email address.', { email: 'Give a valid email address.' });
}

/**
 * A one-time sign-in key for an active official, valid for 15 minutes, issued in `actor`'s
 * name and audited. Only its hash is stored.
 */
export async function issueLoginKey(
  store: Store,
  actor: Actor,
  officialId: string,
  now = new Date(),
  detail: AuditDetail = {},
): Promise<{ key: string; official: Official; expiresAt: string }> {
  const official = ID_PATTERN.test(officialId) ? await store.getOfficial(officialId) : undefined;
  if (!official) throw new DomainError('invalid_input', 'unknown_official', `There is no official "${officialId}".`);
  if (!official.active) throw new DomainError('conflict', 'inactive', `${official.name} is no longer active and cannot sign in.`);
  const key = newSecret();
  const expiresAt = new Date(now.getTime() + LOGIN_KEY_TTL_MS).toISOString();
  await store.saveLoginKey({
    keyHash: hashSecret(key),
    officialId: official.id,
    expiresAt,
    usedAt: null,
  });
  await audit(store, actor, 'login-link', { targetId: official.id }, detail);
  return { key, official, expiresAt };
}

/** Exchanges a login key for a new session: the secret goes into the cookie, its hash into the store. */
export async function signIn(store: Store, key: string, now = new Date()): Promise<{ sessionSecret: string; official: Official }> {
  const refused = new DomainError(
    'gone',
    'login_link_invalid',
    'This sign-in link has already been used or has expired. Ask for a new one.',
  );
  if (!ID_PATTERN.test(key)) throw refused;
  const used = await store.useLoginKey(hashSecret(key), now.toISOString());
  if (!used || Date.parse(used.expiresAt) < now.getTime()) throw refused;
  const official = await store.getOfficial(used.officialId);
  if (!official?.active) throw refused;
  return { sessionSecret: await openSession(store, official, now), official };
}

/**
 * The active official whose email this is (trimmed, case-insensitive, as the directory
 * compares them), or `undefined`: an unknown and an inactive person look alike to callers.
 */
export async function activeOfficialByEmail(store: Store, email: string): Promise<Official | undefined> {
  const key = emailKey(email);
  if (!key) return undefined;
  return (await store.listOfficials()).find((o) => o.active && emailKey(o.email) === key);
}

/**
 * A session for the active official whose verified email the city's identity provider
 * vouched for (single sign-on), audited; `undefined` when there is no such official, and
 * nothing is recorded then (the log would otherwise keep the stranger's sign-in attempt).
 */
export async function signInByVerifiedEmail(
  store: Store,
  email: string,
  now = new Date(),
): Promise<{ sessionSecret: string; official: Official } | undefined> {
  const official = await activeOfficialByEmail(store, email);
  if (!official) return undefined;
  const sessionSecret = await openSession(store, official, now);
  await audit(store, official, 'sign-in', { targetId: official.id }, { via: 'oidc' });
  return { sessionSecret, official };
}

/** A new session: the secret for the cookie, only its hash in the store. */
async function openSession(store: Store, official: Official, now: Date): Promise<string> {
  const sessionSecret = newSecret() + newSecret();
  await store.saveSession({
    idHash: hashSecret(sessionSecret),
    officialId: official.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  });
  return sessionSecret;
}

/** The official a session cookie belongs to, if the session is live and the person still active. */
export async function sessionOfficial(store: Store, secret: string, now = new Date()): Promise<Official | undefined> {
  const session = await store.getSession(hashSecret(secret));
  if (!session || Date.parse(session.expiresAt) < now.getTime()) return undefined;
  const official = await store.getOfficial(session.officialId);
  return official?.active ? official : undefined;
}

export async function signOut(store: Store, secret: string): Promise<void> {
  await store.deleteSession(hashSecret(secret));
}
