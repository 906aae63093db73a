import 'server-only';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { Agent, request } from 'undici';
import { logger } from '@/lib/log';
import { ProbeFailure, type BaseUrl, type ProbeContext, type ProbeRequest, type ProbeResponse, type SmtpCheck } from './define.server';
import { isPrivateLiteral, privateHostFailure, privateHostsAllowed, publicOnlyLookup, resolveUserHost } from './network';

/** A connection test's whole time limit: a person is waiting for the answer. */
export function testTimeoutMs(): number {
  const value = Number(process.env.PROVIDER_TEST_TIMEOUT_MS);
  return Number.isFinite(value) && value >= 100 ? value : 8000;
}

/** A provider's declared base URL: its env variable when set (tests, the simulator), else `fallback` (default: the real one). */
export function providerBaseUrl(declared: BaseUrl & { url: string }, fallback = declared.url): string {
  const value = process.env[declared.env]?.trim();
  return (value || fallback).replace(/\/+$/, '');
}

const MAX_BODY_BYTES = 1024 * 1024;

// Operator-configured base URLs (env) connect anywhere; tenant-entered hosts go through an agent
// whose DNS lookup refuses private addresses. Both are shared so connections are reused.
let trustedAgent: Agent | undefined;
let guardedAgent: Agent | undefined;
function agentFor(userHost: boolean): Agent {
  if (!userHost || privateHostsAllowed()) return (trustedAgent ??= new Agent({ keepAliveTimeout: 10_000 }));
  return (guardedAgent ??= new Agent({ keepAliveTimeout: 10_000, connect: { lookup: publicOnlyLookup } }));
}

function networkFailure(error: unknown, signal: AbortSignal, timeoutMs: number): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  if (signal.aborted) {
    return new ProbeFailure('timeout', `No answer within ${Math.round(timeoutMs / 100) / 10} s.`, 'The provider may be slow or down; try again in a minute.');
  }
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === 'EPRIVATEADDRESS') return privateHostFailure();
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ProbeFailure('unreachable', 'The provider host could not be found.', 'Check the host name or region, and the server’s DNS.');
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code?.startsWith('CERT_') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return new ProbeFailure('unreachable', 'The provider’s TLS certificate was not accepted.', 'Check the host name; the server must present a valid certificate.');
  }
  return new ProbeFailure('unreachable', 'Could not connect to the provider.', 'Check the host and port, and that the server can reach the internet.');
}

/**
 * A nodemailer transport to an SMTP server whose host has already been resolved (and checked) to
 * `address`: it connects there but verifies the certificate against the name. Tests and sends share it.
 */
export function smtpTransport(server: SmtpCheck, address: string, timeoutMs: number) {
  return nodemailer.createTransport({
    host: address,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth: { user: server.user, pass: server.pass },
    tls: isIP(server.host) ? {} : { servername: server.host },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  });
}

/** Builds the probe context for one test, with one deadline shared by every call it makes. */
export function createProbeContext(timeoutMs = testTimeoutMs()): ProbeContext & { signal: AbortSignal; dispose(): void } {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const signal = controller.signal;

  return {
    signal,
    dispose: () => clearTimeout(timer),
    elapsedMs: () => performance.now() - started,
    baseUrl: providerBaseUrl,
    async request(url: string, init: ProbeRequest = {}): Promise<ProbeResponse> {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new ProbeFailure('unreachable', 'The provider URL is not valid.', 'Enter a full URL such as https://docuseal.example.com.');
      }
      if (!['http:', 'https:'].includes(parsed.protocol)) {
        throw new ProbeFailure('unreachable', 'Only http and https URLs can be tested.', 'Enter an https:// URL.');
      }
      const userHost = init.userHost === true;
      if (userHost && !privateHostsAllowed() && isPrivateLiteral(parsed.hostname)) throw privateHostFailure();
      try {
        const response = await request(parsed, {
          method: init.method ?? 'GET',
          headers: { 'user-agent': 'Switchboard connection test', accept: 'application/json', ...init.headers },
          body: init.body,
          signal,
          dispatcher: agentFor(userHost),
        });
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of response.body) {
          size += (chunk as Buffer).length;
          if (size > MAX_BODY_BYTES) break;
          chunks.push(chunk as Buffer);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text) as unknown;
        } catch {
          json = undefined;
        }
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
        return { status: response.statusCode, headers, text, json };
      } catch (error) {
        throw networkFailure(error, signal, timeoutMs);
      }
    },
    async smtp(check: SmtpCheck) {
      if (check.security === 'none' && !privateHostsAllowed()) {
        throw new ProbeFailure('unreachable', 'Sending a password without TLS is not allowed.', 'Choose SSL/TLS (port 465) or STARTTLS (port 587).');
      }
      const address = await Promise.race([
        resolveUserHost(check.host),
        new Promise<never>((_, reject) => {
          const fail = () => reject(networkFailure(new Error('timeout'), signal, timeoutMs));
          if (signal.aborted) fail();
          signal.addEventListener('abort', fail, { once: true });
        }),
      ]);
      const transport = smtpTransport(check, address, Math.max(100, timeoutMs - (performance.now() - started)));
      try {
        await transport.verify();
        return { secure: check.security !== 'none' };
      } catch (error) {
        throw smtpFailure(error, signal.aborted || performance.now() - started >= timeoutMs, timeoutMs);
      } finally {
        transport.close();
      }
    },
  };
}

function smtpFailure(error: unknown, timedOut: boolean, timeoutMs: number): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  const e = error as { code?: string; responseCode?: number };
  // 454/421 arrive as EAUTH too when they answer AUTH: "try later" is not "wrong password".
  if (e.responseCode === 454 || e.responseCode === 421) {
    return new ProbeFailure('rate_limited', 'The mail server asked to try again later.', 'Wait a few minutes and test again.');
  }
  if (e.code === 'EAUTH' || e.responseCode === 535) {
    return new ProbeFailure('bad_credentials', 'The mail server rejected the username or password.', 'Check the username (usually the full address); with two-factor sign-in use an app-specific password.');
  }
  if (e.code === 'ETIMEDOUT' || timedOut) {
    return new ProbeFailure('timeout', `The mail server did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, 'Check the host and port; some networks block outgoing SMTP.');
  }
  if (e.code === 'ESOCKET' || e.code === 'ECONNECTION' || e.code === 'ETLS') {
    return new ProbeFailure('unreachable', 'Could not open a secure connection to the mail server.', 'Check the host, the port and the security setting (465 = SSL/TLS, 587 = STARTTLS).');
  }
  if (e.code === 'EENVELOPE' || e.code === 'EPROTOCOL') {
    return new ProbeFailure('invalid_response', 'The mail server answered in an unexpected way.', 'Check that the host is an SMTP server.');
  }
  logger.warn({ code: e.code ?? null, responseCode: e.responseCode ?? null }, 'unclassified SMTP failure');
  return new ProbeFailure('unreachable', 'Could not complete the SMTP handshake.', 'Check the host, the port and the security setting.');
}
