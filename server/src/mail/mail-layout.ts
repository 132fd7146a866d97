import type { Locale } from '../../../contract/api.js';
import { absoluteUrl, cityName, type CityIdentity } from '../city-identity.js';
import { html, type SafeHtml } from '../http/html.js';
import { TEXTS } from '../texts/index.js';
import type { MailBlock } from '../domain/model.js';

/**
 * What a mail says, block by block; written out once as plain text and once as HTML, so that
 * the two parts always say the same.
 */
export type { MailBlock };

/** The city whose mail it is, and where Suora is (for logo and link paths). */
export interface MailCity {
  identity: CityIdentity;
  publicUrl: string;
}

/** The mail's plain-text part: the blocks, then the city's name and its privacy notice. */
export function mailText(city: MailCity, locale: Locale, body: readonly MailBlock[]): string {
  const t = TEXTS[locale].identity;
  const privacy = city.identity.privacyUrl?.[locale];
  const footer = [t.mailFooter(cityName(city.identity, locale)), ...(privacy ? [`${t.mailPrivacy}: ${absoluteUrl(privacy, city.publicUrl)}`] : [])];
  return `${body.map(textOf).join('\n\n')}\n\n-- \n${footer.join('\n')}\n`;
}

function textOf(block: MailBlock): string {
  if (typeof block === 'string') return block;
  if ('quote' in block) return block.quote.split(/\r?\n/).map((line) => (line ? `> ${line}` : '>')).join('\n');
  if ('link' in block) return block.link;
  return block.item.map(textOf).join('\n');
}

// Inline styles only, in simple blocks: what Outlook's and Gmail's renderers both keep.
const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b';
const LINK = 'color:#0a5cad;text-decoration:underline;word-break:break-all';

/**
 * The mail's HTML part, in one layout: the city's logo (its name as the alt text) or its
 * name in the header, the blocks, and a footer with the city's name and privacy notice.
 * Every text is escaped (the `html` tag): a giver's words are never taken as markup.
 */
export function mailHtml(city: MailCity, locale: Locale, subject: string, body: readonly MailBlock[]): string {
  const t = TEXTS[locale].identity;
  const name = cityName(city.identity, locale);
  const logo = city.identity.logoUrl?.[locale];
  const privacy = city.identity.privacyUrl?.[locale];
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f8">
<div style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;${FONT}">
<div style="margin:0 0 24px;padding:0 0 12px;border-bottom:4px solid #0a5cad">${logo
    ? html`<img src="${absoluteUrl(logo, city.publicUrl)}" alt="${name}" height="40" style="display:block;height:40px;width:auto;border:0">`
    : html`<strong style="font-size:20px">${name}</strong>`}</div>
${body.map((block) => htmlOf(block, 16))}
<div style="margin:32px 0 0;padding:12px 0 0;border-top:1px solid #b1b4b6;font-size:14px;color:#4f5458">
<p style="margin:0 0 8px">${t.mailFooter(name)}</p>
${privacy ? html`<p style="margin:0"><a href="${absoluteUrl(privacy, city.publicUrl)}" style="${LINK}">${t.mailPrivacy}</a></p>` : ''}
</div>
</div>
</body>
</html>
`.value;
}

function htmlOf(block: MailBlock, gap: number): SafeHtml {
  const margin = `margin:0 0 ${gap}px`;
  if (typeof block === 'string') return html`<p style="${margin}">${lines(block)}</p>\n`;
  if ('quote' in block) {
    return html`<blockquote style="${margin};padding:8px 16px;border-left:4px solid #b1b4b6;background:#f4f6f8">${lines(block.quote)}</blockquote>\n`;
  }
  if ('link' in block) return html`<p style="${margin}"><a href="${block.link}" style="${LINK}">${block.link}</a></p>\n`;
  return html`<div style="margin:0 0 16px;padding:12px 0 0;border-top:1px solid #dde1e4">\n${block.item.map((b) => htmlOf(b, 4))}</div>\n`;
}

/** Text with its line breaks as `<br>`, each line escaped. */
function lines(text: string): SafeHtml {
  return html`${text.split(/\r?\n/).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
