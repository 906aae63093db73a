import 'server-only';
import { ProbeFailure } from '@/lib/integrations/define.server';
import { privateHostsAllowed, resolveUserHost } from '@/lib/integrations/network';
import { createProbeContext, smtpTransport } from '@/lib/integrations/probe';
import type { SendContext, SmtpMessage } from './define';

// The powers of one attempt: the connection test's HTTP client (same private-address guard, one
// deadline for the whole attempt) and, for SMTP, one message sent over a fresh connection.

type SmtpServer = Parameters<SendContext['sendMail']>[0];

/** An SMTP failure as the gateway reads it: 4xx and connection trouble are worth a retry, 5xx are not. */
function smtpFailure(error: unknown): ProbeFailure {
  const e = error as { code?: string; responseCode?: number; response?: string };
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534 || e.responseCode === 530) {
    return new ProbeFailure('bad_credentials', 'The mail server refused the username or password.', 'Enter the SMTP credentials again.');
  }
  if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) {
    return new ProbeFailure('rate_limited', `The mail server asked to try again later (${e.responseCode}).`, '');
  }
  if (e.responseCode !== undefined && e.responseCode >= 500) {
    return new ProbeFailure('not_found', `The mail server refused the message (${e.responseCode}).`, '');
  }
  if (e.code === 'ETIMEDOUT') return new ProbeFailure('timeout', 'The mail server did not answer in time.', '');
  return new ProbeFailure('unreachable', 'Could not connect to the mail server.', '');
}

async function sendMail(server: SmtpServer, message: SmtpMessage, timeoutMs: number): Promise<{ messageId: string }> {
  if (server.security === 'none' && !privateHostsAllowed()) {
    throw new ProbeFailure('bad_credentials', 'Sending a password without TLS is not allowed.', 'Choose SSL/TLS (port 465) or STARTTLS (port 587).');
  }
  const address = await resolveUserHost(server.host);
  const transport = smtpTransport(server, address, timeoutMs);
  try {
    const info = (await transport.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: message.messageId,
      headers: message.headers,
    })) as { messageId: string };
    return { messageId: info.messageId };
  } catch (error) {
    throw smtpFailure(error);
  } finally {
    transport.close();
  }
}

export function createSendContext(options: { requestId: string; idempotencyKey: string; timeoutMs: number; callbackUrl?: string }): SendContext & { dispose(): void } {
  const probe = createProbeContext(options.timeoutMs);
  return {
    requestId: options.requestId,
    idempotencyKey: options.idempotencyKey,
    callbackUrl: options.callbackUrl,
    request: probe.request,
    baseUrl: probe.baseUrl,
    elapsedMs: probe.elapsedMs,
    dispose: probe.dispose,
    sendMail: (server, message) => sendMail(server, message, options.timeoutMs),
  };
}
