import 'server-only';
import { defineServerProvider, passed, ProbeFailure, retryAfterSeconds, unexpected, type ProbeContext, type ProbeResponse, type SyncedNumber } from '../define.server';
import { asNumber, asRecord, asString, bearerHeaders, objectBody } from './common.server';
import metaWhatsApp from './meta-whatsapp';
import { metaWhatsAppSender } from './meta-whatsapp.send.server';
import { metaWhatsAppWebhook } from './meta-whatsapp.webhook.server';

// The test makes two Graph reads: the phone-number node (proves the token can see the number and
// gives its display name and quality rating), then the WABA's phone_numbers list (proves the number
// belongs to that WABA, a mistake the node read alone cannot catch).

const GRAPH = { env: 'META_GRAPH_API_URL', url: 'https://graph.facebook.com/v21.0', simulatorPath: '/graph/v21.0' };
const FIELDS = 'id,display_phone_number,verified_name,quality_rating';
const MAX_PAGES = 5;

/** Graph error codes that mean a rate or throughput limit (Meta answers them with HTTP 400). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131056]);

interface PhoneEntry {
  id?: unknown;
  display_phone_number?: unknown;
  verified_name?: unknown;
  quality_rating?: unknown;
}

/** Minutes until access returns, from X-Business-Use-Case-Usage, as seconds. */
function regainSeconds(response: ProbeResponse): number | undefined {
  const header = response.headers['x-business-use-case-usage'];
  if (header) {
    try {
      const usage = JSON.parse(header) as unknown;
      let minutes = 0;
      for (const entries of Object.values(asRecord(usage) ?? {})) {
        for (const entry of Array.isArray(entries) ? entries : []) {
          minutes = Math.max(minutes, asNumber(asRecord(entry)?.estimated_time_to_regain_access) ?? 0);
        }
      }
      if (minutes > 0) return minutes * 60;
    } catch {
      // A header we cannot read only costs the retry estimate.
    }
  }
  return retryAfterSeconds(response);
}

/** Turns a Graph error reply into a typed failure. `subject` is what was being read. */
function graphFailure(response: ProbeResponse, subject: 'phone' | 'waba'): ProbeFailure {
  const error = asRecord(objectBody(response)?.error);
  const code = asNumber(error?.code);
  const subcode = asNumber(error?.error_subcode);

  if (code === 190) {
    // Every 190 is a token the portal cannot use any more; the subcode says why.
    const message =
      subcode === 463
        ? 'The access token has expired.'
        : subcode === 460
          ? 'The access token stopped working because the Facebook password was changed.'
          : 'Meta did not accept this access token: it is invalid or was revoked.';
    return new ProbeFailure('token_expired', message, 'Generate a new token; a system-user token from Business Settings does not expire.');
  }
  if (code !== null && RATE_LIMIT_CODES.has(code)) {
    const after = regainSeconds(response);
    return new ProbeFailure(
      'rate_limited',
      'Meta is rate limiting this app or WhatsApp Business Account.',
      after ? `Wait about ${Math.ceil(after / 60)} min and test again.` : 'Wait a few minutes and test again.',
      after,
    );
  }
  if (code === 10 || (code !== null && code >= 200 && code <= 299)) {
    return new ProbeFailure(
      'missing_scope',
      'The token is not allowed to manage this WhatsApp Business Account.',
      'Give the token the whatsapp_business_management and whatsapp_business_messaging permissions for this account.',
    );
  }
  if (code === 100 && (subcode === 33 || subject === 'phone')) {
    return subject === 'waba'
      ? new ProbeFailure('not_found', 'No WhatsApp Business Account with that id is visible to this token.', 'Check the WABA id in WhatsApp Manager, and that the token was granted this account.')
      : new ProbeFailure('not_found', 'No phone number with that id is visible to this token.', 'Copy the phone number id (not the phone number) from WhatsApp Manager → API Setup.');
  }
  if (response.status === 401) {
    return new ProbeFailure('bad_credentials', 'Meta did not accept this access token.', 'Generate a new token and paste it again.');
  }
  if (response.status === 429) {
    const after = regainSeconds(response);
    return new ProbeFailure('rate_limited', 'Meta is rate limiting this app.', after ? `Wait ${after} s and test again.` : 'Wait a few minutes and test again.', after);
  }
  return unexpected(response, 'Meta');
}

