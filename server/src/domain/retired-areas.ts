import { DomainError } from './errors.js';
import type { Feedback, ServiceArea, Topic } from './model.js';
import type { Store } from './store-port.js';

/**
 * A retired service area (`retired: true`, reversible): it and its topics are no longer
 * offered (the widget's topic list, routing by topic or by area), and nothing new is put in
 * it (topics, signature links); its feedback, statistics and scores stay, its officials and
 * manager keep their work. It cannot be retired while live signature links point at it (a
 * survey answer would arrive in an area nobody offers any more): revoke them or make new
 * ones elsewhere first.
 */
export async function assertMayRetire(store: Store, area: ServiceArea): Promise<void> {
  const live = (await store.listLinks()).filter((l) => l.serviceAreaId === area.id && !l.revokedAt);
  if (live.length > 0) {
    throw new DomainError(
      'conflict',
      'area_has_live_links',
      `${live.length} live signature link(s) still point at service area ${area.id}. Revoke them (or make new ones for another area) before retiring it.`,
    );
  }
}

/** Refuses to put something new in a retired area. */
export function assertNotRetired(area: ServiceArea): void {
  if (area.retired) {
    throw new DomainError('conflict', 'area_retired', `Service area ${area.id} is retired. Bring it back first, or choose another area.`);
  }
}

/** Whether a topic is offered to the public: neither it nor its area is retired. */
export function isOffered(topic: Topic, areas: ReadonlyMap<string, ServiceArea>): boolean {
  return !topic.retired && !areas.get(topic.serviceAreaId)?.retired;
}

/**
 * Refuses a forward that would move feedback into a retired area (or onto a retired topic)
 * from elsewhere: nothing new goes in. Within a retired area its people may still pass its
 * remaining work among themselves.
 */
export function assertMayForwardInto(feedback: Feedback, area: ServiceArea | undefined, topic?: Topic): void {
  if (topic?.retired) {
    throw new DomainError('conflict', 'topic_retired', 'That topic is retired and takes no feedback. Choose another topic.', { topic: 'Choose another topic.' });
  }
  if (area?.retired && area.id !== feedback.serviceAreaId) {
    throw new DomainError('conflict', 'area_retired', `Service area ${area.id} is retired and takes no new feedback. Choose someone or a topic in another area.`);
  }
}
