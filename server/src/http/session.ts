import type { Request, RequestHandler, Response } from 'express';
import { sessionOfficial } from '../domain/auth.js';
import { RequestError } from '../domain/errors.js';
import type { Official, Role } from '../domain/model.js';
import type { Store } from '../store/store.js';
import { ownOrigin } from './own-origin.js';

export const SESSION_COOKIE = 'suora_session';

/** Reads the session cookie into `res.locals.official`; no cookie, no official. */
export function loadSession(store: Store): RequestHandler {
  return async (req, res, next) => {
    const secret = sessionSecret(req);
    if (secret) res.locals.official = await sessionOfficial(store, secret);
    next();
  };
}

export function sessionSecret(req: Request): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
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

/** 401 without a session, 403 for a role not in `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const official = res.locals.official as Official | undefined;
    if (!official) {
      next(new RequestError(401, 'signed_out', 'Sign in first: use the sign-in link from your email, or ask an admin for one.'));
    } else if (!roles.includes(official.role)) {
      next(new RequestError(403, 'forbidden', 'Your role does not allow this.'));
    } else next();
  };
}

/**
 * Refuses state-changing requests that come from another site (CSRF): the browser's
 * `Origin` (or `Sec-Fetch-Site`) must say the request came from Suora's own pages.
 */
export function requireSameOrigin(publicUrl: string): RequestHandler {
  return (req, _res, next) => {
    // Browsers set Sec-Fetch-Site themselves; with Referrer-Policy: no-referrer a form POST
    // may carry `Origin: null`, so that header alone would refuse Suora's own sign-in form.
    const fetchSite = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const own = origin === publicUrl || origin === ownOrigin(req);
    if (fetchSite === 'same-origin' || (fetchSite === undefined && own)) next();
    else next(new RequestError(403, 'cross_site', 'This change must come from the Suora dashboard itself.'));
  };
}
