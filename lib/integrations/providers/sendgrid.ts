import { z } from 'zod';
import { defineProvider, passed, ProbeFailure, requiredText, retryAfterSeconds, unexpected, type ProbeResponse } from '../define';
import { bearerHeaders, emailAddress, objectBody, selectWithDefault } from './common';

const SENDGRID_DEFAULT = 'https://api.sendgrid.com';
const SENDGRID_EU_DEFAULT = 'https://api.eu.sendgrid.com';

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

export default defineProvider({
  id: 'sendgrid',
  name: 'SendGrid',
  group: 'email',
  description: 'Transactional email sent through the Twilio SendGrid v3 API.',
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
  schema: z.object({
    api_key: requiredText('API key', 100).regex(/^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/, 'A SendGrid API key looks like SG.xxxx.yyyy (69 characters); copy the whole key.'),
    from_email: emailAddress('from address'),
    region: selectWithDefault(['global', 'eu'], 'global', 'Choose the region: Global, or EU for EU regional subusers.'),
  }),
  fields: {
    api_key: {
      label: 'API key',
      secret: true,
      placeholder: 'SG.…',
      help: 'Settings → API Keys. It needs Mail Send access; the test checks that without sending.',
      env: 'SENDGRID_API_KEY',
    },
    from_email: {
      label: 'From address',
      kind: 'email',
      placeholder: 'hello@yourdomain.com',
      help: 'A verified single sender, or an address on an authenticated domain.',
      env: 'SENDGRID_FROM_EMAIL',
    },
    region: {
      label: 'Region',
      kind: 'select',
      options: [
        { value: 'global', label: 'Global (api.sendgrid.com)' },
        { value: 'eu', label: 'EU (api.eu.sendgrid.com)' },
      ],
      help: 'EU only for subusers created in SendGrid’s EU region.',
    },
  },
  async test(credentials, ctx) {
    const base = credentials.region === 'eu' ? ctx.baseUrl('SENDGRID_EU_API_URL', SENDGRID_EU_DEFAULT) : ctx.baseUrl('SENDGRID_API_URL', SENDGRID_DEFAULT);
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
