import { withStore, type Command } from '../command.js';

/** The dashboards' aggregates (domain/aggregates.ts). */
export const statsCommands: Record<string, Command> = {
  'stats rebuild': {
    usage: 'suora stats rebuild         count the dashboards’ aggregates anew from the items (PostgreSQL: while the servers run)',
    options: {},
    run: () =>
      withStore(async (store) => {
        const items = await store.rebuildAggregates();
        return { text: `The dashboards’ aggregates count ${items} items, counted anew from the items.`, json: { items } };
      }),
  },
};
