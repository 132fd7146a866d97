import path from 'node:path';
import express, { Router } from 'express';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { emailSnippetHtml, smsText } from '../domain/signature-snippet.js';
import { findLiveLink } from '../domain/signature-links.js';
import { html, SafeHtml } from '../http/html.js';
import { renderPage } from '../http/page.js';
import type { CityIdentity } from '../city-identity.js';
import type { Store } from '../domain/store-port.js';
import type { Outbox } from '../mail/outbox.js';
import { smsInOutbox } from '../sms/sms-outbox.js';
import { localDateTime } from '../text/local-date.js';

/** The demo's messages are Lahti's, in Finnish. */
const PAGE_LANG = 'fi';

/**
 * The demo's pages: the sample city page, a sample email and SMS with live survey links,
 * and the SMS surveys asked for through the API (`smsOutbox`: where they were written), at
 * the city's time (`timeZone`).
 */
export function demoRoutes(store: Store, options: { publicUrl: string; demoDir: string; identity: CityIdentity; timeZone: string; smsOutbox?: Outbox | undefined }): Router {
  const router = Router();
  router.use('/demo', express.static(path.join(options.demoDir, 'pages')));

  router.get('/demo/messages', async (_req, res) => {
    const links = (await store.listLinks()).filter((l) => !l.revokedAt);
    const email = links.find((l) => l.channel === 'email');
    const sms = links.find((l) => l.channel === 'sms');
    if (!email || !sms) {
      res.status(404).type('text/plain').send('The demo has no live email and SMS links.');
      return;
    }
    const emailDetails = await findLiveLink(store, email.token);
    const smsDetails = await findLiveLink(store, sms.token);
    // The snippet is our own HTML, exactly as an official pastes it into a signature: its
    // inline style attributes are what mail clients need, so this page alone allows them.
    const csp = res.getHeader('Content-Security-Policy');
    if (typeof csp === 'string') res.setHeader('Content-Security-Policy', `${csp};style-src-attr 'unsafe-inline'`);
    const signature = new SafeHtml(emailSnippetHtml(options.publicUrl, emailDetails, 'LAHTI-2026-0142'));
    const sent = options.smsOutbox ? (await smsInOutbox(options.smsOutbox)).reverse() : [];
    res.type('html').send(
      renderPage({
        identity: options.identity,
        lang: PAGE_LANG,
        title: 'Esimerkkiviesti ja tekstiviesti (demo)',
        body: html`<h1>Esimerkkiviesti</h1>
<p lang="en">A sample reply from an official, with the survey signature in place. Click a rating, as a customer would.</p>
<article class="mail" aria-label="Sähköpostiviesti">
<p><strong>Lähettäjä:</strong> ${emailDetails.official.name} &lt;${emailDetails.official.email}&gt;<br>
<strong>Aihe:</strong> Re: Toimitilakysely (LAHTI-2026-0142)</p>
<p>Hei,</p>
<p>kiitos kysymyksestänne. Vapaat toimitilat löytyvät yrityspalveluiden sivulta, ja autan mielelläni lisää.</p>
<p>Ystävällisin terveisin<br>${emailDetails.official.name}<br>${emailDetails.official.title}<br>
${emailDetails.serviceArea.name.fi}, Lahden kaupunki</p>
${signature}
</article>
<h2>Esimerkkitekstiviesti</h2>
<p lang="en">The SMS a caller gets after a phone call with ${smsDetails.official.name}:</p>
<p class="sms">${smsText(options.publicUrl, smsDetails).fi}</p>
<h2>Lähetetyt tekstiviestikyselyt</h2>
<p lang="en">SMS surveys asked for through the API (<code>POST /api/sms-surveys</code>), newest first:</p>
${sent.length ? sent.map((sms) => html`<article class="sms" aria-label="Tekstiviesti"><p><strong>${maskedNumber(sms.to)}</strong> · ${localDateTime(sms.writtenMs, PAGE_LANG, options.timeZone)}</p><p>${withLinks(sms.text)}</p></article>`) : html`<p>Ei vielä yhtään. / None yet.</p>`}`,
      }),
    );
  });
  return router;
}

/** The text with its web addresses as links. */
function withLinks(text: string): SafeHtml[] {
  return text.split(/(https?:\/\/\S+)/).map((part, i) => (i % 2 ? html`<a href="${part}">${part}</a>` : html`${part}`));
}

/**
 * A caller's number with only its country code, its operator or area prefix and its last two
 * digits (`+358 40 ••• ••67`): the demo page is shown and screenshotted, the numbers are real.
 */
export function maskedNumber(e164: string): string {
  // An outbox written before numbers were checked may hold one no plan knows: all masked but its ends.
  const [country, ...parts] = (parsePhoneNumberFromString(e164)?.formatInternational() ?? `${e164.slice(0, 4)} ${e164.slice(4)}`).split(' ');
  // The prefix is kept only when more follows it (`+683 1234` has none).
  const kept = parts.length > 1 ? parts.slice(0, 1) : [];
  const groups = parts.slice(kept.length);
  const digits = groups.join('');
  const masked = '•'.repeat(Math.max(digits.length - 2, 0)) + digits.slice(-2);
  // Grouped as written (`••• ••67`), a long single group after its first three.
  const sizes = groups.length > 1 || digits.length < 6 ? groups.map((g) => g.length) : [3, digits.length - 3];
  let at = 0;
  const grouped = sizes.filter((n) => n > 0).map((n) => masked.slice(at, (at += n)));
  return [country, ...kept, ...grouped].join(' ');
}
