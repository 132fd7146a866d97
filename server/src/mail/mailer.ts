import nodemailer from 'nodemailer';
import type { MailKind } from '../domain/model.js';
import { ABOUT_HEADER, type Outbox } from './outbox.js';

export interface Mail {
  /** What it is: admins see it when it cannot be sent. */
  kind: MailKind;
  /** The official it goes to (none: a giver of feedback): admins see who, never the address. */
  officialId?: string | null;
  to: string;
  subject: string;
  text: string;
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
 * the demo) can read it.
 */
export function createMailer(options: { smtpUrl: string | undefined; outbox: Outbox; from: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send({ about: _about, kind: _kind, officialId: _officialId, current, ...mail }) {
        if (current && !(await current())) return;
        await transport.sendMail({ from: options.from, ...mail });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send({ about, kind: _kind, officialId: _officialId, current, ...mail }) {
      const headers = about?.length ? { [ABOUT_HEADER]: about.join(' ') } : undefined;
      const info = await transport.sendMail({ from: options.from, ...mail, ...(headers && { headers }) });
      await options.outbox.write(info.message as Buffer, current);
    },
  };
}
