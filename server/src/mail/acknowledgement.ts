import { mayReceiveFeedback, type Feedback } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { localDate } from '../text/local-date.js';
import { TEXTS } from '../texts/index.js';
import type { Mail, Mailer } from './mailer.js';
import type { Logger } from '../observability/logger.js';

/** Waits before the second, third and fourth try of an acknowledgement that failed: a minute, 10 minutes, an hour. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 600_000, 3_600_000];

export interface AcknowledgementContext {
  store: Store;
  mailer: Mailer;
  publicUrl: string;
  timeZone: string;
  retryDelaysMs: readonly number[];
  log: Logger;
}

/**
 * The giver's acknowledgement, in their language: the reference, what happens next, the
 * due date, and the status page link that only this message holds (the store keeps the
 * key's hash). A failure is retried after each of `retryDelaysMs` and then logged; the
 * submission is long done by then. Not sent once the item is erased or purged, or its key replaced.
 */
export async function sendAcknowledgement(context: AcknowledgementContext, feedback: Feedback, statusKey: string): Promise<void> {
  const email = feedback.contact?.email;
  if (!email) return;
  const topic = feedback.topicId ? await context.store.getTopic(feedback.topicId) : undefined;
  // A reply to it (something the giver forgot to say) reaches the official it was routed to.
  const official = await context.store.getOfficial(feedback.officialId);
  const replyTo = official && mayReceiveFeedback(official) ? official.email : undefined;
  const mail = { ...acknowledgementMail(feedback, email, statusKey, context, topic?.name[feedback.locale]), ...(replyTo && { replyTo }) };
  const current = async () => {
    const now = await context.store.getFeedback(feedback.id);
    return now !== undefined && !now.purgedAt && now.statusKeyHash === feedback.statusKeyHash;
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await context.mailer.send({ ...mail, current });
      return;
    } catch (error) {
      const delay = context.retryDelaysMs[attempt];
      if (delay === undefined) {
        context.log.error({ err: error, feedbackId: feedback.id, tries: attempt + 1 }, 'the acknowledgement could not be sent');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
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
  return { to, locale: f.locale, about: [f.id], subject: t.subject(f.id), body };
}
