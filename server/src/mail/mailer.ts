import nodemailer from 'nodemailer';
import { ABOUT_HEADER, type Outbox } from './outbox.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The feedback references whose text the message carries: erasure and purge find it by them in the outbox. */
  about?: readonly string[];
  /** Whether what it carries may still be sent (not erased or purged meanwhile); asked as it goes out. */
  current?: () => Promise<boolean>;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Outgoing mail: over SMTP when `smtpUrl` is set (smtp://user:pass@host:587, smtps://…),
 * otherwise each message is written as an .eml file into `outbox`, where a person (or
 * the demo) can read it.
 */
export function createMailer(options: { smtpUrl: string | undefined; outbox: Outbox; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send({ about: _about, current, ...mail }) {
        if (current && !(await current())) return;
        await transport.sendMail({ from: options.from, ...mail });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send({ about, current, ...mail }) {
      const headers = about?.length ? { [ABOUT_HEADER]: about.join(' ') } : undefined;
      const info = await transport.sendMail({ from: options.from, ...mail, ...(headers && { headers }) });
      await options.outbox.write(info.message as Buffer, current);
    },
  };
}
