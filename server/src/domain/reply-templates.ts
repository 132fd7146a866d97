import { newTypableId } from './secrets.js';
import { z } from 'zod';
import { COMMENT_MAX_LENGTH, LOCALES, type Locale, type ReplyTemplateInput } from '../../../contract/api.js';
import type { Store } from './store-port.js';
import { audit, type Actor } from './audit.js';
import { parse } from './directory.js';
import { DomainError } from './errors.js';
import type { Official, ReplyTemplate } from './model.js';
import type { Holds, MatchesContract } from './type-checks.js';
import { ID_PATTERN, text } from './validation.js';

/**
 * Reply templates: texts an official inserts into a reply and edits before sending. Admins
 * keep them, each in every language (the giver's language decides which is inserted),
 * for every area or for one. Every change is audited here, in the actor's name.
 */

const LANGUAGE_NAMES: Record<Locale, string> = { fi: 'Finnish', sv: 'Swedish', en: 'English' };

const name = text('The template’s name', 200).min(1, { error: 'Give the template a name.' });

/** Every language required: a template missing one could not answer a giver who wrote in it. */
const texts = z.strictObject(
  Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      z
        .string({ error: `Write the template in ${LANGUAGE_NAMES[locale]} (${locale}) too.` })
        .trim()
        .min(1, { error: `Write the template in ${LANGUAGE_NAMES[locale]} (${locale}) too.` })
        .max(COMMENT_MAX_LENGTH, { error: `The ${LANGUAGE_NAMES[locale]} text is at most ${COMMENT_MAX_LENGTH} characters.` }),
    ]),
  ) as Record<Locale, z.ZodString>,
  { error: `Give the template’s text in ${LOCALES.join(', ')}: { ${LOCALES.map((l) => `"${l}": "…"`).join(', ')} }.` },
);

const area = z
  .string({ error: 'The service area is an id, or null for every area.' })
  .regex(ID_PATTERN, { error: 'The service area is an id, or null for every area.' })
  .nullable();

export const templateInput = z.strictObject({ name, serviceAreaId: area.optional(), text: texts });
export const templateChanges = z.strictObject({ name: name.optional(), serviceAreaId: area.optional(), text: texts.optional() });

type _Contract = [
  Holds<MatchesContract<z.input<typeof templateInput>, ReplyTemplateInput>>,
  Holds<MatchesContract<z.input<typeof templateChanges>, Partial<ReplyTemplateInput>>>,
];

/** The templates one person may insert: an admin every one; an official those for every area and for their own. By name. */
export async function templatesFor(store: Store, reader: Official): Promise<ReplyTemplate[]> {
  const all = await store.listReplyTemplates();
  const theirs = reader.role === 'admin' ? all : all.filter((t) => t.serviceAreaId === null || t.serviceAreaId === reader.serviceAreaId);
  return theirs.sort((a, b) => a.name.localeCompare(b.name, 'fi') || (a.id < b.id ? -1 : 1));
}

export async function addTemplate(store: Store, actor: Actor, input: unknown): Promise<ReplyTemplate> {
  const data = parse(templateInput, input);
  const template: ReplyTemplate = { id: newTypableId(10), name: data.name, serviceAreaId: data.serviceAreaId ?? null, text: data.text };
  await requireArea(store, template.serviceAreaId);
  await store.saveReplyTemplate(template);
  await audit(store, actor, 'template-add', { targetId: template.id });
  return template;
}

/** Changes a template's name, area or texts (all languages at once). */
export async function updateTemplate(store: Store, actor: Actor, id: string, input: unknown): Promise<ReplyTemplate> {
  const template = await requireTemplate(store, id);
  const changes = parse(templateChanges, input);
  const updated: ReplyTemplate = {
    ...template,
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.serviceAreaId !== undefined && { serviceAreaId: changes.serviceAreaId }),
    ...(changes.text !== undefined && { text: changes.text }),
  };
  await requireArea(store, updated.serviceAreaId);
  await store.saveReplyTemplate(updated);
  await audit(store, actor, 'template-change', { targetId: template.id });
  return updated;
}

export async function removeTemplate(store: Store, actor: Actor, id: string): Promise<void> {
  const template = await requireTemplate(store, id);
  await store.deleteReplyTemplate(template.id);
  await audit(store, actor, 'template-remove', { targetId: template.id });
}

async function requireTemplate(store: Store, id: string): Promise<ReplyTemplate> {
  const template = (await store.listReplyTemplates()).find((t) => t.id === id);
  if (!template) throw new DomainError('not_found', 'not_found', `There is no reply template "${id}".`);
  return template;
}

async function requireArea(store: Store, areaId: string | null): Promise<void> {
  if (areaId === null || (await store.getServiceArea(areaId))) return;
  throw new DomainError('invalid_input', 'unknown_service_area', `There is no service area "${areaId}".`, { serviceAreaId: 'No such service area.' });
}
