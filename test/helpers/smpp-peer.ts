import type { AddressInfo } from 'node:net';
import smpp, { type PDU } from 'smpp';

/** A `submit_sm` as the SMS centre received it, and what it answered. */
export interface Submitted {
  pdu: PDU;
  /** The text as the package decoded it from the GSM 7-bit default alphabet (data_coding 0). */
  text: string;
  status: number;
}

export interface SmppPeer {
  /** SMS_URL for it: smpp://suora:secret@127.0.0.1:PORT */
  url: string;
  binds: { systemId: string; password: string; status: number }[];
  submitted: Submitted[];
  /** Answers the next bind with ESME_RBINDFAIL. */
  refuseNextBind(): void;
  /** Answers the next submit_sm not yet answered so with this status (an SMS centre's error); called twice, the next two. */
  refuseNextSubmit(status: number): void;
  /** Takes the next submit_sm and closes the connection without answering (did it go? the client cannot know). */
  dropNextSubmit(): void;
  /** Takes the next submit_sm and answers nothing until `releaseHeld`, which closes its connection (a gateway that hangs mid-submit). */
  holdNextSubmit(): void;
  releaseHeld(): void;
  /** Resolves with the `count`-th submit_sm (1-based) once it arrived. */
  submit(count: number): Promise<Submitted>;
  close(): Promise<void>;
}

/**
 * A real SMPP 3.4 server (the `smpp` package's) on 127.0.0.1, as an operator's SMS centre:
 * it takes transmitter binds for suora/secret and keeps every submit_sm it receives. On
 * `port` when given (one that a closed peer had: the same SMS centre back up), else any free one.
 */
export async function startSmppPeer(port = 0): Promise<SmppPeer> {
  const binds: SmppPeer['binds'] = [];
  const submitted: Submitted[] = [];
  const waiting: { count: number; resolve(s: Submitted): void }[] = [];
  let refuseBind = false;
  let dropSubmit = false;
  let holdSubmit = false;
  const held: { destroy(): void }[] = [];
  const refusals: number[] = [];
  const server = smpp.createServer((session) => {
    session.on('error', () => {});
    session.on('bind_transmitter', (pdu: PDU) => {
      const ok = pdu.system_id === 'suora' && pdu.password === 'secret' && !refuseBind;
      refuseBind = false;
      const status = ok ? smpp.ESME_ROK : smpp.ESME_RBINDFAIL;
      binds.push({ systemId: pdu.system_id!, password: pdu.password!, status });
      session.send(pdu.response({ command_status: status }));
    });
    session.on('submit_sm', (pdu: PDU) => {
      const status = refusals.shift() ?? smpp.ESME_ROK;
      const message = pdu.short_message!.message;
      submitted.push({ pdu, text: typeof message === 'string' ? message : message.toString('latin1'), status });
      if (dropSubmit) {
        dropSubmit = false;
        session.destroy();
      } else if (holdSubmit) {
        holdSubmit = false;
        held.push(session);
      } else session.send(pdu.response({ command_status: status, message_id: String(submitted.length) }));
      for (const w of waiting.filter((w) => w.count === submitted.length)) w.resolve(submitted[w.count - 1]!);
    });
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smpp://suora:secret@127.0.0.1:${(server.address() as AddressInfo).port}`,
    binds,
    submitted,
    refuseNextBind: () => (refuseBind = true),
    refuseNextSubmit: (status) => refusals.push(status),
    dropNextSubmit: () => (dropSubmit = true),
    holdNextSubmit: () => (holdSubmit = true),
    releaseHeld: () => {
      for (const session of held.splice(0)) session.destroy();
    },
    submit: (count) =>
      submitted[count - 1] ? Promise.resolve(submitted[count - 1]!) : new Promise((resolve) => waiting.push({ count, resolve })),
    async close() {
      for (const session of server.sessions) session.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
