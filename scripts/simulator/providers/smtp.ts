// An SMTP server for the portal's mail-server test and its sending: plain text (no STARTTLS, so it is
// only usable with security "none", which the portal allows only when ALLOW_PRIVATE_PROVIDER_HOSTS=
// true), AUTH PLAIN/LOGIN required before MAIL FROM.
//
// Any username. Passwords:
//   bad        → 535 5.7.8 Authentication credentials invalid
//   ratelimit  → 454 4.7.0 Temporary authentication failure
//   slow       → the AUTH reply waits 30 s (until the client hangs up). The greeting cannot be
//                delayed by password: the server speaks first, before it knows who is connecting.
//   anything else → 235 Authentication successful
//
// Mail is accepted (250 OK: queued as <id>) and recorded in the sent log (provider "smtp", kind
// "email", the queue id, a SHA-256 of the message: never the message). Recipient conventions
// (./sends.ts) at RCPT TO, counted per sender and recipient since no body has arrived yet:
//   401 → 530 5.7.0 Authentication required;  429 → 451 4.7.1 rate limited;  500 → 451 4.3.0
//   (both twice, then accepted);  slow → the reply to the message waits slowMs, the message
//   already recorded;  dup → accepted.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { markerOf, randomId, SLOW_MS } from './common';
import { SentLog, sha256 } from './sends';
import { sleep } from '../http';

export interface SmtpSimulator {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** RCPT TO replies for the recipient conventions (SMTP has no 429: rate limits are 4xx). */
const REFUSALS: Record<'unauthorized' | 'rate_limited' | 'server_error', [number, string]> = {
  unauthorized: [530, '5.7.0 Authentication required'],
  rate_limited: [451, '4.7.1 Rate limit exceeded, try again later'],
  server_error: [451, '4.3.0 Temporary server error, try again later'],
};

export async function startSmtpSimulator(options: { port?: number; host?: string; sends?: SentLog } = {}): Promise<SmtpSimulator> {
  const host = options.host ?? '127.0.0.1';
  const sends = options.sends ?? new SentLog();
  const hangups = new Map<string, AbortController>();
  /** Sessions whose current message has a `slow` recipient. */
  const slow = new Set<string>();
  const server = new SMTPServer({
    name: 'smtp.simulator.local',
    banner: 'Switchboard simulator ESMTP',
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    authMethods: ['PLAIN', 'LOGIN'],
    disableReverseLookup: true,
    closeTimeout: 100,
    logger: false,
    onConnect(session, callback) {
      hangups.set(session.id, new AbortController());
      callback();
    },
    onClose(session) {
      slow.delete(session.id);
      hangups.get(session.id)?.abort();
      hangups.delete(session.id);
    },
    onAuth(auth, session, callback) {
      const marker = markerOf(auth.password);
      if (marker === 'bad' || marker === 'expired') return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      if (marker === 'ratelimit') return callback(smtpError(454, '4.7.0 Temporary authentication failure'));
      if (marker === 'slow') {
        const signal = hangups.get(session.id)?.signal;
        void sleep(SLOW_MS, signal).then(() => callback(null, { user: auth.username }));
        return;
      }
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      slow.delete(session.id);
      callback();
    },
    onRcptTo(address, session, callback) {
      const to = address.address;
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const behaviour = sends.behaviour('smtp', [to], sha256(from));
      if (behaviour && behaviour !== 'slow') {
        sends.record({ provider: 'smtp', kind: 'email', to, providerId: null, bodySha256: null, outcome: behaviour });
        return callback(smtpError(...REFUSALS[behaviour]));
      }
      if (behaviour === 'slow') slow.add(session.id);
      callback();
    },
    onData(stream, session, callback) {
      const hash = createHash('sha256');
      stream.on('data', (chunk: Buffer) => hash.update(chunk));
      stream.on('end', () => {
        const id = randomId(6).toUpperCase();
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        sends.record({ provider: 'smtp', kind: 'email', to, providerId: id, bodySha256: hash.digest('hex'), outcome: 'accepted' });
        const wait = slow.delete(session.id) ? sleep(sends.slowMs, hangups.get(session.id)?.signal) : Promise.resolve();
        void wait.then(() => callback(null, `OK: queued as ${id}`));
      });
    },
  });
  server.on('error', () => {
    // Client resets and the like: nothing to do for a simulator.
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of hangups.values()) controller.abort();
        server.close(() => resolve());
      }),
  };
}
