import { createLink, listLinks, revokeLink, rotateLink, type LinkDetails } from '../../domain/signature-links.js';
import { emailSnippetHtml, emailSnippetText, smsText, surveyUrl } from '../../domain/signature-snippet.js';
import { CLI, publicUrl, required, withStore, type Command, type Output } from '../command.js';

/** Signature links: an official's survey link for email signatures and SMS. */
export const linkCommands: Record<string, Command> = {
  'link create': {
    usage: 'suora link create --official ID [--area ID] [--channel email|sms]   prints the URL and the signature snippets',
    options: { official: { type: 'string' }, area: { type: 'string' }, channel: { type: 'string' } },
    run: (v) =>
      withStore(async (store) =>
        describeLink(
          await createLink(store, CLI, {
            officialId: required(v, 'official'),
            serviceAreaId: v.area as string | undefined,
            channel: v.channel as string | undefined,
          }),
        ),
      ),
  },
  'link list': {
    usage: 'suora link list [--official ID]',
    options: { official: { type: 'string' } },
    run: (v) =>
      withStore(async (store) => {
        const links = await listLinks(store, { officialId: v.official as string | undefined });
        const base = publicUrl();
        const text = links
          .map((l) => `${l.revokedAt ? 'revoked' : 'live   '}  ${l.channel.padEnd(5)}  ${l.officialId}  ${l.serviceAreaId}  ${surveyUrl(base, l.token)}`)
          .join('\n');
        return { text: text || 'No signature links yet.', json: links };
      }),
  },
  'link revoke': {
    usage: 'suora link revoke TOKEN',
    options: {},
    positionals: 1,
    run: (_v, [token]) =>
      withStore(async (store) => {
        const link = await revokeLink(store, CLI, token!);
        return { text: `Revoked: its survey page now says the link is no longer in use.`, json: link };
      }),
  },
  'link rotate': {
    usage: 'suora link rotate TOKEN   revokes it and prints a new link for the same official and area',
    options: {},
    positionals: 1,
    run: (_v, [token]) => withStore(async (store) => describeLink(await rotateLink(store, CLI, token!))),
  },
};

/** The link's URL and its snippets: SMS texts in each language, or the HTML and plain-text email signatures. */
function describeLink(details: LinkDetails): Output {
  const base = publicUrl();
  const { link, official, serviceArea } = details;
  const url = surveyUrl(base, link.token);
  const heading = `Signature link for ${official.name}, ${serviceArea.name.fi} (${link.channel}):\n  ${url}\n\n`;
  if (link.channel === 'sms') {
    const sms = smsText(base, details);
    return { text: `${heading}SMS:\n  ${sms.fi}\n  ${sms.sv}\n  ${sms.en}`, json: { ...link, url, sms } };
  }
  const html = emailSnippetHtml(base, details);
  const text = emailSnippetText(base, details);
  return {
    text: `${heading}HTML signature (see the README for Outlook and Gmail):\n${html}\n\nPlain-text signature:\n  ${text}`,
    json: { ...link, url, html, text },
  };
}
