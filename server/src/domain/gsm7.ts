/**
 * The GSM 7-bit default alphabet (3GPP TS 23.038), as SMS gateways count it: a character
 * of the basic table is one septet, one of the extension table two (the escape and the
 * character). One message holds 160 septets; a longer text goes in parts of 153.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

/** Septets in one single-part message. */
export const SINGLE_SMS_SEPTETS = 160;
const PART_SEPTETS = 153;

/** How many septets `text` takes in the GSM 7-bit alphabet; undefined if a character is not in it (the text would go as UCS-2). */
export function gsm7Septets(text: string): number | undefined {
  let septets = 0;
  for (const character of text) {
    if (BASIC.includes(character)) septets += 1;
    else if (EXTENSION.includes(character)) septets += 2;
    else return undefined;
  }
  return septets;
}

/** How many messages a gateway sends for `text` in GSM 7-bit; undefined if it cannot be sent in it. */
export function gsm7Segments(text: string): number | undefined {
  const septets = gsm7Septets(text);
  if (septets === undefined) return undefined;
  return septets <= SINGLE_SMS_SEPTETS ? 1 : Math.ceil(septets / PART_SEPTETS);
}
