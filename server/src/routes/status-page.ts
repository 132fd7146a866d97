import { Router } from 'express';
import type { FeedbackStatusView, Locale } from '../../../contract/api.js';
import type { CityIdentity } from '../city-identity.js';
import { DomainError } from '../domain/errors.js';
import { findByStatusKey, statusViewOf } from '../domain/status-page.js';
import type { Store } from '../domain/store-port.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import { askedLocale, preferredLocale } from '../http/preferred-locale.js';
import { localDate } from '../text/local-date.js';
import { TEXTS } from '../texts/index.js';

/**
 * The giver's status page, `/f/:key` (server-rendered, no script), and the same as JSON,
 * `GET /api/status/:key`. In the language asked for (`?lang=`), else the feedback's own;
 * an unknown or erased key: a 404 page in the browser's language. Neither is cached or indexed.
 */
export function statusPageRoutes(store: Store, options: { timeZone: string; identity: CityIdentity }): Router {
  const router = Router();
  const noStore = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' };

  router.get('/api/status/:key', async (req, res) => {
    const feedback = await findByStatusKey(store, req.params.key);
    res.set(noStore).json(await statusViewOf(store, feedback, askedLocale(req) ?? feedback.locale, options.timeZone));
  });

  router.get('/f/:key', async (req, res) => {
    res.set(noStore);
    try {
      const feedback = await findByStatusKey(store, req.params.key);
      res.type('html').send(statusPage(options.identity, await statusViewOf(store, feedback, askedLocale(req) ?? feedback.locale, options.timeZone)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(404).type('html').send(notFoundPage(options.identity, preferredLocale(req)));
    }
  });
  return router;
}

function statusPage(identity: CityIdentity, view: FeedbackStatusView): string {
  const t = TEXTS[view.locale].statusPage;
  const date = (iso: string) => localDate(iso, view.locale, view.timeZone);
  return renderPage({
    identity,
    lang: view.locale,
    title: t.title,
    noindex: true,
    body: html`<h1>${t.title}</h1>
<dl class="status">
<dt>${t.reference}</dt><dd>${view.id}</dd>
<dt>${t.received}</dt><dd>${date(view.createdAt)}</dd>
${view.topic ? html`<dt>${t.topic}</dt><dd>${view.topic}</dd>` : ''}
<dt>${t.status}</dt><dd>${t.statuses[view.status]}</dd>
${view.dueAt ? html`<dt>${t.due}</dt><dd>${date(view.dueAt)}</dd>` : ''}
</dl>
<h2>${t.reply}</h2>
${view.reply ? html`<p class="status-reply">${view.reply.text}</p><p>${date(view.reply.at)}</p>` : html`<p>${t.noReply}</p>`}`,
  });
}

function notFoundPage(identity: CityIdentity, locale: Locale): string {
  const t = TEXTS[locale].statusPage;
  return renderPage({ identity, lang: locale, title: t.notFound, noindex: true, body: html`<h1>${t.notFound}</h1>\n<p>${t.notFoundHelp}</p>` });
}
