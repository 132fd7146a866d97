import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  data: string;
  /** The message as words: quoted-printable undone and read as UTF-8. */
  text: string;
}

/**
 * A real SMTP peer on 127.0.0.1 that keeps what it receives. `refuseOnce(recipient)`:
 * the first message to such a recipient is refused with a temporary error (451), as a mail server under load would.
 */
export async function startSmtpPeer(
  options: { refuseOnce?: (recipient: string) => boolean } = {},
): Promise<{ url: string; received: Received[]; refused: string[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const refused: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const first = to.find((address) => options.refuseOnce?.(address) && !refused.includes(address));
        if (first) {
          refused.push(first);
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        received.push({ to, data, text: plain(data) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, refused, close: () => new Promise((resolve) => smtp.close(() => resolve())) };
}

/** Quoted-printable soft line breaks and escapes undone, read as UTF-8. */
function plain(data: string): string {
  const bytes = data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Waits for `probe` to give a value (polling every 50 ms, up to 10 s). */
export async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
