import type { Locale } from '../../../contract/api.js';
import { cityName, type CityIdentity } from '../city-identity.js';
import { TEXTS } from '../texts/index.js';
import { html, type SafeHtml } from './html.js';

export interface PageParts {
  /** The city's name, logo and statements, in the header, the title and the footer. */
  identity: CityIdentity;
  lang: Locale;
  /** What the page is; the title goes on to name the city. */
  title: string;
  /** Scripts for the head (module bundles only: the CSP allows no inline script). */
  head?: SafeHtml;
  body: SafeHtml;
  /** Keep search engines away (survey and sign-in pages). */
  noindex?: boolean;
  bodyClass?: string;
}

/**
 * Every HTML page Suora serves: one head, one stylesheet, the city's header, the body in a
 * main landmark, and a footer linking the city's privacy notice and accessibility statement
 * (a public body must link both), all in the page's language.
 */
export function renderPage(parts: PageParts): string {
  return html`<!doctype html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${parts.noindex ? html`<meta name="robots" content="noindex">` : ''}
<title>${parts.title} – ${cityName(parts.identity, parts.lang)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/page.css">
${parts.head ?? ''}
</head>
<body${parts.bodyClass ? html` class="${parts.bodyClass}"` : ''}>
${cityHeader(parts.identity, parts.lang)}
<main>
${parts.body}
</main>
${cityFooter(parts.identity, parts.lang)}
</body>
</html>
`.value;
}

/** The logo stands for the city's name (its alt text) where there is one; otherwise the name is written out. */
function cityHeader(identity: CityIdentity, lang: Locale): SafeHtml {
  const name = cityName(identity, lang);
  const logo = identity.logoUrl?.[lang];
  return html`<header class="city-header"><div class="city-header-inner">
${logo ? html`<img class="city-logo" src="${logo}" alt="${name}">` : html`<span class="city-name">${name}</span>`}
<span class="city-service">${TEXTS[lang].identity.service}</span>
</div></header>`;
}

function cityFooter(identity: CityIdentity, lang: Locale): SafeHtml | '' {
  const t = TEXTS[lang].identity;
  const links = [
    [identity.privacyUrl?.[lang], t.privacy],
    [identity.accessibilityUrl?.[lang], t.accessibility],
  ].filter((link): link is [string, string] => link[0] !== undefined);
  if (links.length === 0) return '';
  return html`<footer class="city-footer"><ul>
${links.map(([href, text]) => html`<li><a href="${href}">${text}</a></li>`)}
</ul></footer>`;
}
