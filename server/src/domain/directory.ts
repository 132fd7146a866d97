import { assertMayRetire, assertNotRetired } from './retired-areas.js';
import { z } from 'zod';
import { LOCALES, type DirectoryProblem, type LocalizedText } from '../../../contract/api.js';
import type { Store } from './store-port.js';
import { audit, type Actor, type ChangedField } from './audit.js';
import { DomainError } from './errors.js';
import { mayReceiveFeedback, ROLES, type Official, type ServiceArea, type Topic } from './model.js';
import { DEFAULT_TARGET_DAYS, MAX_TARGET_DAYS } from './response-target.js';
import { ID_PATTERN, text } from './validation.js';

/**
 * The city's organisation as Suora knows it: service areas, topics and officials. Used by
 * the command line and the admin side, which both hand it untrusted input. Every change is
 * audited here, in the actor's name, so no caller can forget it.
 */

const id = z.string().regex(ID_PATTERN, { error: 'Use 1–64 letters, digits, - or _.' }).meta({ description: 'An id: 1–64 letters, digits, - or _.' });
const name = text('The name', 200).min(1, { error: 'Give a name.' });
const localizedName = z.strictObject(Object.fromEntries(LOCALES.map((locale) => [locale, name])) as Record<keyof LocalizedText, typeof name>);
// Stored trimmed: " Aino@example.fi" and "aino@example.fi" are one person's address.
const email = z.string({ error: 'Give a valid email address.' }).trim().pipe(z.email({ error: 'Give a valid email address.' }));
const targetMessage = `The response target is a whole number of working days from 1 to ${MAX_TARGET_DAYS}.`;
const targetDays = z
  .number({ error: targetMessage })
  .int({ error: targetMessage })
  .min(1, { error: targetMessage })
  .max(MAX_TARGET_DAYS, { error: targetMessage })
  .meta({ description: `The response target: working days (Monday to Friday, Finnish public holidays excluded) from arrival to the due date, default ${DEFAULT_TARGET_DAYS}.` });
const role = z.enum(ROLES, { error: `The role is one of ${ROLES.join(', ')}.` });
const locale = z.enum(LOCALES, { error: `The language is one of ${LOCALES.join(', ')}.` });

export const serviceAreaInput = z.strictObject({ id: id.optional(), name: localizedName, officialId: id.optional() });
export const topicInput = z.strictObject({
  id: id.optional(),
  name: localizedName,
  serviceAreaId: id,
  officialId: id,
  forBusinesses: z.boolean().default(false),
  targetDays: targetDays.default(DEFAULT_TARGET_DAYS),
});
export const officialInput = z.strictObject({
  id: id.optional(),
  name,
  title: text('The title', 200).default(''),
  email,
  serviceAreaId: id,
  role: role.default('official'),
  // The language of their mail: the city's first language unless given.
  locale: locale.default('fi'),
});

export type ServiceAreaInput = z.input<typeof serviceAreaInput>;
export type TopicInput = z.input<typeof topicInput>;
export type OfficialInput = z.input<typeof officialInput>;

export async function addServiceArea(store: Store, actor: Actor, input: ServiceAreaInput): Promise<ServiceArea> {
  const data = parse(serviceAreaInput, input);
  const area: ServiceArea = { id: data.id ?? slug(data.name.en), name: data.name, retired: false };
  assertNew(await store.getServiceArea(area.id), 'service area', area.id);
  if (data.officialId !== undefined) {
    await requireHandler(store, data.officialId, 'officialId');
    area.officialId = data.officialId;
  }
  await store.saveServiceArea(area);
  await audit(store, actor, 'area-add', { targetId: area.id });
  return area;
}

export const serviceAreaChanges = z.strictObject({
  name: localizedName.optional(),
  officialId: id.optional(),
  retired: z.boolean({ error: 'retired is true or false.' }).optional(),
});

/**
 * Changes an area's names, its contact (the official who receives the area's feedback that
 * has no topic), or retires it or brings it back (`retired`; see retired-areas.ts).
 */
export async function updateServiceArea(store: Store, actor: Actor, areaId: string, input: unknown): Promise<ServiceArea> {
  const changes = parse(serviceAreaChanges, input);
  const area = await store.getServiceArea(areaId);
  if (!area) throw new DomainError('not_found', 'not_found', `There is no service area "${areaId}".`);
  if (changes.officialId !== undefined) await requireHandler(store, changes.officialId, 'officialId');
  if (changes.retired && !area.retired) await assertMayRetire(store, area);
  const updated: ServiceArea = { ...area, ...withoutUndefined(changes) };
  await store.saveServiceArea(updated);
  await audit(store, actor, 'area-change', { targetId: area.id }, { fields: changedFields(area, updated) });
  return updated;
}

