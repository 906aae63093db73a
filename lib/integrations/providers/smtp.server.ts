import 'server-only';
import { defineServerProvider, passed } from '../define.server';
import smtp from './smtp';
import { smtpSender } from './smtp.send.server';

// The test connects, upgrades to TLS, authenticates and quits: it never sends MAIL FROM, RCPT or
// DATA. The probe context refuses private addresses and plain-text passwords outside development.
export default defineServerProvider(smtp, {
  send: smtpSender,
  async test(credentials, ctx) {
    const { secure } = await ctx.smtp({
      host: credentials.host.replace(/^\[|\]$/g, ''),
      port: credentials.port,
      security: credentials.security,
      user: credentials.username,
      pass: credentials.password,
    });
    return passed(ctx, { host: credentials.host, port: credentials.port, security: credentials.security, encrypted: secure });
  },
});
