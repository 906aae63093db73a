import 'server-only';
import type { FailureCode } from '@/lib/integrations/define';
import type { ProbeContext } from '@/lib/integrations/define.server';

// What a provider declares to send on an organization's behalf: the channels it serves and one
// function that makes one attempt. The gateway (lib/gateway) owns everything around an attempt:
// choosing the integration, opening the credentials, retries and their timing, holding requests when
// the credentials die, and the log. A sender only speaks its provider's API and says what happened.

export const channels = ['whatsapp', 'sms', 'email', 'call'] as const;
export type Channel = (typeof channels)[number];

/** One thing to send, as the gateway hands it to a sender. Phone numbers are E.164. */
export type Outbound =
  | { channel: 'sms'; to: string; text: string }
  | { channel: 'whatsapp'; to: string; text: string }
  | { channel: 'whatsapp'; to: string; template: { name: string; language: string; variables: string[] } }
  | { channel: 'email'; to: string; subject: string; html?: string; text?: string }
  /** Click-to-call: ring `agent` first, then connect `to`, showing `callerId`. */
  | { channel: 'call'; to: string; agent: string; callerId: string; record: boolean };

/** How an attempt ended when the provider did not accept it. */
export type SendFailureKind =
  /** Worth another attempt later: timeouts, network errors, 5xx, rate limits. */
  | 'retry'
  /** The credentials no longer work: hold every request of this integration until they are fixed. */
  | 'dead'
  /** The provider refused this request for good (bad number, unknown template): never retried. */
  | 'rejected';

export type SendFailureCode = FailureCode | 'rejected' | 'provider_error';

export type SendResult =
  | { ok: true; providerId: string; httpStatus: number; providerStatus?: string }
  | {
      ok: false;
      kind: SendFailureKind;
      code: SendFailureCode;
      /** A sentence for the activity log: the provider's reason, never a message body. */
      message: string;
      httpStatus?: number;
      /** The provider's own error code (Meta 131026, Twilio 21211), when it gave one. */
      providerCode?: string;
      retryAfterSeconds?: number;
    };

export interface SmtpMessage {
  from: string;
  to: string;
  subject: string;
  html?: string;
  text?: string;
  /** Our own Message-ID, so a bounce can be matched to the request. */
  messageId: string;
  headers?: Record<string, string>;
}

/** The powers one attempt is given: HTTP (with the attempt's deadline) and, for SMTP, sending mail. */
export interface SendContext extends Pick<ProbeContext, 'request' | 'baseUrl' | 'elapsedMs'> {
  /** The gateway's id of the request: put it where the provider echoes it in callbacks. */
  requestId: string;
  /** Stable across attempts of this request: pass it to providers that deduplicate by key. */
  idempotencyKey: string;
  /** Where the provider should report this request's statuses, for providers that take one per send. */
  callbackUrl?: string;
  sendMail(server: { host: string; port: number; security: 'tls' | 'starttls' | 'none'; user: string; pass: string }, message: SmtpMessage): Promise<{ messageId: string }>;
}

export interface SendSpec<C> {
  channels: readonly Channel[];
  send(credentials: C, message: Outbound, ctx: SendContext): Promise<SendResult>;
}
