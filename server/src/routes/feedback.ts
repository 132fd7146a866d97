import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RequestError } from '../domain/errors.js';
import { editFeedback, submitFeedback } from '../domain/submission.js';
import { requireJson } from '../http/require-json.js';
import type { Store } from '../store/store.js';

/** A comment of 4000 characters, each up to 4 bytes of UTF-8 escaped as JSON, fits. */
const BODY_LIMIT = '32kb';

export interface FeedbackRoutesOptions {
  /** Submissions per IP address per minute, or `off`. */
  rateLimit: number | 'off';
}

/** `POST /api/feedback` and the giver's `PATCH /api/feedback/:id`, from the widget and the survey page. */
export function feedbackRoutes(store: Store, options: FeedbackRoutesOptions): Router {
  const router = Router();
  const limiter =
    options.rateLimit === 'off'
      ? []
      : [
          rateLimit({
            windowMs: 60_000,
            limit: options.rateLimit,
            standardHeaders: 'draft-7',
            legacyHeaders: false,
            handler: (_req, _res, next) =>
              next(
                new RequestError(
                  429,
                  'too_many_requests',
                  'Too much feedback from this network in a short time. Please wait a minute and send again.',
                ),
              ),
          }),
        ];

  const json = [requireJson, express.json({ limit: BODY_LIMIT, strict: false })];

  router.post('/api/feedback', ...limiter, ...json, async (req, res) => {
    const created = await submitFeedback(store, req.body);
    res.status(201).json(created);
  });

  /** The giver's browser adds to, or changes, what it just sent (with its edit key). */
  router.patch('/api/feedback/:id', ...limiter, ...json, async (req, res) => {
    await editFeedback(store, String(req.params.id), req.body);
    res.status(204).end();
  });
  return router;
}
