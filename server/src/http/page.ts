import { html, type SafeHtml } from './html.js';

export interface PageParts {
  lang: string;
  title: string;
  /** Scripts for the head (module bundles only: the CSP allows no inline script). */
  head?: SafeHtml;
  body: SafeHtml;
  /** Keep search engines away (survey and sign-in pages). */
  noindex?: boolean;
  bodyClass?: string;
}

/** Every HTML page Suora serves: one head, one stylesheet, the body in a main landmark. */
export function renderPage(parts: PageParts): string {
  return html`<!doctype html>
<html lang="${parts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${parts.noindex ? html`<meta name="robots" content="noindex">` : ''}
<title>${parts.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/page.css">
${parts.head ?? ''}
</head>
<body${parts.bodyClass ? html` class="${parts.bodyClass}"` : ''}>
<main>
${parts.body}
</main>
</body>
</html>
`.value;
}
