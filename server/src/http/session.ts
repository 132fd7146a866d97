import type { Request, RequestHandler, Response } from 'express';
import { sessionOfficial } from '../domain/auth.js';
import { HttpError } from './http-error.js';
import { HANDLING_ROLES, type Official, type Role } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { ownOrigin } from './own-origin.js';
import { sendsAuthorization } from './api-key.js';

export const SESSION_COOKIE = 'suora_session';

/**
 * Reads the session cookie into `res.locals.official`, for requests from Suora's own pages
 * only (`fromOwnPages`): a link, form, image or script on another site, even another
 * subdomain of the city's, reaches Suora with the cookie (SameSite=Lax lets top-level
 * links and same-site requests through), so the cookie alone must not act in anyone's name.
 * Such a request is treated as signed out; `requireRole` tells it why. So is one with
 * `Authorization` (an API key: see api-key.ts).
 */
export function loadSession(store: Store, publicUrl: string): RequestHandler {
  return async (req, res, next) => {
    // A machine client (API key) has no session powers, whatever cookie it sends.
    if (sendsAuthorization(req)) return next();
    const secret = sessionSecret(req);
    if (secret && fromOwnPages(req, publicUrl)) res.locals.official = await sessionOfficial(store, secret);
    else if (secret) res.locals.notOwnPage = true;
    next();
  };
}

/** What our session secrets are made of (two nanoids); anything else is no session. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The session cookie's value, if it looks like one of our secrets. Taken as sent: our
 * secrets need no percent-decoding, and a client's broken encoding (`%`) is no session
 * rather than an error.
 */
export function sessionSecret(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE && SECRET_PATTERN.test(value.join('='))) return value.join('=');
  }
  return undefined;
}

/** The header the dashboard's own API client sends (widget/src/dashboard/api.ts). */
export const DASHBOARD_HEADER = 'X-Suora-Dashboard';

/**
 * Whether a request comes from Suora's own pages, as far as the browser can tell us:
 * - `Sec-Fetch-Site` (every current browser sends it, and no page can change it): only
 *   `same-origin` counts. `same-site` is another subdomain; `cross-site` another site;
 *   `none` is a typed address or bookmark, but also a link opened from another program
 *   (a desktop mail client, a chat, a PDF), which a stranger can send; the dashboard
 *   never needs it.
 * - Without it (an older browser, or a program): `Origin` naming Suora, which browsers send
 *   with every change; or the dashboard's own header, which a page on another site can only
 *   send after a CORS preflight that Suora refuses (its staff routes answer no preflight, and
 *   the public API's allows `Content-Type` only). A request with neither (a link followed
 *   in an older browser) does not count.
 * `Origin: null` (a form posted under Referrer-Policy: no-referrer) is not Suora either.
 */
export function fromOwnPages(req: Request, publicUrl: string): boolean {
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite !== undefined) return fetchSite === 'same-origin';
  const origin = req.get('origin');
  if (origin !== undefined) return origin === publicUrl || origin === ownOrigin(req);
  return req.get(DASHBOARD_HEADER) !== undefined;
}

export function setSessionCookie(res: Response, secret: string, secure: boolean, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

/** The signed-in official; only after `requireRole`. */
export function signedIn(res: Response): Official {
  return res.locals.official as Official;
}

/** 401 without a session (403 when the cookie came from another site's page), 403 for a role not in `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const official = res.locals.official as Official | undefined;
    if (!official && res.locals.notOwnPage) {
      next(new HttpError(403, 'cross_site', 'Open this from the Suora dashboard itself: a link or page on another site cannot use your sign-in.'));
    } else if (!official) {
      next(new HttpError(401, 'signed_out', 'Sign in first: with the city’s account, or with a sign-in link you can ask for on the dashboard.'));
    } else if (!roles.includes(official.role)) {
      next(new HttpError(403, 'forbidden', 'Your role does not allow this.'));
    } else next();
  };
}

/** 401/403 as `requireRole`, for anyone whose role handles feedback (HANDLING_ROLES: officials, managers, admins). */
export function requireHandlingRole(): RequestHandler {
  return requireRole(...HANDLING_ROLES);
}

/**
 * Refuses state-changing requests that come from another site (CSRF), signed in or not
 * (the sign-in form itself): the same test as for the session, `fromOwnPages`.
 */
export function requireSameOrigin(publicUrl: string): RequestHandler {
  return (req, _res, next) => {
    if (fromOwnPages(req, publicUrl)) next();
    else next(new HttpError(403, 'cross_site', 'This change must come from the Suora dashboard itself.'));
  };
}
