import { Router, type Request } from 'express';
import { LOCALES, type Locale } from '../../../contract/api.js';
import { DomainError } from '../domain/errors.js';
import { findLiveLink } from '../domain/signature-links.js';
import { linkInfoOf } from '../domain/signature-snippet.js';
import { REF_PATTERN } from '../domain/validation.js';
import { statusOf } from '../http/error-handler.js';
import { html } from '../http/html.js';
import { renderPage } from '../http/page.js';
import type { Store } from '../domain/store-port.js';

/**
 * The signature-link survey. `GET /s/:token` only shows a page: mail scanners open every
 * link, so nothing is recorded until a person interacts with the page (the survey element
 * checks for a real pointer or key event before it sends anything).
 */
export function surveyRoutes(store: Store): Router {
  const router = Router();

  router.get('/api/links/:token', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(linkInfoOf(await findLiveLink(store, req.params.token)));
  });

  router.get('/s/:token', async (req, res) => {
    const locale = preferredLocale(req);
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
    try {
      await findLiveLink(store, req.params.token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(statusOf(error)).type('html').send(linkNotInUsePage(locale, error.kind === 'gone'));
      return;
    }
    const rating = Number(req.query.r);
    const ref = typeof req.query.ref === 'string' && REF_PATTERN.test(req.query.ref) ? req.query.ref : undefined;
    res.type('html').send(
      renderPage({
        lang: locale,
        title: SURVEY_TITLE[locale],
        noindex: true,
        head: html`<script type="module" src="/survey.js"></script>`,
        body: html`<suora-survey token="${req.params.token}" lang="${locale}"
  ${Number.isInteger(rating) && rating >= 1 && rating <= 5 ? html`rating="${rating}"` : ''}
  ${ref ? html`ref="${ref}"` : ''}></suora-survey>
<noscript><p>${NOSCRIPT[locale]}</p></noscript>`,
      }),
    );
  });
  return router;
}

const SURVEY_TITLE: Record<Locale, string> = {
  fi: 'Miten onnistuimme?',
  sv: 'Hur lyckades vi?',
  en: 'How did we do?',
};

const NOSCRIPT: Record<Locale, string> = {
  fi: 'Kysely tarvitsee JavaScriptin. Voit antaa palautetta myös vastaamalla saamaasi viestiin.',
  sv: 'Enkäten behöver JavaScript. Du kan också ge respons genom att svara på meddelandet du fick.',
  en: 'The survey needs JavaScript. You can also give feedback by replying to the message you received.',
};

const NOT_IN_USE: Record<Locale, { heading: string; gone: string; unknown: string; offer: string }> = {
  fi: {
    heading: 'Kyselylinkki ei ole käytössä',
    gone: 'Tämä kyselylinkki ei ole enää käytössä.',
    unknown: 'Tätä kyselylinkkiä ei löydy. Tarkista, että osoite on kokonainen.',
    offer: 'Voit silti antaa palautetta kaupungille:',
  },
  sv: {
    heading: 'Enkätlänken används inte',
    gone: 'Den här enkätlänken används inte längre.',
    unknown: 'Enkätlänken hittades inte. Kontrollera att adressen är hel.',
    offer: 'Du kan ändå ge respons till staden:',
  },
  en: {
    heading: 'This survey link is not in use',
    gone: 'This survey link is no longer in use.',
    unknown: 'This survey link was not found. Check that the address is complete.',
    offer: 'You can still give the city feedback:',
  },
};

function linkNotInUsePage(locale: Locale, gone: boolean): string {
  const t = NOT_IN_USE[locale];
  return renderPage({
    lang: locale,
    title: t.heading,
    noindex: true,
    head: html`<script type="module" src="/suora.js"></script>`,
    body: html`<h1>${t.heading}</h1>
<p>${gone ? t.gone : t.unknown}</p>
<p>${t.offer}</p>
<suora-feedback lang="${locale}"></suora-feedback>`,
  });
}

/** The best of fi, sv, en in the browser's Accept-Language, else Finnish. */
function preferredLocale(req: Request): Locale {
  const lang = req.query.lang;
  if (typeof lang === 'string' && (LOCALES as readonly string[]).includes(lang)) return lang as Locale;
  return (req.acceptsLanguages(...LOCALES) || 'fi') as Locale;
}
