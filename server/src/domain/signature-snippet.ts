import { LOCALES, type LinkInfo, type LinkWithSnippets, type Locale, type LocalizedText } from '../../../contract/api.js';
import { escapeHtml } from '../text/escape-html.js';
import { TEXTS } from '../texts/index.js';
import { mayReceiveFeedback } from './model.js';
import type { LinkDetails } from './signature-links.js';

/**
 * The address of a link's survey page, optionally with a preselected rating, a message
 * reference, and the language the page opens in (`lang`: that of the message it is in).
 */
export function surveyUrl(publicUrl: string, token: string, rating?: number, ref?: string, lang?: Locale): string {
  const query = new URLSearchParams();
  if (rating !== undefined) query.set('r', String(rating));
  if (ref) query.set('ref', ref);
  if (lang) query.set('lang', lang);
  return `${publicUrl}/s/${token}${query.size ? `?${query}` : ''}`;
}

const FACES = ['😞', '🙁', '😐', '🙂', '😀'];

/** A signature has room for two languages: Finnish and English. */
const ASK = `${TEXTS.fi.survey.title} / ${TEXTS.en.survey.title}`;
const SCALE = `1 = ${TEXTS.fi.signature.poor} / ${TEXTS.en.signature.poor}, 5 = ${TEXTS.fi.signature.excellent} / ${TEXTS.en.signature.excellent}`;

/**
 * An email signature block that survives Outlook (desktop and web), Gmail and Apple Mail:
 * a table with inline styles, no script, no stylesheet, no image; five rating links with
 * visible text. A mail system that templates its messages may append `&ref=CASE-123`.
 */
export function emailSnippetHtml(publicUrl: string, { link }: LinkDetails, ref?: string): string {
  const cell = (rating: number) =>
    `<td style="padding:0 4px 0 0;"><a href="${escapeHtml(surveyUrl(publicUrl, link.token, rating, ref))}" ` +
    `style="display:inline-block;padding:4px 8px;border:1px solid #0a5cad;border-radius:4px;` +
    `color:#0a5cad;text-decoration:none;font-family:Arial,sans-serif;font-size:14px;">` +
    `${FACES[rating - 1]}&nbsp;${rating}</a></td>`;
  return [
    '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin-top:8px;">',
    '<tr><td colspan="5" style="padding:0 0 4px 0;font-family:Arial,sans-serif;font-size:14px;color:#1b1b1b;">',
    `${escapeHtml(ASK)}</td></tr>`,
    `<tr>${[1, 2, 3, 4, 5].map(cell).join('')}</tr>`,
    '<tr><td colspan="5" style="padding:4px 0 0 0;font-family:Arial,sans-serif;font-size:12px;color:#4f5458;">',
    `${escapeHtml(SCALE)}</td></tr>`,
    '</table>',
  ].join('\n');
}

/** The same for plain-text mail: one line, one address. */
export function emailSnippetText(publicUrl: string, { link }: LinkDetails): string {
  return `${ASK} ${surveyUrl(publicUrl, link.token)}`;
}

/** One sentence and the short address, per language, to fit one SMS after a call; the link opens the survey in the SMS's language. */
export function smsText(publicUrl: string, { link }: LinkDetails): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, TEXTS[locale].signature.sms(surveyUrl(publicUrl, link.token, undefined, undefined, locale))])) as LocalizedText;
}

/** A link as its official or an admin sees it in the dashboard: with what to paste. */
export function linkWithSnippets(publicUrl: string, details: LinkDetails): LinkWithSnippets {
  const { link, official, serviceArea } = details;
  return {
    id: link.id,
    channel: link.channel,
    official: { id: official.id, name: official.name },
    serviceArea: { id: serviceArea.id, name: serviceArea.name },
    createdAt: link.createdAt,
    revokedAt: link.revokedAt,
    url: surveyUrl(publicUrl, link.token),
    html: link.channel === 'email' ? emailSnippetHtml(publicUrl, details) : null,
    text: link.channel === 'email' ? emailSnippetText(publicUrl, details) : smsText(publicUrl, details).fi,
  };
}

/**
 * A live link as its survey page shows it: who asks, for which area, through which channel.
 * What a giver is shown must be who gets the answer: when the link's owner can no longer
 * receive feedback (left, or no longer handles it), the answers go to the area's contact or
 * an admin (attribution.ts), so the page names no person, only the service area: naming
 * the fallback would show a stranger, who may change before the giver answers.
 */
export function linkInfoOf({ link, official, serviceArea }: LinkDetails): LinkInfo {
  return {
    channel: link.channel,
    official: mayReceiveFeedback(official) ? { name: official.name, title: official.title } : null,
    serviceArea: { id: serviceArea.id, name: serviceArea.name },
  };
}
