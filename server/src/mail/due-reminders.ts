import type { Locale } from '../../../contract/api.js';
import { endOfLocalDay, localDay, localIsoTime, startOfLocalDay } from '../domain/city-time.js';
import { isOverdue } from '../domain/feedback-views.js';
import { mayReceiveFeedback, type Feedback, type Official } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { localDate } from '../text/local-date.js';
import { TEXTS } from '../texts/index.js';
import type { MailBlock } from './mail-layout.js';
import type { Mail, Mailer } from './mailer.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import type { MailQueue } from './mail-queue.js';

/** The city's hour the daily reminders go out. */
export const REMINDER_HOUR = 8;

/** Items listed in one reminder; the rest are counted, with a link to the inbox. */
const ITEMS_IN_REMINDER = 50;
const REFERENCES_IN_SUBJECT = 3;

/**
 * The daily reminder of response targets: each official with open items due by the end
 * of tomorrow (the city's days), overdue ones included, gets one mail listing them
 * (reference, topic, due date, a link to each in the dashboard); nobody else gets any.
 * Sent once a day at `REMINDER_HOUR` city time by the server (see `nextReminderAt`); with
 * several servers on one store each sends, and the queue takes each official's reminder once
 * per city day (`Store.addQueuedMail`'s `once`), whichever server comes first.
 */
export class DueReminders {
  constructor(
    private readonly store: Store,
    private readonly queue: MailQueue,
    private readonly publicUrl: string,
    private readonly timeZone: string,
    private readonly log: Logger = silentLogger,
  ) {}

  /**
   * Queues the reminders as of `now`; returns how many this call queued (none for an official
   * already reminded that city day). A failed mail is retried by the queue.
   */
  async send(now = new Date()): Promise<number> {
    const today = localDay(now.getTime(), this.timeZone);
    const tomorrow = localDay(endOfLocalDay(today, this.timeZone), this.timeZone);
    const dueBefore = new Date(endOfLocalDay(tomorrow, this.timeZone)).toISOString();
    const { items } = await this.store.queryFeedback({ dueBefore }, { sort: 'due' });
    const byOfficial = new Map<string, Feedback[]>();
    for (const f of items) if (!f.purgedAt) byOfficial.set(f.officialId, [...(byOfficial.get(f.officialId) ?? []), f]);
    const topics = new Map((await this.store.listTopics()).map((t) => [t.id, t]));
    let sent = 0;
    for (const [officialId, theirs] of byOfficial) {
      const official = await this.store.getOfficial(officialId);
      if (!official || !mayReceiveFeedback(official)) continue;
      const locale = official.locale;
      const t = TEXTS[locale].digest;
      // Named as the digest names it: by its topic, or by the link a survey answer came through.
      const topicOf = (f: Feedback) => (f.topicId ? topics.get(f.topicId)?.name[locale] : undefined) ?? (f.channel === 'widget' ? t.general : t.survey[f.channel]);
      try {
        if (await this.queue.queue(this.#mail(official, theirs, locale, topicOf, now.getTime()), `reminder:${official.id}:${today}`)) sent++;
      } catch (error) {
        this.log.error({ err: error, officialId: official.id }, 'a due reminder could not be sent');
      }
    }
    return sent;
  }

  #mail(official: Official, items: Feedback[], locale: Locale, topicOf: (f: Feedback) => string, now: number): Mail {
    const t = TEXTS[locale];
    const listed: MailBlock[] = items.slice(0, ITEMS_IN_REMINDER).map((f) => {
      const due = t.reminder.due(localDate(f.dueAt!, locale, this.timeZone));
      return { item: [`— ${f.id}, ${topicOf(f)}: ${due}${isOverdue(f, now) ? ` (${t.reminder.overdue})` : ''}`, { link: `${this.publicUrl}/dashboard#feedback/${f.id}` }] };
    });
    const hidden = items.length - ITEMS_IN_REMINDER;
    const more = hidden > 0 ? [`${t.digest.more(hidden)}:`, { link: `${this.publicUrl}/dashboard#inbox` }] : [];
    const refs = [...items.slice(0, REFERENCES_IN_SUBJECT).map((f) => f.id), ...(items.length > REFERENCES_IN_SUBJECT ? ['…'] : [])].join(', ');
    // The references only (no feedback text): nothing here is a giver's data.
    return {
      kind: 'reminder' as const,
      officialId: official.id,
      to: official.email,
      locale,
      subject: t.reminder.subject(items.length, refs),
      body: [t.digest.greeting(official.name), t.reminder.intro, ...listed, ...more],
    };
  }
}

/** The next instant after `now` at which the city's clocks show `REMINDER_HOUR`:00 (daylight-saving changes included). */
export function nextReminderAt(now: number, timeZone: string): number {
  for (let day = localDay(now, timeZone); ; day = localDay(endOfLocalDay(day, timeZone), timeZone)) {
    // Near the hour after midnight; a change of clocks that night moves it by an hour, corrected here.
    let at = startOfLocalDay(day, timeZone) + REMINDER_HOUR * 3_600_000;
    const shown = Number(localIsoTime(at, timeZone).slice(11, 13));
    at -= (shown - REMINDER_HOUR) * 3_600_000;
    if (at > now) return at;
  }
}
