import { LOCALES, type Locale } from '../../../contract/api.js';
import { cityName, type CityIdentity } from '../city-identity.js';
import { TEXTS } from '../texts/index.js';
import { html, type SafeHtml } from './html.js';

export interface PageParts {
  /** The city's name, logo and statements, in the header, the title and the footer. */
  identity: CityIdentity;
  lang: Locale;
  /** What the page is; the title goes on to name the city. */
  title: string;
  /**
   * What the page is in every language, for an app that switches language in place (the
   * dashboard): the shell then carries each language's title, header and footer as
   * `data-text-fi`, `data-href-sv`, … for the app to swap (no inline script: the CSP allows none).
   */
  everyTitle?: Record<Locale, string>;
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
  const { identity, lang } = parts;
  const every = parts.everyTitle !== undefined;
  const titleIn = (l: Locale) => `${l === lang ? parts.title : parts.everyTitle![l]} – ${cityName(identity, l)}`;
  return html`<!doctype html>
<html lang="${lang}"${every ? html` data-localized-shell` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${parts.noindex ? html`<meta name="robots" content="noindex">` : ''}
<title${inEvery(every, 'text', titleIn)}>${titleIn(lang)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/page.css">
${parts.head ?? ''}
</head>
<body${parts.bodyClass ? html` class="${parts.bodyClass}"` : ''}>
${cityHeader(identity, lang, every)}
<main>
${parts.body}
</main>
${cityFooter(identity, lang, every)}
</body>
</html>
`.value;
}

/** Each language's value of an element's text or attribute (`data-text-fi="…"`), when the page switches language in place. */
function inEvery(every: boolean, what: 'text' | 'href' | 'src' | 'alt', value: (lang: Locale) => string): SafeHtml | '' {
  return every ? html`${LOCALES.map((l) => html` data-${what}-${l}="${value(l)}"`)}` : '';
}

/** The logo stands for the city's name (its alt text) where there is one; otherwise the name is written out. */
function cityHeader(identity: CityIdentity, lang: Locale, every: boolean): SafeHtml {
  const name = (l: Locale) => cityName(identity, l);
  const logo = identity.logoUrl;
  return html`<header class="city-header"><div class="city-header-inner">
${logo
    ? html`<img class="city-logo" src="${logo[lang]}" alt="${name(lang)}"${inEvery(every, 'src', (l) => logo[l])}${inEvery(every, 'alt', name)}>`
    : html`<span class="city-name"${inEvery(every, 'text', name)}>${name(lang)}</span>`}
<span class="city-service"${inEvery(every, 'text', (l) => TEXTS[l].identity.service)}>${TEXTS[lang].identity.service}</span>
</div></header>`;
}

function cityFooter(identity: CityIdentity, lang: Locale, every: boolean): SafeHtml | '' {
  // Each URL is set in every language or in none (readCityIdentity), so the links are the same in each.
  const links = [
    [identity.privacyUrl, 'privacy'],
    [identity.accessibilityUrl, 'accessibility'],
  ] as const;
  const set = links.filter(([url]) => url !== undefined);
  if (set.length === 0) return '';
  return html`<footer class="city-footer"><ul>
${set.map(([url, text]) => html`<li><a href="${url![lang]}"${inEvery(every, 'href', (l) => url![l])}${inEvery(every, 'text', (l) => TEXTS[l].identity[text])}>${TEXTS[lang].identity[text]}</a></li>`)}
</ul></footer>`;
}
