import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../contract/api.js';
import { audit } from './audit.js';
import { requireHandler } from './directory.js';
import { DomainError } from './errors.js';
import { gsm7Septets, SINGLE_SMS_SEPTETS } from './gsm7.js';
import type { ApiKey, Official } from './model.js';
import { readMobileNumber } from './mobile-numbers.js';
import { createLink, listLinkDetails } from './signature-links.js';
import { surveyUrl } from './signature-snippet.js';
import type { Store } from './store-port.js';
import { REF_PATTERN } from './validation.js';
import { TEXTS } from '../texts/index.js';

/** Default days a number gets no second survey. */
export const DEFAULT_SMS_QUIET_DAYS = 30;

/** Default SMS survey requests per API key per minute: a busy line's calls, not a pumping run. */
export const DEFAULT_SMS_RATE_LIMIT = 30;

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

const OFFICIAL_MISSING = 'Say which official the call was with: "official" is their id in Suora.';
const LOCALE_WRONG = `The caller's language is ${LOCALES.join(', ')} (Finnish if not given).`;
const REF_WRONG = "The call's reference is 1–64 letters, digits or . _ : / - (such as a case number).";

/**
 * `POST /api/sms-surveys`'s body: the route checks it with this schema and the API
 * description is made of it. Each refusal has its own code (`FIELD_CODES`, or the phone
 * number's kind of refusal, see mobile-numbers.ts).
 */
export const smsSurveySchema = z.object(
  {
    phone: z
      .string({ error: 'Give the caller’s phone number as text, such as "040 123 4567" or "+358 40 123 4567".' })
      .transform((value, ctx) => {
        const read = readMobileNumber(value);
        if ('number' in read) return read.number;
        ctx.issues.push({ code: 'custom', message: read.message, input: value, params: { code: read.refusal } });
        return z.NEVER;
      })
      .meta({
        description:
          'The caller’s mobile number: Finnish (`040 123 4567`, `0401234567`, `+358 40 123 4567`, `00358…`) or any country’s with its code. ' +
          'A landline, a premium-rate, shared-cost, toll-free, VoIP or service number, or a satellite or other number of no country, is refused (it cannot receive an SMS or costs too much), as is an unknown country code.',
      }),
    official: z
      .string({ error: OFFICIAL_MISSING })
      .min(1, { error: OFFICIAL_MISSING })
      .meta({ description: 'The id of the official the call was with (one who may receive feedback).' }),
    ref: z
      .string({ error: REF_WRONG })
      .regex(new RegExp(`^$|${REF_PATTERN.source}`), { error: REF_WRONG })
      .transform((ref) => ref || null)
      .nullable()
      .optional()
      .meta({ description: 'The call’s reference, carried by the survey link into the answers; short enough that the SMS stays one GSM 7-bit message. Empty: none.' }),
    locale: z.enum(LOCALES, { error: LOCALE_WRONG }).nullable().optional().meta({ description: 'The caller’s language; Finnish if not given.' }),
  },
  { error: 'Send a JSON object with the caller’s phone number and the official.' },
);

/** The code of a refusal by the field it is about. */
const FIELD_CODES: Record<string, string> = { phone: 'invalid_phone', official: 'official_missing', ref: 'invalid_ref', locale: 'invalid_locale' };

/** An SMS survey request that passed `smsSurveySchema`: the number in E.164. */
export type SmsSurveyRequest = z.output<typeof smsSurveySchema>;

/** Checks a `POST /api/sms-surveys` body: a 400 with the first problem's code and message, and a message per field. */
export function readSmsSurveyRequest(body: unknown): SmsSurveyRequest {
  const result = smsSurveySchema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || '(body)'] ??= issue.message;
  const first = result.error.issues[0]!;
  const own = first.code === 'custom' ? (first.params as { code?: string } | undefined)?.code : undefined;
  throw new DomainError('invalid_input', own ?? FIELD_CODES[String(first.path[0])] ?? 'invalid_sms_survey', first.message, fields);
}

/**
 * After a phone call, one SMS to the caller in their language (Finnish unless `locale`
 * says otherwise) with a survey link of the official's (channel `sms`, the official's own
 * area; made the first time) carrying the call's `ref`. Everything is checked before
 * anything happens: the request (`readSmsSurveyRequest`: a number that can take an SMS),
 * the official (one who may receive feedback), and that the text fits one GSM 7-bit message.
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
  const { phone, ref = null } = request;
  const locale = request.locale ?? 'fi';
  const official = await requireHandler(store, request.official, 'official');
  const text = surveyText(locale, smsSurveyUrl(options.publicUrl, await smsLinkToken(store, official), locale, ref), ref);

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

/** The official's live SMS link for their own area, or a new one. */
async function smsLinkToken(store: Store, official: Official): Promise<string> {
  const live = (await listLinkDetails(store, { officialId: official.id })).find(
    ({ link }) => link.channel === 'sms' && link.serviceAreaId === official.serviceAreaId && !link.revokedAt,
  );
  return (live ?? (await createLink(store, 'server', { officialId: official.id, channel: 'sms' }))).link.token;
}

/** The survey link an SMS in `locale` carries: the page opens in the SMS's language, whatever the phone's browser prefers. */
export function smsSurveyUrl(publicUrl: string, token: string, locale: Locale, ref: string | null): string {
  return surveyUrl(publicUrl, token, undefined, ref ?? undefined, locale);
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
