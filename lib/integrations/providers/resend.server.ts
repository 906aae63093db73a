import 'server-only';
import { defineServerProvider, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asRecord, asString, bearerHeaders, domainOf, objectBody } from './common.server';
import resend from './resend';
import { resendSender } from './resend.send.server';
import { resendWebhook } from './resend.webhook.server';

const API = { env: 'RESEND_API_URL', url: 'https://api.resend.com', simulatorPath: '/resend' };
const MAX_PAGES = 5;
const DOMAIN_STATUSES = ['not_started', 'pending', 'verified', 'failed', 'temporary_failure'] as const;

function resendFailure(response: ProbeResponse): ProbeFailure {
  const name = asString(objectBody(response)?.name);
  if (response.status === 401 && name === 'restricted_api_key') {
    // A sending-only key is valid: it just cannot read the domain list.
    return new ProbeFailure(
      'missing_scope',
      'This is a valid sending-only key, but checking the sender domain needs a full-access key.',
      'Create a key with Full access in Resend → API Keys, or test with one and keep this key for sending.',
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new ProbeFailure('bad_credentials', 'Resend did not accept this API key.', 'Copy the key again from Resend → API Keys; deleted keys stop working at once.');
  }
  if (response.status === 429) return rateLimited(response, 'Resend');
  return unexpected(response, 'Resend');
}

export default defineServerProvider(resend, {
  baseUrls: [API],
  webhook: resendWebhook,
  send: resendSender(API),
  async test(credentials, ctx) {
    const base = ctx.baseUrl(API);
    const domain = domainOf(credentials.from_email);
    const matches: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor: string = after ? `&after=${encodeURIComponent(after)}` : '';
      const response = await ctx.request(`${base}/domains?limit=100${cursor}`, { headers: bearerHeaders(credentials.api_key) });
      const body = objectBody(response);
      if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Resend') : resendFailure(response);
      const data = (Array.isArray(body.data) ? body.data : []).map(asRecord).filter((d): d is Record<string, unknown> => d !== null);
      matches.push(...data.filter((d) => asString(d.name)?.toLowerCase() === domain));
      after = body.has_more === true ? asString(data.at(-1)?.id) : null;
      if (!after || matches.some((d) => d.status === 'verified')) break;
    }
    if (matches.length === 0) {
      throw new ProbeFailure(
        'not_found',
        `The domain ${domain} is not in this Resend account.`,
        'Add it in Resend → Domains and publish its DNS records, or use a from address on a domain already verified there.',
      );
    }
    const verified = matches.find((d) => d.status === 'verified');
    if (!verified) {
      const raw = asString(matches[0]!.status);
      const status = DOMAIN_STATUSES.find((s) => s === raw) ?? 'unknown';
      throw new ProbeFailure(
        'not_found',
        `The domain ${domain} is not verified (status ${status.replace('_', ' ')}).`,
        'Finish the DNS records shown in Resend → Domains, wait for verification, then test again.',
      );
    }
    return passed(ctx, { domain, domain_status: 'verified', region: asString(verified.region) });
  },
});
