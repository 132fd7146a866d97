import { z } from 'zod';
import type { Store } from '../store/store.js';
import { RequestError } from './errors.js';
import { ROLES, type Official, type ServiceArea, type Topic } from './model.js';
import { ID_PATTERN, text } from './validation.js';

/**
 * The city's organisation as Suora knows it: service areas, topics and officials. Used by
 * the command line and the admin side, which both hand it untrusted input.
 */

const id = z.string().regex(ID_PATTERN, { error: 'Use 1–64 letters, digits, - or _.' });
const name = text('The name', 200).min(1, { error: 'Give a name.' });
const localizedName = z.strictObject({ fi: name, sv: name, en: name });

const serviceAreaInput = z.strictObject({ id: id.optional(), name: localizedName, officialId: id.optional() });
const topicInput = z.strictObject({
  id: id.optional(),
  name: localizedName,
  serviceAreaId: id,
  officialId: id,
  forBusinesses: z.boolean().default(false),
});
const officialInput = z.strictObject({
  id: id.optional(),
  name,
  title: text('The title', 200).default(''),
  email: z.email({ error: 'Give a valid email address.' }),
  serviceAreaId: id,
  role: z.enum(ROLES, { error: `The role is one of ${ROLES.join(', ')}.` }).default('official'),
});

export type ServiceAreaInput = z.input<typeof serviceAreaInput>;
export type TopicInput = z.input<typeof topicInput>;
export type OfficialInput = z.input<typeof officialInput>;

export async function addServiceArea(store: Store, input: ServiceAreaInput): Promise<ServiceArea> {
  const data = parse(serviceAreaInput, input);
  const area: ServiceArea = { id: data.id ?? slug(data.name.en), name: data.name };
  assertNew(await store.getServiceArea(area.id), 'service area', area.id);
  if (data.officialId !== undefined) {
    await requireOfficial(store, data.officialId, 'officialId');
    area.officialId = data.officialId;
  }
  await store.saveServiceArea(area);
  return area;
}

export async function addTopic(store: Store, input: TopicInput): Promise<Topic> {
  const data = parse(topicInput, input);
  const topic: Topic = { ...data, id: data.id ?? slug(data.name.en) };
  assertNew(await store.getTopic(topic.id), 'topic', topic.id);
  await requireServiceArea(store, topic.serviceAreaId);
  await requireOfficial(store, topic.officialId, 'officialId');
  await store.saveTopic(topic);
  return topic;
}

export async function addOfficial(store: Store, input: OfficialInput): Promise<Official> {
  const data = parse(officialInput, input);
  const official: Official = { ...data, id: data.id ?? slug(data.name) };
  assertNew(await store.getOfficial(official.id), 'official', official.id);
  await requireServiceArea(store, official.serviceAreaId);
  await store.saveOfficial(official);
  return official;
}

/** Names the official who receives the area's feedback that has no topic. */
export async function setServiceAreaOfficial(store: Store, areaId: string, officialId: string): Promise<ServiceArea> {
  const area = await requireServiceArea(store, areaId);
  await requireOfficial(store, officialId, 'officialId');
  const updated = { ...area, officialId };
  await store.saveServiceArea(updated);
  return updated;
}

const officialChanges = z.strictObject({
  name: name.optional(),
  title: text('The title', 200).optional(),
  email: z.email({ error: 'Give a valid email address.' }).optional(),
  serviceAreaId: id.optional(),
  role: z.enum(ROLES, { error: `The role is one of ${ROLES.join(', ')}.` }).optional(),
});
const topicChanges = z.strictObject({
  name: localizedName.optional(),
  officialId: id.optional(),
  forBusinesses: z.boolean().optional(),
});

/** Changes an official's name, title, email, area or role. */
export async function updateOfficial(store: Store, officialId: string, input: unknown): Promise<Official> {
  const changes = parse(officialChanges, input);
  const official = await store.getOfficial(officialId);
  if (!official) throw new RequestError(404, 'not_found', `There is no official "${officialId}".`);
  if (changes.serviceAreaId !== undefined) await requireServiceArea(store, changes.serviceAreaId);
  const updated: Official = { ...official, ...withoutUndefined(changes) };
  await store.saveOfficial(updated);
  return updated;
}

/** Changes a topic's names, its responsible official (where its feedback is routed), or its business form. */
export async function updateTopic(store: Store, topicId: string, input: unknown): Promise<Topic> {
  const changes = parse(topicChanges, input);
  const topic = await store.getTopic(topicId);
  if (!topic) throw new RequestError(404, 'not_found', `There is no topic "${topicId}".`);
  if (changes.officialId !== undefined) await requireOfficial(store, changes.officialId, 'officialId');
  const updated: Topic = { ...topic, ...withoutUndefined(changes) };
  await store.saveTopic(updated);
  return updated;
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

/** A readable id from a name: "Kaupunkiympäristö" → "kaupunkiymparisto". */
export function slug(text: string): string {
  const result = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return result || 'item';
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(input)', i.message]));
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join(' ');
  throw new RequestError(400, 'invalid_input', summary, fields);
}

function assertNew(existing: unknown, kind: string, itemId: string): void {
  if (existing) throw new RequestError(409, 'already_exists', `A ${kind} with the id "${itemId}" already exists.`);
}

async function requireServiceArea(store: Store, areaId: string): Promise<ServiceArea> {
  const area = await store.getServiceArea(areaId);
  if (area) return area;
  throw new RequestError(400, 'unknown_service_area', `There is no service area "${areaId}".`, {
    serviceAreaId: 'No such service area.',
  });
}

async function requireOfficial(store: Store, officialId: string, field: string): Promise<void> {
  if (!(await store.getOfficial(officialId))) {
    throw new RequestError(400, 'unknown_official', `There is no official "${officialId}".`, {
      [field]: 'No such official.',
    });
  }
}
