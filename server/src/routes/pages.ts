import { Router } from 'express';
import type { CityIdentity } from '../city-identity.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import { askedLocale } from '../http/preferred-locale.js';
import { TEXTS } from '../texts/index.js';

/**
 * The shells of the dashboard and the public feedback page: each one element and its bundle,
 * in Finnish unless `?lang=` asks for another of Suora's languages (the element follows the page).
 */
export function pageRoutes(options: { identity: CityIdentity }): Router {
  const router = Router();
  const { identity } = options;
  router.get('/dashboard', (req, res) => {
    const lang = askedLocale(req) ?? 'fi';
    res.set('Cache-Control', 'no-store').type('html').send(
      renderPage({
        identity,
        lang,
        title: TEXTS[lang].identity.dashboardTitle,
        head: html`<script type="module" src="/dashboard.js"></script>`,
        body: html`<suora-dashboard></suora-dashboard>`,
        noindex: true,
        bodyClass: 'app',
      }),
    );
  });
  router.get('/public', (req, res) => {
    const lang = askedLocale(req) ?? 'fi';
    res.type('html').send(
      renderPage({
        identity,
        lang,
        title: TEXTS[lang].identity.publicTitle,
        head: html`<script type="module" src="/public-feed.js"></script>`,
        body: html`<suora-public-feed heading-level="1"></suora-public-feed>`,
      }),
    );
  });
  return router;
}

