import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  addOfficial,
  addServiceArea,
  addTopic,
  setServiceAreaOfficial,
  type OfficialInput,
  type ServiceAreaInput,
  type TopicInput,
} from '../domain/directory.js';
import type { Feedback } from '../domain/model.js';
import { hashSecret, newFeedbackId, newSecret } from '../domain/secrets.js';
import { createLink } from '../domain/signature-links.js';
import { DEMO_DIR } from '../paths.js';
import type { Store } from '../store/store.js';

interface DemoFeedback extends Omit<Partial<Feedback>, 'createdAt'> {
  daysAgo: number;
  topicId: string;
}

interface DemoLink {
  officialId: string;
  channel: 'email' | 'sms';
}

interface DemoSeed {
  links: DemoLink[];
  serviceAreas: (ServiceAreaInput & { id: string })[];
  officials: OfficialInput[];
  topics: TopicInput[];
  feedback: DemoFeedback[];
}

/**
 * Fills an empty store with the demo city (demo/seed.json). A store that already has
 * service areas is left as it is, so restarting the demo keeps what was sent to it.
 */
export async function seedDemo(store: Store, now = new Date()): Promise<boolean> {
  if ((await store.listServiceAreas()).length > 0) return false;
  const seed = JSON.parse(await readFile(path.join(DEMO_DIR, 'seed.json'), 'utf8')) as DemoSeed;

  // Areas first without their contact official, who must exist before being named.
  for (const { officialId: _, ...area } of seed.serviceAreas) await addServiceArea(store, area);
  for (const official of seed.officials) await addOfficial(store, official);
  for (const area of seed.serviceAreas) {
    if (area.officialId) await setServiceAreaOfficial(store, area.id, area.officialId);
  }
  for (const topic of seed.topics) await addTopic(store, topic);
  for (const link of seed.links) await createLink(store, link, now);

  for (const { daysAgo, ...item } of seed.feedback) {
    const topic = (await store.getTopic(item.topicId))!;
    const createdAt = new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    await store.addFeedback({
      id: newFeedbackId(),
      createdAt,
      channel: 'widget',
      serviceAreaId: topic.serviceAreaId,
      officialId: topic.officialId,
      linkId: null,
      ref: null,
      rating: null,
      comment: null,
      public: false,
      contact: null,
      wantsReply: false,
      pageUrl: null,
      locale: 'fi',
      status: 'new',
      reply: null,
      published: false,
      editKeyHash: hashSecret(newSecret()),
      editableUntil: createdAt,
      ...item,
    });
  }
  return true;
}
