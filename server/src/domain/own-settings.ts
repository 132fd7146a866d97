import { z } from 'zod';
import { LOCALES } from '../../../contract/api.js';
import { audit } from './audit.js';
import { parse } from './directory.js';
import type { Official } from './model.js';
import type { Store } from './store-port.js';

/**
 * What signed-in staff set for themselves (`PATCH /api/me/settings`): the language of the
 * mail Suora sends them. Nothing here changes who they are or what they may do, so no
 * session ends; audited as the admin's edit would be (`official-change`, fields `locale`).
 */
export const ownSettings = z.strictObject({
  locale: z.enum(LOCALES, { error: `The language is one of ${LOCALES.join(', ')}.` }),
});

export async function changeOwnSettings(store: Store, me: Official, input: unknown): Promise<Official> {
  const { locale } = parse(ownSettings, input);
  // Read again: the signed-in copy may be older than an admin's change made meanwhile.
  const current = (await store.getOfficial(me.id)) ?? me;
  if (current.locale === locale) return current;
  const updated: Official = { ...current, locale };
  await store.saveOfficial(updated);
  await audit(store, me, 'official-change', { targetId: me.id }, { fields: ['locale'] });
  return updated;
}
