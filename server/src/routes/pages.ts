import { Router } from 'express';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';

/** The shells of the dashboard and the public feedback page: each one element and its bundle. */
export function pageRoutes(): Router {
  const router = Router();
  router.get('/dashboard', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('html').send(
      renderPage({
        lang: 'fi',
        title: 'Suora – palautteiden hallinta',
        head: html`<script type="module" src="/dashboard.js"></script>`,
        body: html`<suora-dashboard></suora-dashboard>`,
        noindex: true,
        bodyClass: 'app',
      }),
    );
  });
  router.get('/public', (_req, res) => {
    res.type('html').send(
      renderPage({
        lang: 'fi',
        title: 'Julkinen palaute – Suora',
        head: html`<script type="module" src="/public-feed.js"></script>`,
        body: html`<suora-public-feed heading-level="1"></suora-public-feed>`,
      }),
    );
  });
  return router;
}
