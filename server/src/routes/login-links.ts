import { createHmac, randomBytes } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { emailKey } from '../domain/directory.js';
import { readLoginLinkRequest } from '../domain/auth.js';
import type { Store } from '../domain/store-port.js';
import { logOf } from '../http/request-log.js';
import { dashboardPath } from '../http/dashboard-path.js';
import { HttpError } from '../http/http-error.js';
import { requireJson } from '../http/require-json.js';
import { requireSameOrigin } from '../http/session.js';
import type { Mailer } from '../mail/mailer.js';
import { emailSignInLinkTo } from '../mail/sign-in-mail.js';

const HOUR_MS = 60 * 60 * 1000;
/** Requests per client address per hour; past it, 429 (it says nothing about any address). */
export const LOGIN_LINKS_PER_ADDRESS = 20;
/** Links per email address per hour; past it, the request is answered as always and dropped. */
export const LOGIN_LINKS_PER_EMAIL = 5;

/** The one answer, whatever the address: known, unknown, inactive, or over its limit. */
const ACCEPTED = {
  message: 'If this address belongs to an active Suora account, a sign-in link is on its way to it. The link works once, for 15 minutes.',
} as const;

/**
 * Self-service sign-in: `POST /api/login-links { email, next? }`. The answer comes before
 * the directory is even read, and the mail is sent afterwards, one at a time: a known and
 * an unknown address answer alike, in content and in time.
 */
export function loginLinkRoutes(store: Store, options: { publicUrl: string; mailer: Mailer }): Router {
  const router = Router();
  const perEmail = new SlidingCount(LOGIN_LINKS_PER_EMAIL, HOUR_MS);
  // Keyed with a secret of this process, so that the counts' keys cannot be matched to addresses.
  const pepper = randomBytes(32);
  const countKey = (email: string) => createHmac('sha256', pepper).update(emailKey(email)).digest('hex');
  let sending: Promise<void> = Promise.resolve();

  router.post(
    '/api/login-links',
    requireSameOrigin(options.publicUrl),
    perAddressLimit(),
    requireJson,
    express.json({ limit: '4kb' }),
    (req, res) => {
      const { email, next: wanted } = readLoginLinkRequest(req.body);
      const next = dashboardPath(wanted);
      const log = logOf(res);
      res.status(202).json(ACCEPTED);
      if (!perEmail.take(countKey(email))) return;
      sending = sending.then(() =>
        emailSignInLinkTo(store, options.mailer, options.publicUrl, email, next).catch((error: Error) =>
          // The error's text may name the address: the log gets its kind only.
          log.error({ errorType: error.name, code: (error as { code?: string }).code }, 'self-service sign-in link not sent'),
        ),
      );
    },
  );
  return router;
}

function perAddressLimit() {
  return rateLimit({
    windowMs: HOUR_MS,
    limit: LOGIN_LINKS_PER_ADDRESS,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // A client's own X-Forwarded-For, without a trusted proxy (SUORA_TRUST_PROXY), is ignored
    // as it should be: not worth a log line per request that a client could fill the log with.
    validate: { xForwardedForHeader: false },
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
      res.set('Retry-After', String(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 3600));
      next(new HttpError(429, 'too_many_requests', 'Too many sign-in links asked for from this network. Please try again later.'));
    },
  });
}

/**
 * At most `limit` takes per key in any `windowMs`, in memory; keys with nothing left in
 * the window are swept as the map grows.
 */
class SlidingCount {
  readonly #times = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    if (this.#times.size > 10_000) this.#sweep(now);
    const recent = (this.#times.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) return false;
    this.#times.set(key, [...recent, now]);
    return true;
  }

  #sweep(now: number): void {
    for (const [key, times] of this.#times) if (times.every((t) => now - t >= this.windowMs)) this.#times.delete(key);
  }
}
