import type { MailProblem } from '../../../contract/api.js';
import { audit, type Actor } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import type { QueuedMail } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import type { MailQueue } from './mail-queue.js';

/**
 * Mail that failed, for admins (`GET /api/admin/mail-problems`): every queued mail whose
 * last try failed, still being retried or with its tries used up, oldest first. What an
 * admin needs to act (what kind of mail, about which items, to which official, since when,
 * why), never the text or the address.
 */
export async function mailProblems(store: Store): Promise<MailProblem[]> {
  const officials = new Map((await store.listOfficials()).map((o) => [o.id, o]));
  return (await store.listQueuedMail())
    .filter((m): m is QueuedMail & { failure: NonNullable<QueuedMail['failure']> } => m.failure !== null)
    .map((m) => {
      const official = m.officialId === null ? undefined : officials.get(m.officialId);
      return {
        id: m.id,
        kind: m.kind,
        feedbackIds: m.about,
        official: m.officialId === null ? null : { id: m.officialId, name: official?.name ?? m.officialId },
        createdAt: m.createdAt,
        attempts: m.attempts,
        lastAttemptAt: m.failure.at,
        failure: m.failure.code,
        smtpCode: m.failure.smtpCode,
        nextAttemptAt: m.nextAttemptAt,
      };
    });
}

async function problemMail(store: Store, id: string): Promise<QueuedMail> {
  const mail = (await store.listQueuedMail()).find((m) => m.id === id && m.failure !== null);
  if (!mail) throw new DomainError('not_found', 'not_found', 'There is no such mail waiting: it may have been sent or removed meanwhile.');
  return mail;
}

/** Tries a failed mail again now (e.g. once the mail server is fixed), with its tries counted afresh; audited. */
export async function retryMail(store: Store, queue: MailQueue, actor: Actor, id: string): Promise<void> {
  const mail = await problemMail(store, id);
  await store.updateQueuedMail({ ...mail, attempts: 0, nextAttemptAt: new Date().toISOString() });
  await audit(store, actor, 'mail-retry', { targetId: id });
  queue.run();
}

/** Gives up a failed mail for good (e.g. to an address that no longer exists): it leaves the queue, with its text; audited. */
export async function dismissMail(store: Store, actor: Actor, id: string): Promise<void> {
  await problemMail(store, id);
  await store.deleteQueuedMail([id]);
  await audit(store, actor, 'mail-dismiss', { targetId: id });
}
