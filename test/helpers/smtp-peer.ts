import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  data: string;
  /** The message as words: quoted-printable undone and read as UTF-8. */
  text: string;
}

export interface SmtpPeer {
  url: string;
  received: Received[];
  /** The recipients whose first message was refused (`refuseOnce`). */
  refused: string[];
  /** While true, every message is refused with a temporary error (451): a mail server that is down for a while. */
  refusing: boolean;
  close(): Promise<void>;
}

/**
 * A real SMTP peer on 127.0.0.1 that keeps what it receives. `refuseOnce(recipient)`: the
 * first message to such a recipient is refused with a temporary error (451), as a mail
 * server under load would.
 */
export async function startSmtpPeer(options: { refuseOnce?: (recipient: string) => boolean } = {}): Promise<SmtpPeer> {
  const received: Received[] = [];
  const refused: string[] = [];
  const peer = { refusing: false };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const first = to.find((address) => options.refuseOnce?.(address) && !refused.includes(address));
        if (peer.refusing) {
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        if (first) {
          refused.push(first);
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        received.push({ to, data, text: Buffer.from(plain(data), 'latin1').toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return Object.assign(peer, { url: `smtp://127.0.0.1:${port}`, received, refused, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) });
}

/** Quoted-printable soft line breaks and escapes undone, so the test reads the words. */
export function plain(data: string): string {
  return data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A message as its reader sees it: the subject with its encoded words decoded, and the body as UTF-8 text. */
export function readMail(data: string): { subject: string; body: string } {
  const headerEnd = data.search(/\r?\n\r?\n/);
  const headers = data.slice(0, headerEnd).replace(/\r?\n[ \t]+/g, ' ');
  const raw = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  const subject = raw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(plain(text.replace(/_/g, ' ')), 'latin1').toString('utf8'),
    );
  return { subject, body: Buffer.from(plain(data.slice(headerEnd)), 'latin1').toString('utf8').trim() };
}

/** Polls `probe` until it gives a value (every 50 ms, 5 s at most). */
export async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
