import { issueLoginKey } from '../../domain/auth.js';
import { CLI, publicUrl, required, withStore, type Command } from '../command.js';

/** Signing in to the dashboard from the console. */
export const signInCommands: Record<string, Command> = {
  'login-link': {
    usage: 'suora login-link --official ID   a one-time sign-in link, valid for 15 minutes',
    options: { official: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const { key, official } = await issueLoginKey(store, CLI, required(v, 'official'));
        const url = `${publicUrl()}/login/${key}`;
        return { text: `Sign-in link for ${official.name} (${official.role}), valid once for 15 minutes:\n  ${url}`, json: { url, officialId: official.id } };
      }),
  },
};