export async function addTopic(store: Store, actor: Actor, input: TopicInput): Promise<Topic> {
  const data = parse(topicInput, input);
  const topic: Topic = { ...data, id: data.id ?? slug(data.name.en), retired: false };
  assertNew(await store.getTopic(topic.id), 'topic', topic.id);
  assertNotRetired(await requireServiceArea(store, topic.serviceAreaId));
  await requireHandler(store, topic.officialId, 'officialId');
  await store.saveTopic(topic);
  await audit(store, actor, 'topic-add', { targetId: topic.id });
  return topic;
}

export async function addOfficial(store: Store, actor: Actor, input: OfficialInput): Promise<Official> {
  const data = parse(officialInput, input);
  const official: Official = { ...data, id: data.id ?? slug(data.name), active: true };
  assertNew(await store.getOfficial(official.id), 'official', official.id);
  await requireServiceArea(store, official.serviceAreaId);
  await assertEmailFree(store, official.email, official.id);
  await store.saveOfficial(official);
  await audit(store, actor, 'official-add', { targetId: official.id }, { role: official.role });
  return official;
}

export const officialChanges = z.strictObject({
  name: name.optional(),
  title: text('The title', 200).optional(),
  email: email.optional(),
  serviceAreaId: id.optional(),
  role: role.optional(),
  active: z.boolean({ error: 'active is true or false.' }).optional(),
  locale: locale.optional(),
  /** Who takes over when the person is deactivated (or no longer handles feedback). */
  successor: id.optional().meta({ description: 'Who takes over the person’s open items, topics, areas and links when they are deactivated or stop handling feedback.' }),
});

/**
 * Changes an official's name, title, email, area, role, `active` or `locale` (the language of their mail). Deactivating needs a
 * `successor` (an active official who may receive feedback): the leaver's open items,
 * topics, area contacts and live signature links move to them. A role change that ends
 * the person's handling of feedback needs one too while they still hold any of those
 * (`invalid_input`, `successor_required`, the message naming what they hold), so no change
 * to a person leaves anything routed to someone who cannot open it. A change to who the
 * account is (deactivation, role, email) ends every session of the person and voids their
 * unused sign-in links at once. Nobody can deactivate or demote the last active admin
 * (`conflict`), so the city is never locked out of its own Suora.
 *
 * Emails are compared trimmed and case-insensitively, nothing more: plus-addressing
 * (`aino.virtanen+x@example.fi`) is a different address by RFC 5321 (the local part is the
 * mail server's to interpret), so it is a distinct identity here, as the mail system sees it.
 */
export async function updateOfficial(store: Store, actor: Actor, officialId: string, input: unknown): Promise<Official> {
  const { successor: successorId, ...changes } = parse(officialChanges, input);
  const official = await store.getOfficial(officialId);
  if (!official) throw new DomainError('not_found', 'not_found', `There is no official "${officialId}".`);
  if (changes.serviceAreaId !== undefined) await requireServiceArea(store, changes.serviceAreaId);
  if (changes.email !== undefined) await assertEmailFree(store, changes.email, official.id);
  const updated: Official = { ...official, ...withoutUndefined(changes) };
  if (updated.role === 'manager' && !(await store.getServiceArea(updated.serviceAreaId))) {
    // Kept from before, their area may be gone: a manager heads one that exists.
    throw new DomainError('invalid_input', 'manager_without_area', `A manager heads one service area, and "${updated.serviceAreaId}" does not exist: choose the area ${official.name} heads.`, {
      serviceAreaId: 'Choose the area they head.',
    });
  }

  const deactivated = official.active && !updated.active;
  const handsOver = deactivated || (mayReceiveFeedback(official) && !mayReceiveFeedback(updated));
  if (handsOver && successorId === undefined) {
    const held = await holdings(store, official.id);
    if (deactivated || held.length > 0) {
      const what = held.length ? `${official.name} still holds ${held.join(', ')}. ` : '';
      throw new DomainError('invalid_input', 'successor_required', `${what}Name a successor who takes over this person’s open feedback, topics, areas and links.`, {
        successor: 'Choose a successor.',
      });
    }
  }
  if (successorId !== undefined && !handsOver) {
    throw new DomainError('invalid_input', 'successor_not_needed', 'A successor is named only when the person is deactivated or stops handling feedback.', {
      successor: 'Not needed for this change.',
    });
  }
  if (successorId !== undefined) {
    if (successorId === official.id) {
      throw new DomainError('invalid_input', 'invalid_successor', 'The successor must be someone else.', { successor: 'Choose someone else.' });
    }
    await requireHandler(store, successorId, 'successor');
  }
  if (official.active && official.role === 'admin' && !(updated.active && updated.role === 'admin')) {
    const admins = (await store.listOfficials()).filter((o) => o.active && o.role === 'admin' && o.id !== official.id);
    if (admins.length === 0) {
      throw new DomainError('conflict', 'last_admin', 'This is the last active admin: make someone else an admin first.');
    }
  }

  const fields = changedFields(official, updated).filter((f) => f !== 'role' && (f !== 'active' || updated.active));
  if (fields.length === 0 && updated.role === official.role && !deactivated && successorId === undefined) return official;
  await store.saveOfficial(updated);
  if (fields.length) await audit(store, actor, 'official-change', { targetId: official.id }, { fields });
  if (updated.role !== official.role) {
    await audit(store, actor, 'role-change', { targetId: official.id }, { role: { from: official.role, to: updated.role } });
  }
  if (successorId !== undefined) await handOver(store, actor, official.id, successorId, deactivated);
  const identityChanged = deactivated || updated.role !== official.role || emailKey(updated.email) !== emailKey(official.email);
  if (identityChanged) await endSessions(store, actor, official.id);
  return updated;
}

