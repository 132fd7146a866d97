import type { Actor, AuditDetail } from '../domain/audit.js';
import { activeOfficialByEmail, issueLoginKey } from '../domain/auth.js';
import type { Official } from '../domain/model.js';
import type { Store } from '../domain/store-port.js';
import { TEXTS } from '../texts/index.js';
import type { Mail, Mailer } from './mailer.js';

/**
 * The sign-in email, in the official's language: it names the account (name and id)
 * and the role the link signs into, so that a person who gets someone else's link sees it
 * is not theirs.
 */
function signInMail(official: Official, url: string): Mail {
  const account = `${official.name} (${official.id})`;
  const t = TEXTS[official.locale].signIn;
  return {
    kind: 'sign-in',
    officialId: official.id,
    to: official.email,
    locale: official.locale,
    subject: t.mailSubject(account),
    body: [t.mailBody(account, t.roles[official.role]), { link: url }],
  };
}

/**
 * Issues a one-time sign-in link (audited in `actor`'s name) and emails it to its owner
 * only. `next` (a dashboard path, checked by the caller) is where the link lands.
 */
export async function emailSignInLink(
  store: Store,
  mailer: Mailer,
  publicUrl: string,
  actor: Actor,
  officialId: string,
  options: { next?: string | undefined; audit?: AuditDetail } = {},
): Promise<{ emailedTo: string; expiresAt: string }> {
  const { key, official, expiresAt } = await issueLoginKey(store, actor, officialId, new Date(), options.audit);
  const landing = options.next ? `?next=${encodeURIComponent(options.next)}` : '';
  await mailer.send(signInMail(official, `${publicUrl}/login/${key}${landing}`));
  return { emailedTo: official.email, expiresAt };
}

/**
 * Self-service: a sign-in link to the active official with this address, if there is one;
 * otherwise nothing at all (the asker is never told which it was).
 */
export async function emailSignInLinkTo(store: Store, mailer: Mailer, publicUrl: string, email: string, next: string | undefined): Promise<void> {
  const official = await activeOfficialByEmail(store, email);
  if (official) await emailSignInLink(store, mailer, publicUrl, 'server', official.id, { next, audit: { via: 'self-service' } });
}
