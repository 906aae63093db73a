import 'server-only';
import { defineServerProvider, passed, ProbeFailure, retryAfterSeconds, unexpected, type ProbeResponse } from '../define.server';
import { bearerHeaders, objectBody } from './common.server';
import sendgrid from './sendgrid';
import { sendgridSender } from './sendgrid.send.server';
import { sendgridWebhook } from './sendgrid.webhook.server';

const GLOBAL = { env: 'SENDGRID_API_URL', url: 'https://api.sendgrid.com', simulatorPath: '/sendgrid' };
const EU = { env: 'SENDGRID_EU_API_URL', url: 'https://api.eu.sendgrid.com', simulatorPath: '/sendgrid-eu' };
/** Seconds until the limit resets: Retry-After when sent, else X-RateLimit-Reset (an epoch second). */
function resetSeconds(response: ProbeResponse): number | undefined {
  const after = retryAfterSeconds(response);
  if (after !== undefined) return after;
  const reset = Number(response.headers['x-ratelimit-reset']);
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const seconds = Math.ceil(reset - Date.now() / 1000);
  // Ignore a reset time in the past or absurdly far away (a clock problem, not a wait).
  return seconds > 0 && seconds <= 24 * 3600 ? seconds : undefined;
}

function sendgridFailure(response: ProbeResponse): ProbeFailure {
  switch (response.status) {
    case 401:
      return new ProbeFailure(
        'bad_credentials',
        'SendGrid did not accept this API key.',
        'Copy the key again (SendGrid shows it only once when created); deleted keys stop working at once. EU subusers: choose the EU region.',
      );
    case 403:
      return new ProbeFailure(
        'missing_scope',
        'SendGrid refused this API key access.',
        'Give the key Mail Send access in Settings → API Keys. A 403 can also be a temporary block after many failed requests: wait and test again.',
      );
    case 429: {
      const after = resetSeconds(response);
      return new ProbeFailure('rate_limited', 'SendGrid is rate limiting this account.', after ? `Wait ${after} s and test again.` : 'Wait a minute and test again.', after);
    }
    default:
      return unexpected(response, 'SendGrid');
  }
}

export default defineServerProvider(sendgrid, {
  baseUrls: [GLOBAL, EU],
  webhook: sendgridWebhook,
  send: sendgridSender(GLOBAL, EU),
  async test(credentials, ctx) {
    const base = credentials.region === 'eu' ? ctx.baseUrl(EU) : ctx.baseUrl(GLOBAL);
    const response = await ctx.request(`${base}/v3/scopes`, { headers: bearerHeaders(credentials.api_key) });
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'SendGrid') : sendgridFailure(response);
    if (!Array.isArray(body.scopes)) throw unexpected(response, 'SendGrid');
    const scopes = body.scopes.filter((s): s is string => typeof s === 'string');
    if (!scopes.includes('mail.send')) {
      throw new ProbeFailure('missing_scope', 'This API key cannot send mail (it lacks Mail Send).', 'Edit the key in Settings → API Keys and give it Mail Send access, or create a new one.');
    }
    return passed(ctx, { region: credentials.region, scopes: scopes.length, mail_send: true });
  },
});
