import type { Store } from '../store/store.js';
import { RequestError } from './errors.js';
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
 * (routed to the area's contact official).
 */
export async function attributeWidgetFeedback(
  store: Store,
  input: Pick<ValidSubmission, 'topic' | 'serviceArea' | 'official'>,
): Promise<Attribution> {
  if (input.topic !== undefined) {
    const topic = await store.getTopic(input.topic);
    if (!topic) throw unknown('topic', 'unknown_topic', 'There is no such topic. Choose one from the list.');
    return { topicId: topic.id, serviceAreaId: topic.serviceAreaId, officialId: topic.officialId };
  }

  const area = input.serviceArea === undefined ? undefined : await store.getServiceArea(input.serviceArea);
  if (input.serviceArea !== undefined && !area) {
    throw unknown('serviceArea', 'unknown_service_area', 'There is no such service area.');
  }

  if (input.official !== undefined) {
    const official = await store.getOfficial(input.official);
    if (!official || (area && official.serviceAreaId !== area.id)) {
      throw unknown('official', 'unknown_official', 'There is no such official in this service area.');
    }
    return { topicId: null, serviceAreaId: official.serviceAreaId, officialId: official.id };
  }

  if (area?.officialId) {
    return { topicId: null, serviceAreaId: area.id, officialId: area.officialId };
  }
  throw new RequestError(400, 'topic_required', 'Choose a topic for your feedback.', {
    topic: 'Choose a topic for your feedback.',
  });
}

function unknown(field: string, code: string, message: string): RequestError {
  return new RequestError(400, code, message, { [field]: message });
}
