import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  addOfficial,
  addServiceArea,
  addTopic,
  updateServiceArea,
  type OfficialInput,
  type ServiceAreaInput,
  type TopicInput,
} from '../domain/directory.js';
import type { ReplyTemplateInput } from '../../../contract/api.js';
import type { Feedback } from '../domain/model.js';
import { newFeedbackRecord } from '../domain/feedback-record.js';
import { DEFAULT_TIME_ZONE } from '../domain/city-time.js';
import { DEFAULT_TARGET_DAYS, dueAtOf } from '../domain/response-target.js';
import { addTemplate } from '../domain/reply-templates.js';
import { createLink } from '../domain/signature-links.js';
import { DEMO_DIR } from '../paths.js';
import type { Store } from '../domain/store-port.js';

/** Widget feedback names its topic; survey feedback names the official whose link it came through. */
interface DemoFeedback extends Omit<Partial<Feedback>, 'createdAt' | 'topicId' | 'reply'> {
  daysAgo: number;
  topicId?: string;
  viaLinkOf?: string;
  /** The routed official's answer, given this many days ago. */
  reply?: { text: string; daysAgo: number };
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
  replyTemplates?: ReplyTemplateInput[];
}

/**
 * Fills an empty store with the demo city (demo/seed.json). A store that already has
 * service areas is left as it is, so restarting the demo keeps what was sent to it.
 */
export async function seedDemo(store: Store, now = new Date(), timeZone = DEFAULT_TIME_ZONE): Promise<boolean> {
  if ((await store.listServiceAreas()).length > 0) return false;
  const seed = JSON.parse(await readFile(path.join(DEMO_DIR, 'seed.json'), 'utf8')) as DemoSeed;

  // Areas first without their contact official, who must exist before being named.
  for (const { officialId: _, ...area } of seed.serviceAreas) await addServiceArea(store, 'server', area);
  for (const official of seed.officials) await addOfficial(store, 'server', official);
  for (const area of seed.serviceAreas) {
    if (area.officialId) await updateServiceArea(store, 'server', area.id, { officialId: area.officialId });
  }
  for (const topic of seed.topics) await addTopic(store, 'server', topic);
  for (const template of seed.replyTemplates ?? []) await addTemplate(store, 'server', template);
  const links = [];
  for (const link of seed.links) links.push((await createLink(store, 'server', link, now)).link);

  const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  // Oldest first: a store keeps feedback in the order it arrives.
  const chronological = [...seed.feedback].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const { daysAgo, viaLinkOf, topicId, reply, ...fields } of chronological) {
    const createdAt = daysBefore(daysAgo);
    const link = viaLinkOf ? links.find((l) => l.officialId === viaLinkOf)! : undefined;
    const topic = topicId ? (await store.getTopic(topicId))! : undefined;
    const { feedback } = newFeedbackRecord(
      {
        channel: link?.channel ?? 'widget',
        topicId: topic?.id ?? null,
        serviceAreaId: link?.serviceAreaId ?? topic!.serviceAreaId,
        officialId: link?.officialId ?? topic!.officialId,
        linkId: link?.id ?? null,
        // Due as if it had come through the server: the older open ones are overdue in the demo.
        dueAt: dueAtOf(createdAt, topic?.targetDays ?? DEFAULT_TARGET_DAYS, timeZone),
        ...fields,
        ...(reply && {
          reply: { text: reply.text, authorId: link?.officialId ?? topic!.officialId, at: daysBefore(reply.daysAgo) },
          status: 'answered' as const,
        }),
      },
      new Date(createdAt),
    );
    await store.addFeedback(feedback);
  }
  return true;
}
