import { createHmac } from 'node:crypto';
import { LOCALES, type Locale } from '../../../contract/api.js';
import { readPhone } from '../../../contract/contact-details.js';
import { audit } from './audit.js';
import { requireHandler } from './directory.js';
import { DomainError } from './errors.js';
import { gsm7Septets, SINGLE_SMS_SEPTETS } from './gsm7.js';
import type { ApiKey, Official } from './model.js';
import { createLink, listLinkDetails } from './signature-links.js';
import { surveyUrl } from './signature-snippet.js';
import type { Store } from './store-port.js';
import { REF_PATTERN } from './validation.js';
import { TEXTS } from '../texts/index.js';

/** Default days a number gets no second survey. */
export const DEFAULT_SMS_QUIET_DAYS = 30;

const DAY_MS = 86_400_000;

/** One SMS to send: the number in E.164 (`+358401234567`) and the text. */
export interface OutgoingSms {
  to: string;
  text: string;
  /** The official the survey is for: admins see it when a message cannot be sent (never the number). */
  officialId: string;
}

/**
 * Where SMS go out (implemented in server/src/sms/): `send` takes the message over and
 * resolves at once; the sending, its retries and their failures are its own (a gateway
 * that is down does not fail the request that asked for the SMS).
 */
export interface SmsOutbound {
  send(sms: OutgoingSms): Promise<void>;
}

/** A request for an SMS survey, as it came (a JSON body): what is not a string counts as not given. */
export interface SmsSurveyRequest {
  phone?: unknown;
  official?: unknown;
  ref?: unknown;
  locale?: unknown;
}

/**
 * After a phone call, one SMS to the caller in their language (Finnish unless `locale`
 * says otherwise) with a survey link of the official's (channel `sms`, the official's own
 * area; made the first time) carrying the call's `ref`. Everything is checked before
 * anything happens: the number (Finnish and international forms), the official (one who
 * may receive feedback), the reference, and that the text fits one GSM 7-bit message.
 * A number that had a survey within `quietDays` gets none, and the answer does not say so
 * (`sent: false` is for the audit log and tests only): the caller must not learn from it
 * whether someone else's number called. Audited with the key's name, never the number.
 */
export async function requestSmsSurvey(
  store: Store,
  outbound: SmsOutbound,
  client: ApiKey,
  request: SmsSurveyRequest,
  options: { publicUrl: string; quietDays: number },
  now = new Date(),
): Promise<{ sent: boolean }> {
  const phone = phoneOf(request.phone);
  const locale = localeOf(request.locale);
  const ref = refOf(request.ref);
  if (typeof request.official !== 'string' || request.official === '') {
    throw new DomainError('invalid_input', 'official_missing', 'Say which official the call was with: "official" is their id in Suora.', { official: 'Required.' });
  }
  const official = await requireHandler(store, request.official, 'official');
  const text = surveyText(locale, surveyUrl(options.publicUrl, await smsLinkToken(store, official), undefined, ref ?? undefined), ref);

  const since = new Date(now.getTime() - options.quietDays * DAY_MS).toISOString();
  const sent = await store.claimSmsQuietPeriod(await numberHash(store, phone), now.toISOString(), since);
  if (sent) await outbound.send({ to: phone, text, officialId: official.id });
  await audit(store, 'server', 'sms-survey', { targetId: official.id }, { apiKey: client.name, ...(!sent && { quiet: true }) });
  return { sent };
}

/**
 * The keyed hash (HMAC-SHA-256) the quiet period keeps of a number: with a key the store
 * makes and keeps, so that the hashes alone cannot be reversed by hashing every number.
 */
export async function numberHash(store: Store, phone: string): Promise<string> {
  return createHmac('sha256', await store.serverKey('sms-quiet')).update(phone).digest('hex');
}

/** The number in E.164, or a 400 that says which forms are read. */
export function phoneOf(value: unknown): string {
  const phone = typeof value === 'string' ? readPhone(value) : null;
  if (!phone) {
    throw new DomainError(
      'invalid_input',
      'invalid_phone',
      'The phone number could not be read. Give a Finnish number such as 040 123 4567 or +358 40 123 4567, or any number with its country code (+46 70 123 45 67 or 0046 70 123 45 67).',
      { phone: 'Not a phone number.' },
    );
  }
  return phone;
}

function localeOf(value: unknown): Locale {
  if (value === undefined || value === null) return 'fi';
  if (typeof value !== 'string' || !(LOCALES as readonly string[]).includes(value)) {
    throw new DomainError('invalid_input', 'invalid_locale', `The caller's language is ${LOCALES.join(', ')} (Finnish if not given).`, { locale: `One of ${LOCALES.join(', ')}.` });
  }
  return value as Locale;
}

function refOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !REF_PATTERN.test(value)) {
    throw new DomainError('invalid_input', 'invalid_ref', 'The call\'s reference is 1–64 letters, digits or . _ : / - (such as a case number).', { ref: 'Not a reference.' });
  }
  return value;
}

/** The official's live SMS link for their own area, or a new one. */
async function smsLinkToken(store: Store, official: Official): Promise<string> {
  const live = (await listLinkDetails(store, { officialId: official.id })).find(
    ({ link }) => link.channel === 'sms' && link.serviceAreaId === official.serviceAreaId && !link.revokedAt,
  );
  return (live ?? (await createLink(store, 'server', { officialId: official.id, channel: 'sms' }))).link.token;
}

/** The SMS in `locale`; a 400 when the reference makes it longer than one message. */
export function surveyText(locale: Locale, url: string, ref: string | null): string {
  const text = TEXTS[locale].signature.sms(url);
  const septets = gsm7Septets(text);
  if (septets === undefined) throw new Error(`The ${locale} SMS text is not in the GSM 7-bit alphabet: ${text}`);
  if (septets > SINGLE_SMS_SEPTETS) {
    // The reference goes into the link percent-encoded (`/` as %2F): its room counts that way too.
    const encodedRef = ref ? new URLSearchParams({ ref }).toString().length - 'ref='.length : 0;
    const room = SINGLE_SMS_SEPTETS - (septets - encodedRef);
    throw new DomainError(
      'invalid_input',
      'ref_too_long',
      `With this reference the SMS would not fit one message: here a reference can be at most ${Math.max(room, 0)} characters (a / or : counts as three).`,
      { ref: 'Too long for one SMS.' },
    );
  }
  return text;
}
