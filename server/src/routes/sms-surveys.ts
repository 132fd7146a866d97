import { Router, type Request, type RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { readSmsSurveyRequest, requestSmsSurvey } from '../domain/sms-surveys.js';
import { apiKeyOf, requireApiKey } from '../http/api-key.js';
import { HttpError } from '../http/http-error.js';
import { jsonBody } from '../http/json-body.js';
import { requireJson } from '../http/require-json.js';
import { requireRole } from '../http/session.js';
import type { Store } from '../domain/store-port.js';
import type { Outbox } from '../mail/outbox.js';
import type { SmsQueue } from '../sms/sms-queue.js';

export interface SmsOptions {
  queue: SmsQueue;
  /** Days a number gets no second survey (SUORA_SMS_QUIET_DAYS). */
  quietDays: number;
  /** SMS survey requests per API key per minute (SUORA_SMS_RATE_LIMIT), or `off`. */
  rateLimit: number | 'off';
  /** Where SMS are written without a gateway (SMS_URL unset): the demo shows them. */
  outbox?: Outbox | undefined;
}

const SMS_BODY_LIMIT = 'An SMS survey request is a phone number, an official’s id, a reference and a language: at most 4 kB.';

/**
 * The SMS survey after a phone call, asked for by the customer-service line's system with
 * an API key of scope `sms-surveys`; and the SMS queue's state for admins.
 */
export function smsSurveyRoutes(store: Store, options: SmsOptions & { publicUrl: string; timeZone: string }): Router {
  const router = Router();

  const perKey = options.rateLimit === 'off' ? [] : [perKeyLimit(options.rateLimit)];
  // 202 whether or not an SMS goes (the quiet period is not revealed) and before the gateway has it.
  router.post('/api/sms-surveys', requireApiKey(store, 'sms-surveys', options.timeZone), ...perKey, requireJson, jsonBody({ limit: '4kb', tooLarge: SMS_BODY_LIMIT }), async (req, res) => {
    await requestSmsSurvey(store, options.queue, apiKeyOf(req)!, readSmsSurveyRequest(req.body), { publicUrl: options.publicUrl, quietDays: options.quietDays });
    res.status(202).json({ accepted: true });
  });

  router.get('/api/admin/sms', requireRole('admin'), async (_req, res) => {
    const [counts, retrying, failures] = await Promise.all([options.queue.counts(), options.queue.retrying(), options.queue.failed()]);
    res.set('Cache-Control', 'no-store').json({ ...counts, retrying, failures });
  });
  return router;
}

/**
 * At most `limit` requests a minute per API key (held in memory): every SMS costs the city,
 * so a leaked key or a runaway client cannot text thousands of numbers (SMS pumping).
 */
function perKeyLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => apiKeyOf(req)!.id,
    handler: (req, res, next) => {
      const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
      res.set('Retry-After', String(reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60));
      next(new HttpError(429, 'too_many_requests', `Too many SMS surveys asked for with this API key: at most ${limit} a minute. Please wait a minute; if your line needs more, ask the city to raise SUORA_SMS_RATE_LIMIT.`));
    },
  });
}
