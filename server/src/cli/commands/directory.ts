import { LOCALES, type LocalizedText } from '../../../../contract/api.js';
import { addOfficial, addServiceArea, addTopic, endSessions, updateOfficial, updateServiceArea } from '../../domain/directory.js';
import { CLI, required, UsageError, withStore, type Command, type Options, type Values } from '../command.js';

/** `--fi NAME --sv NAME --en NAME`: a name in each of the city's languages. */
const nameOptions: Options = Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string' }]));

function names(values: Values): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, required(values, locale)])) as LocalizedText;
}

/** `--name --title --email --area --role --locale`: what `official add` and `official update` both set. */
const officialOptions: Options = Object.fromEntries(['name', 'title', 'email', 'area', 'role', 'locale'].map((name) => [name, { type: 'string' }]));

/** The official's fields given on the command line, by their names in the directory (`--area` is `serviceAreaId`). */
function officialFields(v: Values) {
  return {
    ...(v.name !== undefined && { name: String(v.name) }),
    ...(v.title !== undefined && { title: String(v.title) }),
    ...(v.email !== undefined && { email: String(v.email) }),
    ...(v.area !== undefined && { serviceAreaId: String(v.area) }),
    ...(v.role !== undefined && { role: String(v.role) }),
    ...(v.locale !== undefined && { locale: String(v.locale) }),
  };
}

/** The city's directory: service areas, topics and officials. */
export const directoryCommands: Record<string, Command> = {
  'area add': {
    usage: 'suora area add --fi NAME --sv NAME --en NAME [--id ID] [--official ID]',
    options: { ...nameOptions, id: { type: 'string' }, official: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const area = await addServiceArea(store, CLI, {
          ...(v.id !== undefined && { id: String(v.id) }),
          name: names(v),
          ...(v.official !== undefined && { officialId: String(v.official) }),
        });
        return { text: `Added service area ${area.id}: ${area.name.fi}`, json: area };
      }),
  },
  'area update': {
    usage:
      'suora area update ID [--fi NAME --sv NAME --en NAME] [--official ID] [--retired true|false]   the contact gets the area’s feedback that has no topic; a retired area and its topics are no longer offered',
    options: { ...nameOptions, official: { type: 'string' }, retired: { type: 'string' } },
    positionals: 1,
    run: (v, [areaId]) =>
      withStore(async (store) => {
        const named = LOCALES.some((locale) => v[locale] !== undefined);
        const area = await updateServiceArea(store, CLI, areaId!, {
          ...(named && { name: names(v) }),
          ...(v.official !== undefined && { officialId: String(v.official) }),
          ...(v.retired !== undefined && { retired: trueOrFalse(v.retired, 'retired') }),
        });
        return { text: `Updated service area ${area.id}: ${area.name.fi}${area.officialId ? ` → ${area.officialId}` : ''}${area.retired ? ' (retired)' : ''}`, json: area };
      }),
  },
  'topic add': {
    usage: 'suora topic add --area ID --official ID --fi NAME --sv NAME --en NAME [--id ID] [--business] [--target-days 1-60]',
    options: {
      ...nameOptions,
      id: { type: 'string' },
      area: { type: 'string' },
      official: { type: 'string' },
      business: { type: 'boolean' },
      'target-days': { type: 'string' },
    },
    run: (v) =>
      withStore(async (store) => {
        const topic = await addTopic(store, CLI, {
          ...(v.id !== undefined && { id: String(v.id) }),
          name: names(v),
          serviceAreaId: required(v, 'area'),
          officialId: required(v, 'official'),
          forBusinesses: v.business === true,
          ...(v['target-days'] !== undefined && { targetDays: Number(v['target-days']) }),
        });
        return { text: `Added topic ${topic.id}: ${topic.name.fi} → ${topic.officialId}`, json: topic };
      }),
  },
  'official add': {
    usage:
      'suora official add --name NAME --email EMAIL --area ID [--title TITLE] [--role official|manager|decision-maker|admin] [--locale fi|sv|en] [--id ID]',
    options: { ...officialOptions, id: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const official = await addOfficial(store, CLI, {
          ...officialFields(v),
          ...(v.id !== undefined && { id: String(v.id) }),
          name: required(v, 'name'),
          email: required(v, 'email'),
          serviceAreaId: required(v, 'area'),
        } as Parameters<typeof addOfficial>[2]);
        return { text: `Added ${official.role} ${official.id}: ${official.name} <${official.email}>`, json: official };
      }),
  },
  'official update': {
    usage:
      'suora official update ID [--name NAME] [--title TITLE] [--email EMAIL] [--area ID] [--role ROLE] [--locale fi|sv|en] [--active true|false] [--successor ID]',
    options: { ...officialOptions, active: { type: 'string' }, successor: { type: 'string' } },
    positionals: 1,
    run: (v, [officialId]) =>
      withStore(async (store) => {
        const official = await updateOfficial(store, CLI, officialId!, {
          ...officialFields(v),
          ...(v.active !== undefined && { active: trueOrFalse(v.active, 'active') }),
          ...(v.successor !== undefined && { successor: String(v.successor) }),
        });
        const state = official.active ? official.role : `inactive ${official.role}`;
        return { text: `Updated ${state} ${official.id}: ${official.name} <${official.email}>`, json: official };
      }),
  },
  'official end-sessions': {
    usage: 'suora official end-sessions ID   signs the person out everywhere at once and voids their unused sign-in links',
    options: {},
    positionals: 1,
    run: (_v, [officialId]) =>
      withStore(async (store) => {
        const ended = await endSessions(store, CLI, officialId!);
        return { text: `Ended ${ended} session(s) of ${officialId}; their unused sign-in links no longer work.`, json: { officialId, ended } };
      }),
  },
};

/** `--NAME true|false`. */
function trueOrFalse(value: unknown, name: string): boolean {
  if (value !== 'true' && value !== 'false') throw new UsageError(`--${name} is true or false.`);
  return value === 'true';
}
