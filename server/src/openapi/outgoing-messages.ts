import { z } from 'zod';
import { MAIL_FAILURES, MAIL_KINDS, type MailProblem } from '../../../contract/api.js';
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

/** What admins see of the messages Suora sends: the mail queue's failures (never a text or an address). */
export function describeOutgoingMessages(api: ApiDescription): void {
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
