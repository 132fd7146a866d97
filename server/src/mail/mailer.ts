import nodemailer from 'nodemailer';
import type { Locale } from '../../../contract/api.js';
import type { MailKind } from '../domain/model.js';
import { NO_CITY_IDENTITY, senderName } from '../city-identity.js';
import { mailHtml, mailText, type MailBlock, type MailCity } from './mail-layout.js';
import { ABOUT_HEADER, type Outbox } from './outbox.js';

export interface Mail {
  /** What it is: admins see it when it cannot be sent. */
  kind: MailKind;
  /** The official it goes to (none: a giver of feedback): admins see who, never the address. */
  officialId?: string | null;
  to: string;
  /** The reader's language: the mail's, its layout's and its sender name's. */
  locale: Locale;
  subject: string;
  /** What it says, sent as plain text and as HTML (mail-layout.ts). */
  body: readonly MailBlock[];
  /** Where a reply goes when that is a person (the official), not Suora's own address. */
  replyTo?: string;
  /** The feedback references whose text the message carries: erasure and purge find it by them in the outbox. */
  about?: readonly string[];
  /** Whether what it carries may still be sent (not erased or purged meanwhile); asked as it goes out. */
  current?: () => Promise<boolean>;
}

/**
 * How mail leaves: the transport below, or the send queue (mail-queue.ts) in front of it,
 * which every mail of a running server goes through.
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * The transport: over SMTP when `smtpUrl` is set (smtp://user:pass@host:587, smtps://…),
 * otherwise each message is written as an .eml file into `outbox`, where a person (or
 * the demo) can read it. Each message goes as plain text and HTML in the city's layout,
 * from `from`: with the name it gives, or, for a bare address, in the city's name
 * (`"Lahden kaupunki – Suora" <palaute@lahti.fi>`, in the reader's language).
 */
export function createMailer(options: { smtpUrl: string | undefined; outbox: Outbox; from: string; city?: MailCity }): Mailer {
  const city = options.city ?? { identity: NO_CITY_IDENTITY, publicUrl: 'http://localhost' };
  const named = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(options.from);
  const address = named?.[2] ?? options.from.trim();
  const message = ({ locale, subject, body, replyTo, to }: Mail) => ({
    from: named?.[1] ? options.from : { name: senderName(city.identity, locale), address },
    to,
    subject,
    ...(replyTo && { replyTo }),
    text: mailText(city, locale, body),
    html: mailHtml(city, locale, subject, body),
    // Quoted-printable, never base64: the outbox's erasure reads the words of its files.
    textEncoding: 'quoted-printable' as const,
  });
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        if (mail.current && !(await mail.current())) return;
        await transport.sendMail(message(mail));
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const headers = mail.about?.length ? { [ABOUT_HEADER]: mail.about.join(' ') } : undefined;
      const info = await transport.sendMail({ ...message(mail), ...(headers && { headers }) });
      await options.outbox.write(info.message as Buffer, mail.current);
    },
  };
}