const text = (value: unknown) => asString(value) ?? null;

async function graphGet(ctx: ProbeContext, url: string, token: string, subject: 'phone' | 'waba') {
  const response = await ctx.request(url, { headers: bearerHeaders(token) });
  const body = objectBody(response);
  if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'Meta') : graphFailure(response, subject);
  return { response, body };
}

export default defineServerProvider(metaWhatsApp, {
  baseUrls: [GRAPH],
  send: metaWhatsAppSender(GRAPH),
  webhook: metaWhatsAppWebhook,
  async test(credentials, ctx) {
    const base = ctx.baseUrl(GRAPH);
    const token = credentials.access_token;

    const node = (await graphGet(ctx, `${base}/${credentials.phone_number_id}?fields=${FIELDS}`, token, 'phone')).body as PhoneEntry;

    let listed: PhoneEntry | undefined;
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES && !listed; page++) {
      const cursor: string = after ? `&after=${encodeURIComponent(after)}` : '';
      const { body } = await graphGet(ctx, `${base}/${credentials.waba_id}/phone_numbers?fields=${FIELDS}&limit=100${cursor}`, token, 'waba');
      const data = Array.isArray(body.data) ? (body.data as PhoneEntry[]) : [];
      listed = data.find((entry) => String(entry.id) === credentials.phone_number_id);
      const paging = asRecord(body.paging);
      // Only the cursor is taken from the reply: the next URL is rebuilt on the configured host.
      after = paging?.next ? asString(asRecord(paging.cursors)?.after) : null;
      if (!after) break;
    }
    if (!listed) {
      throw new ProbeFailure(
        'not_found',
        'This phone number id does not belong to that WhatsApp Business Account.',
        'Check both ids in WhatsApp Manager: the number must be registered under this WABA.',
      );
    }
    return passed(ctx, {
      display_phone_number: text(node.display_phone_number ?? listed.display_phone_number),
      verified_name: text(node.verified_name ?? listed.verified_name),
      quality_rating: text(node.quality_rating ?? listed.quality_rating),
    });
  },
  sync: {
    /** Every phone number of the WhatsApp Business Account, page by page (bounded). */
    async list(credentials, ctx) {
      const base = ctx.baseUrl(GRAPH);
      const numbers: SyncedNumber[] = [];
      let after: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const cursor: string = after ? `&after=${encodeURIComponent(after)}` : '';
        const { body } = await graphGet(ctx, `${base}/${credentials.waba_id}/phone_numbers?fields=${FIELDS}&limit=100${cursor}`, credentials.access_token, 'waba');
        for (const entry of Array.isArray(body.data) ? (body.data as PhoneEntry[]) : []) {
          const phone = text(entry.display_phone_number);
          if (!entry.id || !phone) continue;
          numbers.push({ externalId: String(entry.id), phoneNumber: phone, displayName: text(entry.verified_name), numberType: null, canCall: false, canSms: false, canWhatsapp: true });
        }
        const paging = asRecord(body.paging);
        after = paging?.next ? asString(asRecord(paging.cursors)?.after) : null;
        // A next page without a cursor, or too many pages, would cut the list short: stop instead.
        if (paging?.next && !after) throw new ProbeFailure('invalid_response', 'Meta announced more numbers without a way to read them.', 'Try again later.');
        if (!after) break;
        if (page === 999) throw new ProbeFailure('invalid_response', 'The provider lists more numbers than one sync reads.', 'Contact support: the sync stops rather than mark the rest as gone.');
      }
      return numbers;
    },
    // Meta's display numbers are international; one without its "+" is still not a local number.
    defaultCountry: 'IN',
    international: true,
    sets: { call: false, sms: false, whatsapp: true },
  },
});
