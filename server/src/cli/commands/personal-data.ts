import { once } from 'node:events';
import path from 'node:path';
import { readConfig } from '../../config.js';
import { PersonalData } from '../../domain/personal-data-inventory.js';
import { Outbox } from '../../mail/outbox.js';
import { backupDataDirectory } from '../../store/lowdb/backup.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../domain/store-port.js';
import { CLI, UsageError, withStore, type Command } from '../command.js';

/** The data the city holds: retention purge, a person's access and erasure, backup and export. */
export const personalDataCommands: Record<string, Command> = {
  purge: {
    usage: 'suora purge [--days N]              remove contact data and free text older than SUORA_RETENTION_DAYS',
    options: { days: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const days = v.days === undefined ? readConfig().retentionDays : Number(v.days);
        if (!Number.isInteger(days) || days < 1) throw new UsageError('--days is a whole number of days, 1 or more.');
        const purged = await personalData(store).purge(days, { actor: CLI });
        return { text: `Purged contact data and free text from ${purged} items older than ${days} days.`, json: { purged, days } };
      }),
  },
  access: {
    usage: 'suora access --email EMAIL | --phone NUMBER | --id REF   a person’s own feedback, as JSON',
    options: { email: { type: 'string' }, phone: { type: 'string' }, id: { type: 'string' } },
    // Not read-only: the access is audited (with lowdb, stop the server first).
    run: (v) =>
      withStore(async (store) => {
        const copy = await personalData(store).access(CLI, { email: v.email as string | undefined, phone: v.phone as string | undefined, id: v.id as string | undefined });
        return { text: JSON.stringify(copy, null, 2), json: copy };
      }),
  },
  erase: {
    usage: 'suora erase --email EMAIL | --phone NUMBER | --id REF   erase a person’s feedback (and SMS data) for good',
    options: { email: { type: 'string' }, phone: { type: 'string' }, id: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const who = { email: v.email as string | undefined, phone: v.phone as string | undefined, id: v.id as string | undefined };
        const data = personalData(store);
        const erasure = await data.erase(CLI, who);
        // Every place that held a copy, items or not (an SMS in the outbox, a quiet-period hash).
        const lines = data.places.filter((place) => erasure.removed[place.key]).map((place) => `  ${erasure.removed[place.key]} from ${place.name}`);
        const items = erasure.erased.length ? `Erased ${erasure.erased.length} items: ${erasure.erased.join(', ')}.` : 'No feedback items found.';
        return { text: lines.length ? [items, 'Removed:', ...lines].join('\n') : 'Nothing to erase.', json: erasure };
      }),
  },
  backup: {
    usage: 'suora backup DIR                     a consistent copy of the lowdb data directory, also while the server runs',
    options: {},
    positionals: 1,
    async run(_v, [target]) {
      const config = readConfig();
      if (config.databaseUrl) throw new UsageError('With DATABASE_URL, back up PostgreSQL with pg_dump.');
      const files = await backupDataDirectory(config.dataDir, target!);
      return { text: `Copied ${files} files from ${config.dataDir} to ${target}.`, json: { files, from: config.dataDir, to: target } };
    },
  },
  export: {
    usage: 'suora export [--json]         all feedback with its attribution',
    options: {},
    async run(values) {
      // Read-only: safe while the server runs, since lowdb replaces files atomically.
      const store = await openStore(readConfig(), { readOnly: true });
      // Written a batch at a time: a million items would not fit in one string.
      const write = (text: string) => (process.stdout.write(text) ? Promise.resolve() : once(process.stdout, 'drain').then(() => {}));
      let count = 0;
      try {
        if (values.json) await write('[');
        for await (const batch of store.feedbackBatches()) {
          const items = batch.map(({ editKeyHash: _, editableUntil: __, statusKeyHash: ___, ...item }) => item);
          const lines = values.json
            ? items.map((item) => `\n  ${JSON.stringify(item)}`).join(',')
            : items.map((f) => `${f.createdAt}  ${f.id}  ${f.channel}  ${f.topicId ?? '-'}  ${f.officialId}  ${f.rating ?? '-'}  ${f.comment ?? ''}\n`).join('');
          await write(count > 0 && values.json ? `,${lines}` : lines);
          count += items.length;
        }
        await write(values.json ? (count > 0 ? '\n]\n' : ']\n') : count > 0 ? '' : 'No feedback yet.\n');
      } finally {
        await store.close();
      }
    },
  },
};

/**
 * Access, erasure and purge over every place of the inventory. A server running beside the
 * command line (on PostgreSQL) needs no word of an erasure: its digests read their items
 * from the database when they are sent.
 */
function personalData(store: Store): PersonalData {
  const config = readConfig();
  return new PersonalData(store, { outbox: new Outbox(path.join(config.dataDir, 'outbox')), outboxRetentionDays: config.outboxRetentionDays });
}
