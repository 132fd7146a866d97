import type { Request, RequestHandler, Response } from 'express';
import { findApiKey } from '../domain/api-keys.js';
import type { ApiKey, ApiKeyScope } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { HttpError } from './http-error.js';

/** The key each request was let in with. */
const keys = new WeakMap<Request, ApiKey>();

/** The API key a request was let in with by `requireApiKey` or `acceptApiKey`; undefined: none. */
export function apiKeyOf(req: Request): ApiKey | undefined {
  return keys.get(req);
}

/** Whether the request carries `Authorization` at all (a machine client, not a browser session). */
export function sendsAuthorization(req: Request): boolean {
  return req.get('authorization') !== undefined;
}

/**
 * Lets through only a request with a live key of `scope` in `Authorization: Bearer KEY`:
 * 401 when it has none, an unknown or a revoked one; 403 when the key is for another
 * scope. Its use is recorded (`findApiKey`: on the city's days in `timeZone`). Machine clients are not browsers: the session's same-origin rule does not apply,
 * and such a request has no session (`loadSession` skips requests with `Authorization`).
 */
export function requireApiKey(store: Store, scope: ApiKeyScope, timeZone: string): RequestHandler {
  return async (req, res, next) => {
    if (!sendsAuthorization(req)) {
      res.set('WWW-Authenticate', 'Bearer');
      next(new HttpError(401, 'api_key_missing', `This needs an API key of scope ${scope}, sent as "Authorization: Bearer KEY". An admin creates one in the dashboard (Administration, API keys) or with: suora api-key create --name NAME --scope ${scope}`));
      return;
    }
    next(refused(res, await checked(store, req, scope, timeZone)));
  };
}

/**
 * For routes open to everyone that give more to a key's holder (Open311's rate limit): a
 * request without `Authorization` passes as it is; one with it is checked as by
 * `requireApiKey`, so that a client whose key is wrong hears so instead of being limited.
 */
export function acceptApiKey(store: Store, scope: ApiKeyScope, timeZone: string): RequestHandler {
  return async (req, res, next) => {
    if (!sendsAuthorization(req)) next();
    else next(refused(res, await checked(store, req, scope, timeZone)));
  };
}

/** A 401 tells the client how to authenticate (RFC 6750). */
function refused(res: Response, error: HttpError | undefined): HttpError | undefined {
  if (error?.status === 401) res.set('WWW-Authenticate', 'Bearer');
  return error;
}

async function checked(store: Store, req: Request, scope: ApiKeyScope, timeZone: string): Promise<HttpError | undefined> {
  const match = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '');
  if (!match) {
    return new HttpError(401, 'api_key_malformed', 'Send the API key as "Authorization: Bearer KEY", with nothing else in that header.');
  }
  const key = await findApiKey(store, match[1]!, timeZone);
  if (!key) return new HttpError(401, 'api_key_unknown', 'This API key is not known here. Check that it was copied whole; an admin sees the keys in the dashboard (Administration, API keys) or with: suora api-key list');
  if (key.revokedAt) return new HttpError(401, 'api_key_revoked', `The API key ${key.name} was revoked. Ask an admin for a new one.`);
  if (key.scope !== scope) {
    return new HttpError(403, 'api_key_scope', `The API key ${key.name} is for ${key.scope}, not for ${scope}. Ask an admin for a key of scope ${scope}.`);
  }
  keys.set(req, key);
  return undefined;
}
