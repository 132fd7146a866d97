import express, { Router } from 'express';
import { readSmsSurveyRequest, requestSmsSurvey } from '../domain/sms-surveys.js';
import { apiKeyOf, requireApiKey } from '../http/api-key.js';
import { requireJson } from '../http/require-json.js';
import { requireRole } from '../http/session.js';
import type { Store } from '../domain/store-port.js';
import type { Outbox } from '../mail/outbox.js';
import type { SmsQueue } from '../sms/sms-queue.js';

export interface SmsOptions {
  queue: SmsQueue;
  /** Days a number gets no second survey (SUORA_SMS_QUIET_DAYS). */
  quietDays: number;
  /** Where SMS are written without a gateway (SMS_URL unset): the demo shows them. */
  outbox?: Outbox | undefined;
}

/**
 * The SMS survey after a phone call, asked for by the customer-service line's system with
 * an API key of scope `sms-surveys`; and the SMS queue's state for admins.
 */
export function smsSurveyRoutes(store: Store, options: SmsOptions & { publicUrl: string; timeZone: string }): Router {
  const router = Router();

  // 202 whether or not an SMS goes (the quiet period is not revealed) and before the gateway has it.
  router.post('/api/sms-surveys', requireApiKey(store, 'sms-surveys', options.timeZone), requireJson, express.json({ limit: '4kb' }), async (req, res) => {
    await requestSmsSurvey(store, options.queue, apiKeyOf(req)!, readSmsSurveyRequest(req.body), { publicUrl: options.publicUrl, quietDays: options.quietDays });
    res.status(202).json({ accepted: true });
  });

  router.get('/api/admin/sms', requireRole('admin'), async (_req, res) => {
    const [counts, retrying, failures] = await Promise.all([options.queue.counts(), options.queue.retrying(), options.queue.failed()]);
    res.set('Cache-Control', 'no-store').json({ ...counts, retrying, failures });
  });
  return router;
}
