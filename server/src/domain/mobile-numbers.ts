import { parsePhoneNumberFromString, parsePhoneNumberWithError, ParseError, type NumberType } from 'libphonenumber-js/max';
import { plainText, readPhone } from '../../../contract/contact-details.js';

/**
 * Numbers that can receive an SMS survey, read with the numbering plans of every country
 * (libphonenumber's full metadata): a mobile number, or one of a country whose plan does not
 * tell mobiles from landlines (the United States, Canada…). A landline, a premium-rate or
 * freephone line, a company's service number or a number of no country (satellite) would
 * make the gateway fail, or cost, or reach no one: each is refused by name so that the caller's system can say what is wrong.
 */

/** Why a number cannot receive an SMS survey: the error code of the refusal. */
export type MobileRefusal = 'invalid_phone' | 'unknown_country_code' | 'landline_number' | 'service_number';

export type MobileReading = { number: string } | { refusal: MobileRefusal; message: string };

const FORMS = 'Give a Finnish number such as 040 123 4567 or +358 40 123 4567, or any mobile number with its country code (+46 70 123 45 67 or 0046 70 123 45 67).';
const MOBILE_ONLY = 'An SMS survey goes to the caller’s mobile phone: give a mobile number.';

/** The number types that take an SMS: where a plan cannot tell, the number may be a mobile. */
const MOBILE_TYPES: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** The service numbers a caller may ring from or leave, by what people call them. */
const SERVICE_NUMBERS: Partial<Record<NonNullable<NumberType>, string>> = {
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  TOLL_FREE: 'a toll-free (freephone) number',
  VOIP: 'an internet telephony (VoIP) number',
  UAN: 'a service or company number (such as 010, 020, 029 or 075 in Finland)',
  PERSONAL_NUMBER: 'a personal forwarding number',
  PAGER: 'a pager number',
  VOICEMAIL: 'a voicemail access number',
};

/**
 * The number in E.164 (`+358401234567`) when it can receive an SMS, from the forms people
 * write (`040 123 4567`, `0401234567`, `358401234567`, `+358 (0)40 123 4567`, `00358…`,
 * any country's number with its code); a number without a country code is read as Finnish.
 * Otherwise why not, in words a person understands (never repeating the number).
 */
export function readMobileNumber(value: string): MobileReading {
  let parsed;
  try {
    // Whole text only (`extract: false`): "call 040 123 4567 after 5" is not a number.
    parsed = parsePhoneNumberWithError(plainText(value), { defaultCountry: 'FI', extract: false });
  } catch (error) {
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY') {
      return { refusal: 'unknown_country_code', message: `The number’s country code is not in use in any country. ${FORMS}` };
    }
    return notANumber();
  }
  // An extension cannot take an SMS; a number outside its plan may be a typo for anyone else's.
  if (parsed.ext || !parsed.isValid()) return notANumber();
  const type = parsed.getType();
  // A number of no country (libphonenumber's region 001: satellite phones, international
  // networks; +800 freephone is named below) is dear to text and no caller's everyday phone.
  if (!parsed.country && !(type && SERVICE_NUMBERS[type])) {
    return { refusal: 'service_number', message: `This is a satellite or international network number, which belongs to no country and cannot receive an SMS survey. ${MOBILE_ONLY}` };
  }
  if (type && MOBILE_TYPES.has(type)) return { number: parsed.number };
  if (type === 'FIXED_LINE') return { refusal: 'landline_number', message: `This is a landline number, which cannot receive an SMS. ${MOBILE_ONLY}` };
  const service = type && SERVICE_NUMBERS[type];
  return { refusal: 'service_number', message: `${service ? `This is ${service}, which cannot receive an SMS.` : 'This is not a mobile number.'} ${MOBILE_ONLY}` };
}

/**
 * Any phone number in the one E.164 form Suora stores and compares (`+46 070 123 45 67` and
 * `+46 70 123 45 67` are both `+46701234567`), landlines included: libphonenumber's reading
 * when the number is valid in its country's plan, else `readPhone`'s (the widget's smaller
 * reader, which keeps a trunk 0 after a country code); null when it is no phone number at all.
 */
export function phoneInE164(value: string): string | null {
  const loose = readPhone(value);
  if (loose === null) return null;
  const parsed = parsePhoneNumberFromString(plainText(value), { defaultCountry: 'FI', extract: false });
  return parsed?.isValid() ? parsed.number : loose;
}

function notANumber(): MobileReading {
  return { refusal: 'invalid_phone', message: `The phone number could not be read. ${FORMS}` };
}
