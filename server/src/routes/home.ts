import express, { Router } from 'express';
import { html } from '../http/html.js';
import { LOCALES } from '../../../contract/api.js';
import { renderPage } from '../http/page.js';
import type { CityIdentity } from '../city-identity.js';
import { preferredLocale } from '../http/preferred-locale.js';
import { TEXTS } from '../texts/index.js';

export interface HomeRoutesOptions {
  publicUrl: string;
  assetsDir: string;
  demo: boolean;
  identity: CityIdentity;
}

/** `GET /`: what this server is, and how a city page embeds the widget, in the visitor's language. */
export function homeRoutes(options: HomeRoutesOptions): Router {
  const router = Router();
  router.use('/assets', express.static(options.assetsDir, { maxAge: '1h' }));
  router.get('/', (req, res) => {
    const locale = preferredLocale(req);
    const t = TEXTS[locale].home;
    const snippet = `<script type="module" src="${options.publicUrl}/suora.js" blocking="render"></script>\n<suora-feedback></suora-feedback>`;
    res.type('html').send(
      renderPage({
        identity: options.identity,
        lang: locale,
        title: t.title,
        body: html`<h1>Suora</h1>
<p>${t.intro}</p>
<ul>
<li><a href="/public">${t.publicFeed}</a></li>
<li><a href="/dashboard">${t.dashboard}</a></li>
</ul>
${options.demo
  ? html`<h2>${t.demo}</h2>
<ul>
<li><a href="/demo/">${t.demoPage}</a></li>
<li><a href="/demo/messages">${t.demoMessages}</a></li>
</ul>`
  : ''}
<h2>${t.embed}</h2>
<pre><code>${snippet}</code></pre>
<p>${LOCALES.filter((l) => l !== locale).map((l) => html`<a href="/?lang=${l}" lang="${l}">${TEXTS[l].home.title}</a> `)}</p>`,
      }),
    );
  });
  return router;
}
