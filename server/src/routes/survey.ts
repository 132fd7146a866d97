import { Router } from 'express';
import { LOCALES, type Locale, type LocalizedText } from '../../../contract/api.js';
import { absoluteUrl, type CityIdentity } from '../city-identity.js';
import { DomainError } from '../domain/errors.js';
import { findLiveLink } from '../domain/signature-links.js';
import { linkInfoOf } from '../domain/signature-snippet.js';
import { statusOf } from '../http/error-handler.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import { readSurveyLink } from '../http/survey-link.js';
import { preferredLocale } from '../http/preferred-locale.js';
import type { Store } from '../domain/store-port.js';
import { TEXTS } from '../texts/index.js';

/**
 * The signature-link survey. `GET /s/:token` only shows a page: mail scanners open every
 * link, so nothing is recorded until a person interacts with the page (the survey element
 * checks for a real pointer or key event before it sends anything).
 */
export function surveyRoutes(store: Store, options: { publicUrl: string; identity: CityIdentity }): Router {
  const { identity } = options;
  const privacy = identity.privacyUrl && privacyUrls(identity.privacyUrl, options.publicUrl);
  const router = Router();

  router.get('/api/links/:token', async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ ...linkInfoOf(await findLiveLink(store, req.params.token)), ...(privacy && { privacyUrl: privacy }) });
  });

  // `*path`: a link encoded or wrapped on its way through mail may carry slashes of its own.
  router.get('/s/*path', async (req, res) => {
    const locale = preferredLocale(req);
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    const { token, rating, ref } = readSurveyLink(req.originalUrl);
    try {
      if (token === undefined) throw new DomainError('not_found', 'unknown_link', 'No survey link could be read from this address.');
      await findLiveLink(store, token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(statusOf(error)).type('html').send(linkNotInUsePage(identity, locale, error.kind === 'gone'));
      return;
    }
    res.type('html').send(
      renderPage({
        identity,
        lang: locale,
        title: TEXTS[locale].survey.title,
        noindex: true,
        head: html`<script type="module" src="/survey.js"></script>`,
        body: html`<suora-survey token="${token}" lang="${locale}"
  ${rating ? html`rating="${rating}"` : ''}
  ${ref ? html`ref="${ref}"` : ''}></suora-survey>
<noscript><p>${TEXTS[locale].survey.noscript}</p></noscript>`,
      }),
    );
  });
  return router;
}

function linkNotInUsePage(identity: CityIdentity, locale: Locale, gone: boolean): string {
  const t = TEXTS[locale].survey;
  return renderPage({
    identity,
    lang: locale,
    title: t.notInUse,
    noindex: true,
    head: html`<script type="module" src="/suora.js"></script>`,
    body: html`<h1>${t.notInUse}</h1>
<p>${gone ? t.gone : t.unknown}</p>
<p>${t.offer}</p>
<suora-feedback lang="${locale}"></suora-feedback>`,
  });
}

/** The privacy notice in every language, absolute (an integration may show the survey elsewhere). */
function privacyUrls(urls: LocalizedText, publicUrl: string): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, absoluteUrl(urls[locale], publicUrl)])) as LocalizedText;
}
