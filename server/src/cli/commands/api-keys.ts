import { API_KEY_SCOPES } from '../../domain/model.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/api-keys.js';
import { CLI, required, withStore, type Command } from '../command.js';

/** API keys for machine clients (the customer-service line's SMS surveys, Open311 readers). */
export const apiKeyCommands: Record<string, Command> = {
  'api-key create': {
    usage: `suora api-key create --name NAME --scope ${API_KEY_SCOPES.join('|')}   prints the key once`,
    options: { name: { type: 'string' }, scope: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const { key, apiKey } = await createApiKey(store, CLI, { name: required(v, 'name'), scope: required(v, 'scope') });
        return {
          text: `API key ${apiKey.name} (${apiKey.scope}), id ${apiKey.id}:\n  ${key}\nIt is shown only now: Suora keeps only its hash. Send it as "Authorization: Bearer ${key}".`,
          json: { ...apiKey, key },
        };
      }),
  },
  'api-key list': {
    usage: 'suora api-key list   names, scopes, when created and last used, revoked (never the keys)',
    options: {},
    run: () =>
      withStore(async (store) => {
        const keys = await listApiKeys(store);
        const text = keys
          .map((k) => `${k.revokedAt ? 'revoked' : 'live   '}  ${k.id}  ${k.name.padEnd(20)}  ${k.scope.padEnd(11)}  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`)
          .join('\n');
        return { text: text || 'No API keys yet.', json: keys };
      }),
  },
  'api-key revoke': {
    usage: 'suora api-key revoke NAME|ID   the key stops working at once',
    options: {},
    positionals: 1,
    run: (_v, [nameOrId]) =>
      withStore(async (store) => {
        const key = await revokeApiKey(store, CLI, nameOrId!);
        return { text: `Revoked: the API key ${key.name} no longer works.`, json: key };
      }),
  },
};
