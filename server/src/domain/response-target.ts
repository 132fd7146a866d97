import { endOfLocalDay, localDay } from './city-time.js';
import type { Store } from './store-port.js';
import { addWorkingDays } from './working-days.js';

/**
 * Response targets: by when the city owes a giver an answer. Each topic has its own number
 * of working days; feedback without a topic (a survey, general feedback) has the default.
 */

export const DEFAULT_TARGET_DAYS = 5;
export const MAX_TARGET_DAYS = 60;

/**
 * When an item arriving at `createdAt` is due: the end of the city's working day
 * `targetDays` working days after the local day it arrived (`addWorkingDays`: arrival on
 * a weekend or holiday counts from the next working day). Given as the day's last
 * millisecond, so that the instant shows the due date in the city's zone. It is stored
 * with the item: a topic's later change of target applies to feedback that comes after it.
 */
export function dueAtOf(createdAt: string, targetDays: number, timeZone: string): string {
  const dueDay = addWorkingDays(localDay(Date.parse(createdAt), timeZone), targetDays);
  return new Date(endOfLocalDay(dueDay, timeZone) - 1).toISOString();
}

/** The target of feedback on `topicId` (none: the default). */
export async function targetDaysOf(store: Store, topicId: string | null): Promise<number> {
  const topic = topicId === null ? undefined : await store.getTopic(topicId);
  return topic?.targetDays ?? DEFAULT_TARGET_DAYS;
}