/** What a person holds that must not be left with someone who cannot handle it, in words: "2 open feedback items, 1 topic". */
async function holdings(store: Store, officialId: string): Promise<string[]> {
  const [{ items }, topics, areas, links] = await Promise.all([
    store.queryFeedback({ officialId }),
    store.listTopics(),
    store.listServiceAreas(),
    store.listLinks(),
  ]);
  const counts: [number, string, string][] = [
    [items.filter((f) => f.status !== 'closed').length, 'open feedback item', 'open feedback items'],
    [topics.filter((t) => t.officialId === officialId).length, 'topic', 'topics'],
    [areas.filter((a) => a.officialId === officialId).length, 'service area contact', 'service area contacts'],
    [links.filter((l) => l.officialId === officialId && !l.revokedAt).length, 'live survey link', 'live survey links'],
  ];
  return counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
}

/**
 * Moves a leaver's work to their successor: items not closed, topics, area contacts and
 * live signature links (revoked links take no feedback and stay as the leaver's history).
 */
async function handOver(store: Store, actor: Actor, fromId: string, toId: string, deactivated: boolean): Promise<void> {
  const { items } = await store.queryFeedback({ officialId: fromId });
  const open = items.filter((f) => f.status !== 'closed');
  for (const item of open) await store.updateFeedback({ ...item, officialId: toId });
  for (const topic of await store.listTopics()) {
    if (topic.officialId === fromId) await store.saveTopic({ ...topic, officialId: toId });
  }
  for (const area of await store.listServiceAreas()) {
    if (area.officialId === fromId) await store.saveServiceArea({ ...area, officialId: toId });
  }
  for (const link of await store.listLinks()) {
    if (link.officialId === fromId && !link.revokedAt) await store.saveLink({ ...link, officialId: toId });
  }
  await audit(store, actor, deactivated ? 'official-deactivate' : 'official-change', { targetId: fromId }, { successor: toId, count: open.length });
}

/**
 * Signs the person out everywhere at once and voids the sign-in links not yet used (one
 * mailed before the change would otherwise start a new session); audited. Returns how many sessions ended.
 */
export async function endSessions(store: Store, actor: Actor, officialId: string): Promise<number> {
  const official = ID_PATTERN.test(officialId) ? await store.getOfficial(officialId) : undefined;
  if (!official) throw new DomainError('not_found', 'not_found', `There is no official "${officialId}".`);
  await store.deleteLoginKeysOf(official.id);
  const count = await store.deleteSessionsOf(official.id);
  await audit(store, actor, 'sessions-end', { targetId: official.id }, { count });
  return count;
}

export const topicChanges = z.strictObject({
  name: localizedName.optional(),
  officialId: id.optional(),
  forBusinesses: z.boolean().optional(),
  retired: z.boolean({ error: 'retired is true or false.' }).optional(),
  targetDays: targetDays.optional(),
});

/**
 * Changes a topic's names, its responsible official (where its feedback is routed), its
 * business form, its response target (for feedback that arrives after the change), or
 * retires it (`retired: true`: no longer offered; its feedback stays).
 */
export async function updateTopic(store: Store, actor: Actor, topicId: string, input: unknown): Promise<Topic> {
  const changes = parse(topicChanges, input);
  const topic = await store.getTopic(topicId);
  if (!topic) throw new DomainError('not_found', 'not_found', `There is no topic "${topicId}".`);
  if (changes.officialId !== undefined) await requireHandler(store, changes.officialId, 'officialId');
  const updated: Topic = { ...topic, ...withoutUndefined(changes) };
  await store.saveTopic(updated);
  await audit(store, actor, 'topic-change', { targetId: topic.id }, { fields: changedFields(topic, updated) });
  return updated;
}

