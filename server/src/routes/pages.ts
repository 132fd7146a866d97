import { Router } from 'express';
import type { CityIdentity } from '../city-identity.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import { askedLocale, preferredLocale } from '../http/preferred-locale.js';
import { TEXTS } from '../texts/index.js';

/**
 * The shells of the dashboard, the public feedback page and the feedback form's own page: each
 * one element and its bundle, in the language of `?lang=` (the element follows the page).
 */
export function pageRoutes(options: { identity: CityIdentity }): Router {
  const router = Router();
  const { identity } = options;
  router.get('/dashboard', (req, res) => {
    const asked = askedLocale(req);
    const lang = asked ?? 'fi';
    res.set('Cache-Control', 'no-store').type('html').send(
      renderPage({
        identity,
        lang,
        title: TEXTS[lang].identity.dashboardTitle,
        // The dashboard switches language in place (the browser's, the person's choice): its page follows.
        everyTitle: { fi: TEXTS.fi.identity.dashboardTitle, sv: TEXTS.sv.identity.dashboardTitle, en: TEXTS.en.identity.dashboardTitle },
        head: html`<script type="module" src="/dashboard.js"></script>`,
        // A `?lang=` asked for is the language; else the dashboard picks the person's (and its page follows).
        body: asked ? html`<suora-dashboard lang="${asked}"></suora-dashboard>` : html`<suora-dashboard></suora-dashboard>`,
        noindex: true,
        bodyClass: 'app',
      }),
    );
  });
  // The public pages follow `?lang=`, else the browser's language; their element keeps `?lang=` in the address.
  router.get('/public', (req, res) => {
    const lang = preferredLocale(req);
    res.set('Vary', 'Accept-Language').type('html').send(
      renderPage({
        identity,
        lang,
        title: TEXTS[lang].identity.publicTitle,
        head: html`<script type="module" src="/public-feed.js"></script>`,
        body: html`<suora-public-feed heading-level="1" address feedback-href="/feedback?lang=${lang}"></suora-public-feed>`,
      }),
    );
  });
  // The feedback form on a page of its own, for "Give feedback" on the public page (no city page needed).
  router.get('/feedback', (req, res) => {
    const lang = preferredLocale(req);
    const t = TEXTS[lang].identity;
    res.set('Vary', 'Accept-Language').type('html').send(
      renderPage({
        identity,
        lang,
        title: t.feedbackTitle,
        head: html`<script type="module" src="/suora.js"></script>`,
        body: html`<h1>${t.feedbackTitle}</h1>
<p><a class="own-line" href="/public?lang=${lang}">${t.seePublic}</a></p>
<suora-feedback lang="${lang}"></suora-feedback>`,
      }),
    );
  });
  return router;
}

