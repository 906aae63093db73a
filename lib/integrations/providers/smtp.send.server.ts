import 'server-only';
import type { Outbound, SendContext, SendResult, SendSpec } from '@/lib/gateway/define';

// Email through the organization's own mail server, one connection per attempt. Failures are left
// to the send context, which throws them typed (authentication refused → dead, 4xx and connection
// trouble → retry, other 5xx → rejected). SMTP has no idempotency: a retry after a timeout at the
// end of DATA can deliver the email twice. Our Message-ID carries the request id, so a bounce
// (a DSN email quoting it) can be matched to the request.

type SmtpCredentials = { host: string; port: number; security: 'tls' | 'starttls' | 'none'; username: string; password: string; from_email: string };

/** SMTP's "requested action completed" reply: the send result has no other place for it. */
const SMTP_OK = 250;

export const smtpSender: SendSpec<SmtpCredentials> = {
  channels: ['email'],
  async send(credentials, message: Outbound, ctx: SendContext): Promise<SendResult> {
    if (message.channel !== 'email') return { ok: false, kind: 'rejected', code: 'rejected', message: `SMTP cannot send ${message.channel}.` };
    const { messageId } = await ctx.sendMail(
      {
        // An IPv6 literal is saved in brackets, as people write it; the connection wants it bare.
        host: credentials.host.replace(/^\[|\]$/g, ''),
        port: credentials.port,
        security: credentials.security,
        user: credentials.username,
        pass: credentials.password,
      },
      {
        from: credentials.from_email,
        to: message.to,
        subject: message.subject,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.text !== undefined ? { text: message.text } : {}),
        messageId: `<${ctx.requestId}@switchboard>`,
      },
    );
    return { ok: true, providerId: messageId, httpStatus: SMTP_OK };
  },
};