/**
 * What in the directory breaks its rules, for admins to fix: officials sharing an email
 * (in any case), and topics, area contacts or live links owned by someone who cannot
 * receive feedback (inactive, a decision-maker, or gone). Ids only, so it can be logged.
 */
export type { DirectoryProblem };

export async function directoryProblems(store: Store): Promise<DirectoryProblem[]> {
  const [officials, topics, areas, links] = await Promise.all([store.listOfficials(), store.listTopics(), store.listServiceAreas(), store.listLinks()]);
  const problems: DirectoryProblem[] = [];
  const byEmail = new Map<string, string[]>();
  for (const o of officials) {
    const key = emailKey(o.email);
    byEmail.set(key, [...(byEmail.get(key) ?? []), o.id]);
  }
  for (const officialIds of byEmail.values()) {
    if (officialIds.length > 1) {
      problems.push({ code: 'duplicate_email', officialIds, message: `Officials ${officialIds.join(', ')} share one email address: sign-in links for each go to the same person. Give each their own.` });
    }
  }
  const byId = new Map(officials.map((o) => [o.id, o]));
  const check = (owner: 'topic' | 'serviceArea' | 'link', itemId: string, officialId: string | undefined) => {
    const holder = officialId === undefined ? undefined : byId.get(officialId);
    if (officialId === undefined || (holder && mayReceiveFeedback(holder))) return;
    const label = { topic: 'Topic', serviceArea: 'Service area', link: 'Signature link' }[owner];
    problems.push({
      code: 'ineligible_owner',
      owner,
      id: itemId,
      officialId,
      message: `${label} ${itemId} belongs to ${officialId}, who cannot receive feedback (inactive, not an official or admin, or unknown): its feedback goes to the area's contact or an admin until it is given to someone else.`,
    });
  };
  for (const t of topics) check('topic', t.id, t.officialId);
  for (const a of areas) check('serviceArea', a.id, a.officialId);
  for (const l of links) if (!l.revokedAt) check('link', l.id, l.officialId);
  return problems;
}

/** How emails are compared: trimmed, case-insensitive. */
export function emailKey(address: string): string {
  return address.trim().toLowerCase();
}

async function assertEmailFree(store: Store, address: string, ownId: string): Promise<void> {
  const key = emailKey(address);
  if ((await store.listOfficials()).some((o) => o.id !== ownId && emailKey(o.email) === key)) {
    throw new DomainError('conflict', 'email_taken', 'Another official already has this email address. Each person signs in with their own address.', {
      email: 'This address is already in use.',
    });
  }
}

function changedFields<T extends object>(before: T, after: T): ChangedField[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  ) as ChangedField[];
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

/** A readable id from a name: "Kaupunkiympäristö" → "kaupunkiymparisto". */
function slug(text: string): string {
  const result = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return result || 'item';
}

/** The input as `schema` reads it, or `invalid_input` naming each field that breaks it (shared by the directory, deputies and templates). */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(input)', i.message]));
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join(' ');
  throw new DomainError('invalid_input', 'invalid_input', summary, fields);
}

function assertNew(existing: unknown, kind: string, itemId: string): void {
  if (existing) throw new DomainError('conflict', 'already_exists', `A ${kind} with the id "${itemId}" already exists.`);
}

async function requireServiceArea(store: Store, areaId: string): Promise<ServiceArea> {
  const area = await store.getServiceArea(areaId);
  if (area) return area;
  throw new DomainError('invalid_input', 'unknown_service_area', `There is no service area "${areaId}".`, {
    serviceAreaId: 'No such service area.',
  });
}

/**
 * The official `officialId` names, if they may own a topic, an area or a link: only an
 * active person whose role handles feedback (see HANDLING_ROLES); `invalid_input` otherwise.
 */
export async function requireHandler(store: Store, officialId: string, field: string): Promise<Official> {
  const official = ID_PATTERN.test(officialId) ? await store.getOfficial(officialId) : undefined;
  if (!official) {
    throw new DomainError('invalid_input', 'unknown_official', `There is no official "${officialId}".`, { [field]: 'No such official.' });
  }
  if (!mayReceiveFeedback(official)) {
    const why = official.active ? `is a ${official.role}` : 'is no longer active';
    throw new DomainError('invalid_input', 'not_a_handler', `${official.name} ${why}: only active officials and admins can own topics, areas and survey links or receive feedback.`, {
      [field]: 'This person cannot receive feedback.',
    });
  }
  return official;
}
