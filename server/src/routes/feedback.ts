import { isUtf8 } from 'node:buffer';
import express, { Router, type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { HttpError } from '../http/http-error.js';
import { FeedbackViews } from '../domain/feedback-views.js';
import { changeStatuses, handleFeedback } from '../domain/handling.js';
import { editFeedback, submitFeedback } from '../domain/submission.js';
import { validateSubmission } from '../domain/validation.js';
import { jsonBody } from '../http/json-body.js';
import { requireJson } from '../http/require-json.js';
import { requireHandlingRole, requireSameOrigin, signedIn } from '../http/session.js';
import type { FeedbackNotifier } from '../domain/notifier-port.js';
import type { Store } from '../domain/store-port.js';
import { localeOf } from '../http/query-params.js';
import { COMMENT_MAX_LENGTH } from '../../../contract/api.js';

/** A comment of 4000 characters, each up to 4 bytes of UTF-8 escaped as JSON, fits. */
const BODY_LIMIT = '32kb';

export interface FeedbackRoutesOptions {
  /** Submissions per IP address per minute, or `off`. */
  rateLimit: number | 'off';
  publicUrl: string;
  notifier: FeedbackNotifier;
  /** The city's zone (`SUORA_TIME_ZONE`): deputies' periods and due dates' working days are its days. */
  timeZone: string;
}

/** `POST /api/feedback` and the giver's `PATCH /api/feedback/:id`, from the widget and the survey page. */
export function feedbackRoutes(store: Store, options: FeedbackRoutesOptions): Router {
  const router = Router();
  // Per IP address: every request, invalid ones too (they spend only the sender's allowance).
  // Per survey link: anyone who has seen a link can name its token, so nothing one sender
  // does may use up a link's allowance and turn the official's real answers away with 429s.
  // Hence: a failed request never counts against the link; one address may answer through
  // one link only a few times a minute (a person answers a survey once, perhaps twice); and
  // the link-wide limit counts only each address's first answer in its minute, so only a
  // crowd of addresses, such as a mail-out's honest answers, can reach it.
  const perAddress = options.rateLimit === 'off' ? [] : [limitPerMinute(options.rateLimit, 'Too much feedback from this network in a short time.')];
  const linkToken = (req: Request) => (typeof req.body?.token === 'string' ? req.body.token : undefined);
  const perLink =
    options.rateLimit === 'off'
      ? []
      : [
          validSubmission,
          limitPerMinute(ANSWERS_PER_ADDRESS_PER_LINK, 'You have already answered through this survey link several times.', {
            key: (req) => (linkToken(req) === undefined ? undefined : `${ipKeyGenerator(req.ip ?? '')} ${linkToken(req)}`),
            acceptedOnly: true,
            requestPropertyName: ADDRESS_ON_LINK,
          }),
          limitPerMinute(options.rateLimit * TOKEN_LIMIT_FACTOR, 'Too many answers through this survey link in a short time.', {
            key: (req) => (linkToken(req) === undefined || !firstFromAddress(req) ? undefined : `token:${linkToken(req)}`),
            acceptedOnly: true,
            requestPropertyName: 'rateLimitPerLink',
          }),
        ];

  const json = [requireJson, jsonBody({ limit: BODY_LIMIT, strict: false, verify: refuseBrokenUtf8, tooLarge: `A comment can be at most ${COMMENT_MAX_LENGTH} characters.` })];

  router.post('/api/feedback', ...json, ...perAddress, ...perLink, async (req, res) => {
    res.status(201).json(await submitFeedback(store, options.notifier, req.body, { timeZone: options.timeZone }));
  });

  // One URL, two callers: the giver's browser with its edit key (adds to or changes what it
  // just sent), and the routed official or an admin with a session (status, reply).
  const staffChange = [requireHandlingRole(), requireSameOrigin(options.publicUrl)];
  const giverOnly: RequestHandler = (req, _res, next) => next(isGiverEdit(req.body) ? undefined : 'route');
  router.patch('/api/feedback/:id', ...json, giverOnly, ...perAddress, async (req, res) => {
    await editFeedback(store, options.notifier, String(req.params.id), req.body);
    res.status(204).end();
  });
  router.post('/api/feedback/bulk-status', ...staffChange, requireJson, express.json({ limit: '16kb' }), async (req, res) => {
    res.json(await changeStatuses(store, options.notifier, signedIn(res), req.body));
  });
  router.patch('/api/feedback/:id', ...staffChange, async (req, res) => {
    const updated = await handleFeedback(store, options.notifier, signedIn(res), String(req.params.id), req.body);
    res.json((await FeedbackViews.load(store, localeOf(req))).staffItem(updated));
  });
  return router;
}

const TOKEN_LIMIT_FACTOR = 4;

/** Accepted answers a minute from one address through one survey link. */
export const ANSWERS_PER_ADDRESS_PER_LINK = 3;

/** Where the per-(address, link) limiter leaves its count on the request. */
const ADDRESS_ON_LINK = 'rateLimitPerAddressOnLink';

/** Whether this is the address's first answer through the link in its minute (its count includes this one). */
function firstFromAddress(req: Request): boolean {
  const info = (req as Request & Partial<Record<string, RateLimitInfo>>)[ADDRESS_ON_LINK];
  return info !== undefined && info.used <= 1;
}

/**
 * At most `limit` requests a minute per key (by default the client's IP address, held in
 * memory only); a key of `undefined` is not limited. With `acceptedOnly`, a request that
 * ends in an error (4xx or 5xx, this limit's own 429 too) is not counted. The count is left
 * on the request under `requestPropertyName`. Past the limit: 429, Retry-After, and words.
 */
function limitPerMinute(
  limit: number,
  reason: string,
  by: { key?: (req: Request) => string | undefined; acceptedOnly?: boolean; requestPropertyName?: string } = {},
): RequestHandler {
  const { key, acceptedOnly = false, requestPropertyName = 'rateLimit' } = by;
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipFailedRequests: acceptedOnly,
    requestPropertyName,
    ...(key && { keyGenerator: (req: Request) => key(req)!, skip: (req: Request) => key(req) === undefined }),
    handler: (req, res, next) => {
      const reset = (req as Request & Partial<Record<string, RateLimitInfo>>)[requestPropertyName]?.resetTime;
      res.set('Retry-After', String(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60));
      next(new HttpError(429, 'too_many_requests', `${reason} Please wait a minute and send again.`));
    },
  });
}

/**
 * Refuses an invalid submission before the per-link limit counts it (a failure is taken
 * off that count only when its response is sent; checking first keeps even the
 * moment in between free of it). `submitFeedback` checks the body again, cheaply.
 */
const validSubmission: RequestHandler = (req, _res, next) => {
  validateSubmission(req.body);
  next();
};

/** body-parser would quietly turn broken UTF-8 into U+FFFD; a form never sends it. */
function refuseBrokenUtf8(_req: unknown, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new HttpError(400, 'invalid_encoding', 'The request body is not valid UTF-8 text.');
}

function isGiverEdit(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'editKey' in body;
}
