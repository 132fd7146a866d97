import type { Feedback, Official } from './model.js';

/**
 * The notifier port: what the domain tells people when feedback arrives or is answered.
 * mail/notifications.ts implements it by email. Neither call waits for or fails on the
 * sending: a notification never holds up or undoes what the domain has done (a failure is
 * the sender's to log), and the feedback is in the dashboard whatever happens to it.
 */
export interface FeedbackNotifier {
  /** New feedback is stored: its official hears of it (gathered into a digest; a survey answer once its edit window has closed). */
  feedbackArrived(feedback: Feedback): void;
  /** The giver changed the item in its edit window: an official already told of it hears what it is now. */
  feedbackChanged(feedback: Feedback): void;
  /**
   * The city replied (`corrected`: changed its earlier reply): the giver gets the reply, if
   * they asked for one and gave an email. The domain calls it only for a reply to be mailed.
   */
  replyGiven(feedback: Feedback, author: Official, options: { corrected: boolean }): void;
  /** Staff forwarded an item: the official it went to hears of it at once, with the note saying why. */
  feedbackForwarded(feedback: Feedback, forward: Forwarded): void;
  /**
   * The giver left an email: they get an acknowledgement with the reference, the due date
   * and their status page link (`statusKey`, which only this message ever holds; retried if it fails).
   */
  feedbackAcknowledged(feedback: Feedback, statusKey: string): void;
}

export interface Forwarded {
  by: Official;
  to: Official;
  note: string;
  at: string;
}
