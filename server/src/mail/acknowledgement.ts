import { mayReceiveFeedback, type Feedback } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { localDate } from '../text/local-date.js';
import { TEXTS } from '../texts/index.js';
import type { Mail, Mailer } from './mailer.js';
import type { Logger } from '../observability/logger.js';

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
  // A reply to it (something the giver forgot to say) reaches the official it was routed to.
  const official = await context.store.getOfficial(feedback.officialId);
  const replyTo = official && mayReceiveFeedback(official) ? official.email : undefined;
  await context.mailer.send({ ...acknowledgementMail(feedback, email, statusKey, context, topic?.name[feedback.locale]), ...(replyTo && { replyTo }) });
}

function acknowledgementMail(f: Feedback, to: string, statusKey: string, context: AcknowledgementContext, topic: string | undefined): Mail {
  const t = TEXTS[f.locale].acknowledgement;
  const body = [
    t.thanks,
    [t.reference(f.id), ...(topic ? [`${TEXTS[f.locale].statusPage.topic}: ${topic}`] : [])].join('\n'),
    [t.next, ...(f.dueAt ? [t.target(localDate(f.dueAt, f.locale, context.timeZone))] : [])].join('\n'),
    t.statusLink,
    { link: `${context.publicUrl}/f/${statusKey}` },
    t.keepPrivate,
  ];
  return { kind: 'acknowledgement', to, locale: f.locale, about: [f.id], subject: t.subject(f.id), body };
}
