import { Router } from 'express';
import { SESSION_TTL_MS, signIn, signOut } from '../domain/auth.js';
import { profileOf } from '../domain/directory-views.js';
import { DomainError } from '../domain/errors.js';
import { statusOf } from '../http/error-handler.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import { ID_PATTERN } from '../domain/validation.js';
import { clearSessionCookie, requireRole, requireSameOrigin, sessionSecret, setSessionCookie, signedIn } from '../http/session.js';
import type { Store } from '../domain/store-port.js';

/**
 * Sign-in with one-time links. `GET /login/:key` only shows a button: mail scanners open
 * links in email, and a GET that used the key up would leave the official a dead link.
 * The button's POST exchanges the key for a session cookie.
 */
export function authRoutes(store: Store, options: { publicUrl: string }): Router {
  const router = Router();
  const secure = options.publicUrl.startsWith('https:');

  router.get('/login/:key', (req, res) => {
    if (!ID_PATTERN.test(String(req.params.key))) {
      res.status(404).type('html').send(invalidLinkPage('This is not a sign-in link.'));
      return;
    }
    res.set('Cache-Control', 'no-store').type('html').send(
      renderPage({
        lang: 'fi',
        title: 'Kirjaudu Suoraan · Sign in to Suora',
        noindex: true,
        body: html`<h1>Suora</h1>
<form method="post" action="/login/${String(req.params.key)}">
<p>Kirjaudu palautteiden hallintaan. <span lang="sv">Logga in i responshanteringen.</span> <span lang="en">Sign in to the feedback dashboard.</span></p>
<button type="submit" class="button">Kirjaudu · Logga in · Sign in</button>
</form>`,
      }),
    );
  });

  router.post('/login/:key', requireSameOrigin(options.publicUrl), async (req, res) => {
    try {
      const { sessionSecret: secret } = await signIn(store, String(req.params.key));
      setSessionCookie(res, secret, secure, SESSION_TTL_MS);
      res.redirect(303, '/dashboard');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(statusOf(error)).type('html').send(invalidLinkPage(error.message));
    }
  });

  router.post('/api/logout', requireSameOrigin(options.publicUrl), async (req, res) => {
    const secret = sessionSecret(req);
    if (secret) await signOut(store, secret);
    clearSessionCookie(res, secure);
    res.status(204).end();
  });

  router.get('/api/me', requireRole('official', 'decision-maker', 'admin'), async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await profileOf(store, signedIn(res)));
  });
  return router;
}

function invalidLinkPage(reason: string): string {
  return renderPage({
    lang: 'fi',
    title: 'Kirjautumislinkki ei kelpaa · The sign-in link is not valid',
    noindex: true,
    body: html`<h1>Kirjautumislinkki ei kelpaa · The sign-in link is not valid</h1>
<p>Linkki on jo käytetty, vanhentunut tai vajaa. Pyydä uusi linkki ylläpitäjältä.</p>
<p lang="en">${reason}</p>`,
  });
}
