import { isUtf8 } from 'node:buffer';
import express, { Router, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RequestError } from '../domain/errors.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { handleFeedback } from '../domain/handling.js';
import { audit } from '../domain/audit.js';
import { editFeedback, submitFeedback } from '../domain/submission.js';
import { requireJson } from '../http/require-json.js';
import { requireRole, requireSameOrigin, signedIn } from '../http/session.js';
import type { Notifier } from '../mail/notifications.js';
import type { Store } from '../store/store.js';
import { localeOf } from '../http/query-params.js';

/** A comment of 4000 characters, each up to 4 bytes of UTF-8 escaped as JSON, fits. */
const BODY_LIMIT = '32kb';

export interface FeedbackRoutesOptions {
  /** Submissions per IP address per minute, or `off`. */
  rateLimit: number | 'off';
  publicUrl: string;
  notifier: Notifier;
}

/** `POST /api/feedback` and the giver's `PATCH /api/feedback/:id`, from the widget and the survey page. */
export function feedbackRoutes(store: Store, options: FeedbackRoutesOptions): Router {
  const router = Router();
  // Per IP address, and per survey link: one official's link cannot be flooded from many
  // addresses. A mail-out brings many honest answers to one link, hence its higher limit.
  const limiter =
    options.rateLimit === 'off'
      ? []
      : [
          limitPerMinute(options.rateLimit, 'Too much feedback from this network in a short time.'),
          limitPerMinute(options.rateLimit * TOKEN_LIMIT_FACTOR, 'Too many answers through this survey link in a short time.', (req) =>
            typeof req.body?.token === 'string' ? `token:${req.body.token}` : undefined,
          ),
        ];

  const json = [requireJson, express.json({ limit: BODY_LIMIT, strict: false, verify: refuseBrokenUtf8 })];

  router.post('/api/feedback', ...json, ...limiter, async (req, res) => {
    const { created, feedback } = await submitFeedback(store, req.body);
    res.status(201).json(created);
    options.notifier.feedbackArrived(feedback);
  });

  // One URL, two callers: the giver's browser with its edit key (adds to or changes what it
  // just sent), and the routed official or an admin with a session (status, reply).
  const staffChange = [requireRole('official', 'admin'), requireSameOrigin(options.publicUrl)];
  const giverOnly: RequestHandler = (req, _res, next) => next(isGiverEdit(req.body) ? undefined : 'route');
  router.patch('/api/feedback/:id', ...json, giverOnly, ...limiter, async (req, res) => {
    await editFeedback(store, String(req.params.id), req.body);
    res.status(204).end();
  });
  router.patch('/api/feedback/:id', ...staffChange, async (req, res) => {
    const official = signedIn(res);
    const updated = await handleFeedback(store, official, String(req.params.id), req.body);
    // handleFeedback accepted the body, so a reply in it is now the item's reply.
    const replied = (req.body as { reply?: unknown }).reply !== undefined;
    if (replied) options.notifier.replyGiven(updated, official);
    await audit(store, official, replied ? 'reply' : 'status', { feedbackId: updated.id }, replied ? {} : { status: updated.status });
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });
  return router;
}

const TOKEN_LIMIT_FACTOR = 4;

/**
 * At most `limit` requests a minute per key (by default the client's IP address, held in
 * memory only); a key of `undefined` is not limited. Past it: 429, Retry-After, and words.
 */
function limitPerMinute(limit: number, reason: string, key?: (req: Request) => string | undefined): RequestHandler {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(key && { keyGenerator: (req: Request) => key(req)!, skip: (req: Request) => key(req) === undefined }),
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      res.set('Retry-After', String(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60));
      next(new RequestError(429, 'too_many_requests', `${reason} Please wait a minute and send again.`));
    },
  });
  return limiter;
}

/** body-parser would quietly turn broken UTF-8 into U+FFFD; a form never sends it. */
function refuseBrokenUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new RequestError(400, 'invalid_encoding', 'The request body is not valid UTF-8 text.');
}

function isGiverEdit(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'editKey' in body;
}
