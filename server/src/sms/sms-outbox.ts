import type { OutgoingSms } from '../domain/sms-surveys.js';
import type { Outbox } from '../mail/outbox.js';
import { SmsNotSent, type SmsGateway } from './smpp-gateway.js';

/** The header that marks an outbox message as an SMS (its `To:` is then a phone number). */
const SMS_HEADER = 'X-Suora-Channel: sms';

/**
 * Without SMS_URL, SMS go into the data directory's outbox beside the mail, as a small
 * message file: `To:` the number, the text as its body. So the outbox's place in the
 * personal-data inventory covers them: removed after its retention, on erasure of the number.
 */
export function outboxGateway(outbox: Outbox): SmsGateway {
  return {
    async send(sms) {
      const raw = [
        `To: ${sms.to}`,
        'Subject: SMS',
        SMS_HEADER,
        `Date: ${new Date().toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        quotedPrintable(sms.text),
        '',
      ].join('\n');
      try {
        await outbox.write(Buffer.from(raw, 'utf8'));
      } catch (error) {
        throw new SmsNotSent(`The outbox cannot be written (${(error as Error).message}).`, true);
      }
    },
  };
}

/** The SMS in the outbox, oldest first, for the demo's page: number, text and when. */
export async function smsInOutbox(outbox: Outbox): Promise<{ to: string; text: string; writtenMs: number }[]> {
  return (await outbox.messages())
    .filter((m) => m.text.includes(SMS_HEADER))
    .map((m) => ({ to: m.to[0] ?? '', text: m.text.slice(m.text.search(/\n\n/) + 2).trimEnd(), writtenMs: m.writtenMs }));
}

/** Every byte that is not printable ASCII, and `=`, as =XX; short lines need no soft breaks in our own files. */
function quotedPrintable(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (byte >= 0x20 && byte < 0x7f && byte !== 0x3d ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
