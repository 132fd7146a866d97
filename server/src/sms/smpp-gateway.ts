import smpp, { type PDU, type Session } from 'smpp';
import type { OutgoingSms } from '../domain/sms-surveys.js';

/** What a gateway says when a message did not go: whether sending it again may help, and is safe. */
export class SmsNotSent extends Error {
  constructor(
    message: string,
    /** True: the gateway surely did not take the message (refused, unreachable): it may be sent again. */
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'SmsNotSent';
  }
}

/** Sends one SMS; throws `SmsNotSent` when it did not go (or may not have). */
export interface SmsGateway {
  send(sms: OutgoingSms): Promise<void>;
}

/** How long a gateway may take over a connection, a bind or a submit before the attempt counts as failed. */
const TIMEOUT_MS = 30_000;

/**
 * An SMPP 3.4 gateway (`smpp://user:password@host:port`, `ssmpp://` over TLS; optionally
 * `?from=SENDER`): for each message a connection, a transmitter bind, one `submit_sm` in the
 * GSM 7-bit default alphabet (data_coding 0, one septet a byte, as SMPP carries it) and an
 * unbind; a customer-service line sends a few hundred a day, so no connection is kept open.
 * A refusal before the message was handed over may be retried; once `submit_sm` was
 * written, a lost answer is not: the message may have gone, and nothing is sent twice.
 */
export function smppGateway(smsUrl: string): SmsGateway {
  const url = new URL(smsUrl);
  const from = url.searchParams.get('from');
  const target = { host: url.hostname, port: Number(url.port) || (url.protocol === 'ssmpp:' ? 3550 : 2775), tls: url.protocol === 'ssmpp:' };
  const credentials = { system_id: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  return {
    async send(sms) {
      const session = await connected(target);
      try {
        const bound = await answer(session, (done) => session.bind_transmitter({ ...credentials, interface_version: 0x34 }, done), true);
        if (bound.command_status !== smpp.ESME_ROK) {
          throw new SmsNotSent(`The SMS gateway refused the bind (status ${bound.command_status}): check SMS_URL's user and password.`, true);
        }
        const submitted = await answer(
          session,
          (done) =>
            session.submit_sm(
              {
                ...(from && { source_addr: from, source_addr_ton: /^\+?\d+$/.test(from) ? 1 : 5, source_addr_npi: /^\+?\d+$/.test(from) ? 1 : 0 }),
                destination_addr: sms.to.replace(/^\+/, ''),
                dest_addr_ton: 1, // international
                dest_addr_npi: 1, // E.164
                data_coding: 0, // the SMSC's default alphabet: GSM 7-bit
                short_message: sms.text,
              },
              done,
            ),
          false,
        );
        if (submitted.command_status === smpp.ESME_RINVDSTADR) throw new SmsNotSent('The SMS gateway says the number cannot receive messages.', false);
        if (submitted.command_status !== smpp.ESME_ROK) throw new SmsNotSent(`The SMS gateway refused the message (status ${submitted.command_status}).`, true);
        await answer(session, (done) => session.unbind(done), false).catch(() => {});
      } finally {
        session.destroy();
      }
    },
  };
}

function connected(target: { host: string; port: number; tls: boolean }): Promise<Session> {
  return new Promise((resolve, reject) => {
    const session = smpp.connect(target);
    const timer = setTimeout(() => fail(new Error('timed out')), TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      session.destroy();
      reject(new SmsNotSent(`The SMS gateway cannot be reached (${error.message}).`, true));
    };
    session.once('error', fail);
    session.once(target.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      session.off('error', fail);
      session.on('error', () => {}); // a later failure rejects the request waiting for its answer
      resolve(session);
    });
  });
}

/**
 * The gateway's answer to one request. Without one (a closed connection, a timeout) the
 * request failed; `retry` says whether it is safe to send it again.
 */
function answer(session: Session, request: (done: (pdu: PDU) => void) => boolean, retry: boolean): Promise<PDU> {
  return new Promise((resolve, reject) => {
    const fail = () => {
      clearTimeout(timer);
      reject(new SmsNotSent(retry ? 'The SMS gateway closed the connection.' : 'The SMS gateway did not answer: the message may or may not have gone, so it is not sent again.', retry));
    };
    const timer = setTimeout(fail, TIMEOUT_MS);
    session.once('close', fail);
    const written = request((pdu) => {
      clearTimeout(timer);
      session.off('close', fail);
      resolve(pdu);
    });
    if (!written) fail();
  });
}
