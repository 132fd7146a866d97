import express, { Router } from 'express';
import { LOCALES, ROLES } from '../../../contract/api.js';
import { SESSION_TTL_MS, signIn, signOut } from '../domain/auth.js';
import { profileOf } from '../domain/directory-views.js';
import { DomainError } from '../domain/errors.js';
import { changeOwnSettings } from '../domain/own-settings.js';
import { requireJson } from '../http/require-json.js';
import { statusOf } from '../http/error-handler.js';
import { html, type SafeHtml } from '../http/html.js';
import { dashboardPath } from '../http/dashboard-path.js';
import { renderPage } from '../http/page.js';
import type { CityIdentity } from '../city-identity.js';
import { ID_PATTERN } from '../domain/validation.js';
import { inEveryLanguage, TEXTS, type ServerTexts } from '../texts/index.js';
import { clearSessionCookie, requireRole, requireSameOrigin, sessionSecret, setSessionCookie, signedIn } from '../http/session.js';
import type { Store } from '../domain/store-port.js';

/**
 * Sign-in with one-time links. `GET /login/:key` only shows a button: mail scanners open
 * links in email, and a GET that used the key up would leave the official a dead link.
 * The button's POST exchanges the key for a session cookie, and lands on `next` when it is
 * a dashboard path (the item a notification mail linked to).
 */
export function authRoutes(store: Store, options: { publicUrl: string; timeZone: string; identity: CityIdentity }): Router {
  const router = Router();
  const secure = options.publicUrl.startsWith('https:');

  router.get('/login/:key', (req, res) => {
    if (!ID_PATTERN.test(String(req.params.key))) {
      res.status(404).type('html').send(invalidLinkPage(options.identity, 'This is not a sign-in link.'));
      return;
    }
    const next = dashboardPath(req.query.next);
    const action = `/login/${String(req.params.key)}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    res.set('Cache-Control', 'no-store').type('html').send(
      renderPage({
        identity: options.identity,
        lang: 'fi',
        title: inEveryLanguage((t) => t.signIn.title, ' · '),
        noindex: true,
        body: html`<h1>Suora</h1>
<form method="post" action="${action}">
<p>${inSpans((t) => t.signIn.prompt)}</p>
<button type="submit" class="button">${inEveryLanguage((t) => t.signIn.button, ' · ')}</button>
</form>`,
      }),
    );
  });

  router.post('/login/:key', requireSameOrigin(options.publicUrl), async (req, res) => {
    try {
      const { sessionSecret: secret } = await signIn(store, String(req.params.key));
      setSessionCookie(res, secret, secure, SESSION_TTL_MS);
      res.redirect(303, dashboardPath(req.query.next) ?? '/dashboard');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(statusOf(error)).type('html').send(invalidLinkPage(options.identity, error.message));
    }
  });

  router.post('/api/logout', requireSameOrigin(options.publicUrl), async (req, res) => {
    const secret = sessionSecret(req);
    if (secret) await signOut(store, secret);
    clearSessionCookie(res, secure);
    res.status(204).end();
  });

  const anyStaff = requireRole(...ROLES);
  router.get('/api/me', anyStaff, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await profileOf(store, signedIn(res), options.timeZone));
  });
  router.patch('/api/me/settings', anyStaff, requireSameOrigin(options.publicUrl), requireJson, express.json({ limit: '4kb' }), async (req, res) => {
    const updated = await changeOwnSettings(store, signedIn(res), req.body);
    res.set('Cache-Control', 'no-store').json(await profileOf(store, updated, options.timeZone));
  });
  return router;
}

/** A page for everyone: the reason is the domain's message, in English. */
/** An area's name when the area is gone: empty in every language. */

function invalidLinkPage(identity: CityIdentity, reason: string): string {
  const heading = inEveryLanguage((t) => t.signIn.invalid, ' · ');
  return renderPage({
    identity,
    lang: 'fi',
    title: heading,
    noindex: true,
    body: html`<h1>${heading}</h1>
<p>${inSpans((t) => t.signIn.invalidHelp)}</p>
<p lang="en">${reason}</p>
<p><a href="/dashboard">${inEveryLanguage((t) => t.sso.back, ' · ')}</a></p>`,
  });
}

/** A text in every language, each in a span marked with its language (the page itself is Finnish). */
function inSpans(text: (t: ServerTexts) => string): SafeHtml {
  return html`${LOCALES.map((locale, i) => (i === 0 ? html`${text(TEXTS[locale])}` : html` <span lang="${locale}">${text(TEXTS[locale])}</span>`))}`;
}
