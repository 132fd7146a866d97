import type { Actor } from '../domain/audit.js';
import { issueLoginKey } from '../domain/auth.js';
import type { Official, Role } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import type { Mail, Mailer } from './mailer.js';

const ROLE_NAMES: Record<'fi' | 'sv' | 'en', Record<Role, string>> = {
  fi: { official: 'virkailija', 'decision-maker': 'päättäjä', admin: 'ylläpitäjä' },
  sv: { official: 'tjänsteinnehavare', 'decision-maker': 'beslutsfattare', admin: 'administratör' },
  en: { official: 'official', 'decision-maker': 'decision-maker', admin: 'admin' },
};

/**
 * The sign-in email, in Finnish, Swedish and English: it names the account (name and id)
 * and the role the link signs into, so that a person who gets someone else's link sees it
 * is not theirs.
 */
function signInMail(official: Official, url: string): Mail {
  const account = `${official.name} (${official.id})`;
  const role = (l: 'fi' | 'sv' | 'en') => ROLE_NAMES[l][official.role];
  return {
    to: official.email,
    subject: `Kirjautumislinkki Suoraan: ${account} / Sign-in link to Suora: ${account}`,
    text: [
      `Tällä linkillä kirjaudut Suoran palautteiden hallintaan tilille ${account}, roolina ${role('fi')}. Linkki toimii kerran, 15 minuutin ajan. Jos tili ei ole sinun, älä käytä linkkiä, vaan kerro ylläpitäjälle.`,
      '',
      `Med den här länken loggar du in i Suoras responshantering på kontot ${account}, med rollen ${role('sv')}. Länken fungerar en gång, i 15 minuter. Om kontot inte är ditt, använd inte länken utan meddela administratören.`,
      '',
      `This link signs you in to Suora's feedback dashboard as ${account}, with the role ${role('en')}. It works once, for 15 minutes. If this account is not yours, do not use the link: tell an admin.`,
      '',
      url,
      '',
    ].join('\n'),
  };
}

/** Issues a one-time sign-in link (audited in `actor`'s name) and emails it to its owner only. */
export async function emailSignInLink(
  store: Store,
  mailer: Mailer,
  publicUrl: string,
  actor: Actor,
  officialId: string,
): Promise<{ emailedTo: string; expiresAt: string }> {
  const { key, official, expiresAt } = await issueLoginKey(store, actor, officialId);
  await mailer.send(signInMail(official, `${publicUrl}/login/${key}`));
  return { emailedTo: official.email, expiresAt };
}
