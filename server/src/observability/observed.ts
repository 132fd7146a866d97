import type { FeedbackNotifier } from '../domain/notifier-port.js';
import type { Store } from '../domain/store-port.js';
import type { Mailer } from '../mail/mailer.js';
import type { Metrics } from './metrics.js';

/** The store's methods that change what it holds: each call is timed as a commit. */
const WRITES = [
  'saveServiceArea',
  'saveTopic',
  'saveOfficial',
  'saveLink',
  'saveDeputyship',
  'deleteDeputyship',
  'saveReplyTemplate',
  'deleteReplyTemplate',
  'addFeedback',
  'updateFeedback',
  'deleteFeedback',
  'addFeedbackEvent',
  'purgeFeedbackEvents',
  'addAuditEntry',
  'saveLoginKey',
  'useLoginKey',
  'saveSession',
  'deleteSession',
  'deleteSessionsOf',
  'deleteLoginKeysOf',
] as const satisfies readonly (keyof Store)[];

/**
 * `store`, with the time of each change (until the store says it is kept: on disk, or
 * committed) measured into `metrics`, failed ones too. Everything else goes to `store`
 * as it is.
 */
export function storeTimed(store: Store, metrics: Metrics): Store {
  const timed = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>(
    WRITES.map((operation) => {
      const write = (store[operation] as (...args: unknown[]) => Promise<unknown>).bind(store);
      return [
        operation,
        async (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          try {
            return await write(...args);
          } finally {
            metrics.committed(operation, Number(process.hrtime.bigint() - started) / 1e9);
          }
        },
      ];
    }),
  );
  return new Proxy(store, {
    get(target, property) {
      const value = timed.get(property) ?? Reflect.get(target, property, target);
      // Bound to the store itself: its private fields are not the proxy's.
      return typeof value === 'function' && !timed.has(property) ? value.bind(target) : value;
    },
  });
}

/** `mailer`, counting what it sends and what fails, and how many messages are under way. */
export function mailerCounted(mailer: Mailer, metrics: Metrics): Mailer & { readonly sending: number } {
  let sending = 0;
  return {
    get sending() {
      return sending;
    },
    async send(mail) {
      sending++;
      try {
        await mailer.send(mail);
        metrics.mailSent();
      } catch (error) {
        metrics.mailFailed();
        throw error;
      } finally {
        sending--;
      }
    },
  };
}

/** `notifier`, counting each submission as it arrives, by channel. */
export function submissionsCounted(notifier: FeedbackNotifier, metrics: Metrics): FeedbackNotifier {
  return {
    feedbackArrived(feedback) {
      metrics.submitted(feedback.channel);
      notifier.feedbackArrived(feedback);
    },
    feedbackChanged: (feedback) => notifier.feedbackChanged(feedback),
    replyGiven: (feedback, author, options) => notifier.replyGiven(feedback, author, options),
    feedbackForwarded: (feedback, forward) => notifier.feedbackForwarded(feedback, forward),
    feedbackAcknowledged: (feedback, statusKey) => notifier.feedbackAcknowledged(feedback, statusKey),
  };
}
