import { z } from 'zod';
import { MAIL_FAILURES, MAIL_KINDS, type MailProblem } from '../../../contract/api.js';
import { smsSurveySchema } from '../domain/sms-surveys.js';
import type { Holds, MatchesContract } from '../domain/type-checks.js';
import type { ApiDescription } from './api-description.js';

const admin = { roles: ['admin'] } as const;
const time = z.string().meta({ description: 'ISO 8601.' });

const mailProblem = z
  .object({
    id: z.string(),
    kind: z.enum(MAIL_KINDS),
    feedbackIds: z.array(z.string()).meta({ description: 'The feedback references it is about.' }),
    official: z.object({ id: z.string(), name: z.string() }).nullable().meta({ description: 'The official it goes to; null: a giver of feedback.' }),
    createdAt: time,
    attempts: z.number().int(),
    lastAttemptAt: time,
    failure: z.enum(MAIL_FAILURES).meta({ description: 'Why, as admins can act on it; never the mail server’s own words (they may quote the address).' }),
    smtpCode: z.number().int().nullable(),
    nextAttemptAt: time.nullable().meta({ description: 'Null: no tries left; it waits for an admin.' }),
  })
  .meta({ id: 'MailProblem' });

type _Contract = Holds<MatchesContract<z.output<typeof mailProblem>, MailProblem>>;

/** The messages Suora sends: SMS surveys asked for by machine clients, and what admins see of mail and SMS that failed (never a text, an address or a number). */
export function describeOutgoingMessages(api: ApiDescription): void {
  api.describe({
    method: 'post',
    path: '/api/sms-surveys',
    tag: 'Integrations',
    summary: 'An SMS survey after a phone call',
    description:
      'One SMS in the caller’s language with a survey link attributed to the official, their area, channel `sms` and the call’s `ref`, through the SMS gateway (`SMS_URL`, SMPP 3.4) or the outbox. ' +
      'At most one per number per `SUORA_SMS_QUIET_DAYS`: a number within its quiet period gets nothing, and the answer is the same 202 (it does not reveal who called). ' +
      'A gateway that is down is retried with backoff; the answer does not wait for it. Audited with the key’s name, never the number. ' +
      'At most `SUORA_SMS_RATE_LIMIT` requests a minute per key, so that a leaked key cannot text thousands of numbers; numbers of no country (satellite phones) are refused.',
    access: { apiKeyScope: 'sms-surveys' },
    body: smsSurveySchema,
    answers: { status: 202, description: 'Accepted.', schema: z.object({ accepted: z.literal(true) }) },
    errors: { 400: '`invalid_phone` (not a phone number), `unknown_country_code`, `landline_number`, `service_number` (premium-rate, shared-cost, toll-free, VoIP, a company’s service number, a satellite or other number of no country…), `invalid_sms_survey` (not an object), `official_missing`, `unknown_official`, `not_a_handler`, `invalid_locale`, `ref_too_long` (says how long a reference may be).', 429: '`too_many_requests`: more than `SUORA_SMS_RATE_LIMIT` requests (default 30) with this key in a minute, with `Retry-After`.' },
  });
  api.describe({
    method: 'get',
    path: '/api/admin/sms',
    tag: 'Admin',
    summary: 'The SMS queue',
    description:
      'How many SMS surveys wait (in the store, for any server), and how many this server sent and gave up since it started and how many of its tries failed; the messages whose last try failed and that wait for the next (`retrying`, with its time); and the last 100 given up by any server (`failures`, kept for the outbox’s retention): never the number or the text.',
    access: admin,
    answers: {
      status: 200,
      description: 'The queue’s state.',
      schema: z.object({
        waiting: z.number().int(),
        sent: z.number().int(),
        failed: z.number().int(),
        failedAttempts: z.number().int(),
        retrying: z.array(
          z.object({ id: z.string(), officialId: z.string(), queuedAt: time, failedAt: time, attempts: z.number().int(), reason: z.string(), nextAttemptAt: time }),
        ),
        failures: z.array(z.object({ id: z.string(), officialId: z.string(), queuedAt: time, failedAt: time, attempts: z.number().int(), reason: z.string() })),
      }),
    },
  });
  api.describe({
    method: 'get',
    path: '/api/admin/mail-problems',
    tag: 'Admin',
    summary: 'Mail that failed',
    description: 'Every queued mail whose last try failed: retried after 1 and 5 minutes, half an hour, 2 and 6 hours and a day, then waiting for an admin.',
    access: admin,
    answers: { status: 200, description: 'The failures.', schema: z.object({ problems: z.array(mailProblem) }) },
  });
  api.describe({
    method: 'post',
    path: '/api/admin/mail-problems/{id}/retry',
    tag: 'Admin',
    summary: 'Try a failed mail again now',
    description: 'With a fresh count of tries. Audited (`mail-retry`).',
    access: admin,
    changes: true,
    params: { id: 'The queued mail’s id.' },
    answers: { status: 204, description: 'Tried; it stays listed if it failed again.' },
    errors: { 404: '`not_found`: no such mail in the queue.' },
  });
  api.describe({
    method: 'delete',
    path: '/api/admin/mail-problems/{id}',
    tag: 'Admin',
    summary: 'Give up a failed mail',
    description: 'It leaves the queue with its text. Audited (`mail-dismiss`).',
    access: admin,
    changes: true,
    params: { id: 'The queued mail’s id.' },
    answers: { status: 204, description: 'Given up.' },
    errors: { 404: '`not_found`: no such mail in the queue.' },
  });
}
