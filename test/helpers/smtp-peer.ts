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

/**
 * A message as its reader sees it: the headers with their encoded words decoded (`from`,
 * `reply-to`, … by lower-case name), the subject, and each part as UTF-8 text: `body` the
 * plain-text part (or the whole body of a message in one part), `html` the HTML part.
 */
export function readMail(data: string): { subject: string; body: string; html: string | undefined; headers: Record<string, string> } {
  const { headers, content } = split(data);
  const type = headers['content-type'] ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const parts = boundary ? content.split(`--${boundary}`).slice(1, -1).map(split) : [{ headers, content }];
  const part = (kind: string) => {
    const found = parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(kind));
    return found && decodeBody(found.content, found.headers['content-transfer-encoding']).trim();
  };
  return { subject: headers.subject ?? '', body: part('text/plain') ?? '', html: part('text/html'), headers };
}

/** Headers (unfolded, encoded words decoded, by lower-case name) and what follows them. */
function split(data: string): { headers: Record<string, string>; content: string } {
  const text = data.replace(/^\r?\n/, '');
  const end = text.search(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end < 0 ? text.length : end).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, content: end < 0 ? '' : text.slice(end).replace(/^\r?\n\r?\n/, '') };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(plain(text.replace(/_/g, ' ')), 'latin1').toString('utf8'),
    );
}

/** The part's words, its line breaks as `\n`. */
function decodeBody(content: string, encoding = ''): string {
  const text = encoding.toLowerCase() === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : Buffer.from(plain(content), 'latin1').toString('utf8');
  return text.replace(/\r\n/g, '\n');
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
