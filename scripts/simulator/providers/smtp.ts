// An SMTP server for the portal's mail-server test: plain text (no STARTTLS, so it is only usable
// with security "none", which the portal allows only when ALLOW_PRIVATE_PROVIDER_HOSTS=true),
// AUTH PLAIN/LOGIN required, and it never accepts mail: MAIL FROM is refused with 5xx.
//
// Any username. Passwords:
//   bad        → 535 5.7.8 Authentication credentials invalid
//   ratelimit  → 454 4.7.0 Temporary authentication failure
//   slow       → the AUTH reply waits 30 s (until the client hangs up). The greeting cannot be
//                delayed by password: the server speaks first, before it knows who is connecting.
//   anything else → 235 Authentication successful
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { markerOf, SLOW_MS } from './common';
import { sleep } from '../http';

export interface SmtpSimulator {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpSimulator(options: { port?: number; host?: string } = {}): Promise<SmtpSimulator> {
  const host = options.host ?? '127.0.0.1';
  const hangups = new Map<string, AbortController>();
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
    onMailFrom(_address, _session, callback) {
      callback(smtpError(554, '5.7.1 This simulator never accepts mail'));
    },
    onRcptTo(_address, _session, callback) {
      callback(smtpError(554, '5.7.1 This simulator never accepts mail'));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback(smtpError(554, '5.7.1 This simulator never accepts mail')));
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
