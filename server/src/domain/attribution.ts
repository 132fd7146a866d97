import type { Store } from './store-port.js';
import { DomainError } from './errors.js';
import { mayReceiveFeedback, type SignatureLink } from './model.js';
import { isOffered } from './retired-areas.js';
import type { ValidSubmission } from './validation.js';

export interface Attribution {
  topicId: string | null;
  serviceAreaId: string;
  officialId: string;
}

/**
 * Decides where widget feedback belongs. The topic, when given, decides everything: its
 * service area and its responsible official; `serviceArea` and `official` sent with it are
 * ignored, so a browser cannot reroute feedback on a topic. Without a topic, a page may
 * preset an official (who must work in the preset area, if one is given) or a service area
 * (routed to the area's contact official). An `official` who may not receive feedback (a
 * decision-maker, someone who has left) or whose area is retired is ignored, as if the
 * page had not named anyone.
 */
export async function attributeWidgetFeedback(
  store: Store,
  input: ValidSubmission['routing'],
): Promise<Attribution> {
  if (input.topic !== undefined) {
    const topic = await store.getTopic(input.topic);
    // A retired topic (or one of a retired area) is no longer offered: a page that still shows it gets the list's answer.
    const offered = topic && isOffered(topic, new Map((await store.listServiceAreas()).map((a) => [a.id, a])));
    if (!topic || !offered) throw unknown('topic', 'unknown_topic', 'There is no such topic. Choose one from the list.');
    return { topicId: topic.id, serviceAreaId: topic.serviceAreaId, officialId: await recipient(store, topic.officialId, topic.serviceAreaId) };
  }

  const area = input.serviceArea === undefined ? undefined : await store.getServiceArea(input.serviceArea);
  if (input.serviceArea !== undefined && (!area || area.retired)) {
    throw unknown('serviceArea', 'unknown_service_area', 'There is no such service area.');
  }

  if (input.official !== undefined) {
    const official = await store.getOfficial(input.official);
    if (!official) throw unknown('official', 'unknown_official', 'There is no such official in this service area.');
    if (mayReceiveFeedback(official)) {
      if (area && official.serviceAreaId !== area.id) {
        throw unknown('official', 'unknown_official', 'There is no such official in this service area.');
      }
      // A retired area takes no new feedback: its official is ignored like one who has left, so the giver is asked for a topic.
      const own = await store.getServiceArea(official.serviceAreaId);
      if (!own?.retired) return { topicId: null, serviceAreaId: official.serviceAreaId, officialId: official.id };
    }
  }

  if (area?.officialId) {
    return { topicId: null, serviceAreaId: area.id, officialId: await recipient(store, area.officialId, area.id) };
  }
  throw new DomainError('invalid_input', 'topic_required', 'Choose a topic for your feedback.', {
    topic: 'Choose a topic for your feedback.',
  });
}

/** Feedback through a signature link goes to the link's official, in the link's area. */
export async function attributeLinkFeedback(store: Store, link: SignatureLink): Promise<Attribution> {
  return { topicId: null, serviceAreaId: link.serviceAreaId, officialId: await recipient(store, link.officialId, link.serviceAreaId) };
}

/**
 * Who gets feedback meant for `officialId`: that person if they may receive it; otherwise
 * (directory data that breaks the rule, reported to admins) the area's contact if they may;
 * as the last resort the first active admin by id. So feedback never goes to someone who
 * cannot open it, and is never lost; a city without any active admin cannot take such
 * feedback at all (`unavailable`) rather than send it nowhere.
 */
async function recipient(store: Store, officialId: string, areaId: string): Promise<string> {
  const intended = await store.getOfficial(officialId);
  if (intended && mayReceiveFeedback(intended)) return intended.id;
  const contactId = (await store.getServiceArea(areaId))?.officialId;
  const contact = contactId === undefined ? undefined : await store.getOfficial(contactId);
  if (contact && mayReceiveFeedback(contact)) return contact.id;
  const admin = (await store.listOfficials())
    .filter((o) => o.role === 'admin' && mayReceiveFeedback(o))
    .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  if (admin) return admin.id;
  throw new DomainError('unavailable', 'no_recipient', 'Feedback cannot be received here right now. Please try again later.');
}

function unknown(field: string, code: string, message: string): DomainError {
  return new DomainError('invalid_input', code, message, { [field]: message });
}
