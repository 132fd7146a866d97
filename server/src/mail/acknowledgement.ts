import type { Feedback } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { localDate } from '../text/local-date.js';
import { TEXTS } from '../texts/index.js';
import type { Mail, Mailer } from './mailer.js';

export interface AcknowledgementContext {
  store: Store;
  mailer: Mailer;
  publicUrl: string;
  timeZone: string;
}

/**
 * The giver's acknowledgement, in their language: the reference, what happens next, the
 * due date, and the status page link that only this message holds (the store keeps the
 * key's hash). Queued like every mail (mail-queue.ts): retried, and not sent once the item
 * is erased or purged.
 */
export async function sendAcknowledgement(context: AcknowledgementContext, feedback: Feedback, statusKey: string): Promise<void> {
  const email = feedback.contact?.email;
  if (!email) return;
  const topic = feedback.topicId ? await context.store.getTopic(feedback.topicId) : undefined;
  await context.mailer.send(acknowledgementMail(feedback, email, statusKey, context, topic?.name[feedback.locale]));
}

function acknowledgementMail(f: Feedback, to: string, statusKey: string, context: AcknowledgementContext, topic: string | undefined): Mail {
  const t = TEXTS[f.locale].acknowledgement;
  const lines = [
    t.thanks,
    '',
    t.reference(f.id),
    ...(topic ? [`${TEXTS[f.locale].statusPage.topic}: ${topic}`] : []),
    '',
    t.next,
    ...(f.dueAt ? [t.target(localDate(f.dueAt, f.locale, context.timeZone))] : []),
    '',
    t.statusLink,
    `${context.publicUrl}/f/${statusKey}`,
    '',
    t.keepPrivate,
  ];
  return { kind: 'acknowledgement', to, about: [f.id], subject: t.subject(f.id), text: lines.join('\n') };
}
