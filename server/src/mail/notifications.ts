import type { Feedback, Official } from '../domain/model.js';
import type { Store } from '../store/store.js';
import type { Mailer } from './mailer.js';

const REPLY_SUBJECT = {
  fi: 'Vastaus palautteeseesi',
  sv: 'Svar på din respons',
  en: 'A reply to your feedback',
};

const REPLY_INTRO = {
  fi: 'Kiitos palautteestasi. Tässä kaupungin vastaus:',
  sv: 'Tack för din respons. Här är stadens svar:',
  en: 'Thank you for your feedback. Here is the city’s reply:',
};

/**
 * Email that follows feedback: the routed official hears of new feedback, the giver gets
 * the city's reply when they asked for one. Mail never holds up or fails a request: a
 * failure is logged, and the feedback is in the dashboard whatever happens to the mail.
 */
export class Notifier {
  constructor(
    private readonly store: Store,
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
  ) {}

  feedbackArrived(feedback: Feedback): void {
    void this.deliver(async () => {
      const official = await this.store.getOfficial(feedback.officialId);
      if (!official) return;
      const topic = feedback.topicId ? await this.store.getTopic(feedback.topicId) : undefined;
      const about = topic?.name.fi ?? (feedback.channel === 'widget' ? 'yleinen palaute' : `kysely (${feedback.channel})`);
      await this.mailer.send({
        to: official.email,
        subject: `Uusi palaute: ${about} (${feedback.id})`,
        text: [
          `Hei ${official.name},`,
          '',
          `sinulle on ohjattu uutta palautetta / new feedback has been routed to you: ${about}.`,
          feedback.rating === null ? '' : `Arvio / Rating: ${feedback.rating}/5`,
          feedback.comment ? `\n${feedback.comment.slice(0, 1000)}${feedback.comment.length > 1000 ? '…' : ''}\n` : '',
          feedback.public ? 'Antaja salli julkaisun / The giver allowed publication.' : 'Yksityinen / Private.',
          feedback.wantsReply ? 'Antaja toivoo vastausta / The giver wants a reply.' : '',
          '',
          `${this.publicUrl}/dashboard#feedback/${feedback.id}`,
        ]
          .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
          .join('\n'),
      });
    });
  }

  replyGiven(feedback: Feedback, author: Official): void {
    const email = feedback.contact?.email;
    if (!feedback.wantsReply || !email || !feedback.reply) return;
    const locale = feedback.locale;
    void this.deliver(() =>
      this.mailer.send({
        to: email,
        subject: `${REPLY_SUBJECT[locale]} (${feedback.id})`,
        text: `${REPLY_INTRO[locale]}\n\n${feedback.reply!.text}\n\n${author.name}\n${author.title}`,
      }),
    );
  }

  private async deliver(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      console.error('Suora could not send an email:', (error as Error).message);
    }
  }
}
