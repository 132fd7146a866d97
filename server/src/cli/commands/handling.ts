import { LOCALES, type LocalizedText } from '../../../../contract/api.js';
import { clearDeputy, deputiesOf, setDeputy } from '../../domain/deputies.js';
import { addTemplate, removeTemplate } from '../../domain/reply-templates.js';
import { CLI, required, withStore, type Command, type Options, type Values } from '../command.js';

/** `--fi TEXT --sv TEXT --en TEXT`: a template's text in each of the city's languages (a missing one is refused by name). */
const textOptions: Options = Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string' }]));

function texts(values: Values): LocalizedText {
  return Object.fromEntries(LOCALES.flatMap((locale) => (values[locale] === undefined ? [] : [[locale, String(values[locale])]]))) as LocalizedText;
}

/** Deputies for periods away, and reply templates: what admins set up for everyday handling. */
export const handlingCommands: Record<string, Command> = {
  'deputies set': {
    usage: 'suora deputies set OFFICIAL --deputy ID --from YYYY-MM-DD --to YYYY-MM-DD   new feedback goes to the deputy on those days',
    options: { deputy: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    positionals: 1,
    run: (v, [officialId]) =>
      withStore(async (store) => {
        const set = await setDeputy(store, CLI, officialId!, { deputy: required(v, 'deputy'), from: required(v, 'from'), to: required(v, 'to') });
        return { text: `${set.official.name} is away ${set.from} – ${set.to}; ${set.deputy.name} handles new feedback (period ${set.id}).`, json: set };
      }),
  },
  'deputies list': {
    usage: 'suora deputies list OFFICIAL',
    options: {},
    positionals: 1,
    run: (_v, [officialId]) =>
      withStore(async (store) => {
        const { absences, covering } = await deputiesOf(store, CLI, officialId!);
        const lines = [
          ...absences.map((p) => `${p.id}  away ${p.from} – ${p.to}, deputy ${p.deputy.id} (${p.deputy.name})`),
          ...covering.map((p) => `${p.id}  covers for ${p.official.id} (${p.official.name}) ${p.from} – ${p.to}`),
        ];
        return { text: lines.length ? lines.join('\n') : `${officialId} has no periods away and covers for nobody.`, json: { absences, covering } };
      }),
  },
  'deputies clear': {
    usage: 'suora deputies clear OFFICIAL PERIOD_ID',
    options: {},
    positionals: 2,
    run: (_v, [officialId, periodId]) =>
      withStore(async (store) => {
        await clearDeputy(store, CLI, officialId!, periodId!);
        return { text: `Removed period ${periodId} of ${officialId}.`, json: { officialId, removed: periodId } };
      }),
  },
  'templates list': {
    usage: 'suora templates list',
    options: {},
    run: () =>
      withStore(async (store) => {
        const templates = await store.listReplyTemplates();
        const lines = templates.map((t) => `${t.id}  ${t.name}  (${t.serviceAreaId ?? 'every area'})`);
        return { text: lines.length ? lines.join('\n') : 'No reply templates.', json: templates };
      }),
  },
  'templates add': {
    usage: 'suora templates add --name NAME --fi TEXT --sv TEXT --en TEXT [--area ID]   without --area: for every area',
    options: { ...textOptions, name: { type: 'string' }, area: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const template = await addTemplate(store, CLI, {
          name: required(v, 'name'),
          text: texts(v),
          ...(v.area !== undefined && { serviceAreaId: String(v.area) }),
        });
        return { text: `Added reply template ${template.id}: ${template.name} (${template.serviceAreaId ?? 'every area'})`, json: template };
      }),
  },
  'templates remove': {
    usage: 'suora templates remove ID',
    options: {},
    positionals: 1,
    run: (_v, [id]) =>
      withStore(async (store) => {
        await removeTemplate(store, CLI, id!);
        return { text: `Removed reply template ${id}.`, json: { removed: id } };
      }),
  },
};
