import 'server-only';
import type { Outbound, SendContext, SendResult, SendSpec } from '@/lib/gateway/define';
import type { BaseUrl, ProbeResponse } from '../define.server';
import { asNumber, asRecord, asString, bearerHeaders, objectBody } from './common.server';

// WhatsApp messages through the Cloud API: one POST per message, text or template. Meta has no
// idempotency key, so a retry after a timeout (Meta may have accepted the first try) can deliver
// the message twice; the gateway's request id travels in biz_opaque_callback_data so status
// webhooks find their request either way. Failures are read from Meta's error `code`, never the
// HTTP status alone: Meta answers most of them with 400 whatever they mean.

type MetaCredentials = { phone_number_id: string; access_token: string };
type WhatsAppMessage = Extract<Outbound, { channel: 'whatsapp' }>;
type Failure = Extract<SendResult, { ok: false }>;

/** Throughput, pair, spam and app/WABA rate limits: slow down and try again. */
const RATE_LIMITED = new Set([130429, 131056, 131048, 4, 80007]);
/** Meta's own trouble ("unknown", "service unavailable", "something went wrong"). */
const PROVIDER_TROUBLE = new Set([1, 2, 131000, 131016]);

function body(message: WhatsAppMessage, requestId: string): Record<string, unknown> {
  const common = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to.replace(/\D/g, ''), biz_opaque_callback_data: requestId };
  if ('text' in message) return { ...common, type: 'text', text: { preview_url: false, body: message.text } };
  const { name, language, variables } = message.template;
  return {
    ...common,
    type: 'template',
    template: {
      name,
      // Meta matches the approved translation exactly: en and en_US are different templates.
      language: { code: language },
      ...(variables.length > 0 ? { components: [{ type: 'body', parameters: variables.map((text) => ({ type: 'text', text })) }] } : {}),
    },
  };
}

/** The longest estimated_time_to_regain_access (minutes) in Meta's usage headers, as seconds. */
function regainSeconds(response: ProbeResponse): number | undefined {
  let minutes = 0;
  const read = (entry: unknown) => {
    minutes = Math.max(minutes, asNumber(asRecord(entry)?.estimated_time_to_regain_access) ?? 0);
  };
  for (const name of ['x-business-use-case-usage', 'x-app-usage']) {
    const header = response.headers[name];
    if (!header) continue;
    try {
      const usage = JSON.parse(header) as unknown;
      // X-App-Usage is one object; X-Business-Use-Case-Usage maps each business id to a list.
      read(usage);
      for (const entries of Object.values(asRecord(usage) ?? {})) {
        for (const entry of Array.isArray(entries) ? entries : []) read(entry);
      }
    } catch {
      // A header we cannot read only costs the retry estimate.
    }
  }
  return minutes > 0 ? minutes * 60 : undefined;
}

/** A sentence a person can act on, for the refusals Meta never lifts for this message. */
function refusal(code: number, message: WhatsAppMessage, details: string | null): string | null {
  const template = 'template' in message ? `the template ${message.template.name} (${message.template.language})` : 'the template';
  const Template = template.charAt(0).toUpperCase() + template.slice(1);
  switch (code) {
    case 131047:
      return 'More than 24 hours have passed since this person last wrote: only an approved template can reach them now.';
    case 131026:
      return 'WhatsApp could not deliver to this number: it may not be on WhatsApp, or cannot receive business messages.';
    case 132000:
      return `${Template} expects a different number of variables.`;
    case 132001:
      return `${Template} is not approved on this WhatsApp account.`;
    case 132005:
      return `${Template} is too long once its variables are filled in.`;
    case 132007:
      return `${Template} breaks WhatsApp's content policy.`;
    case 132012:
      return `A variable of ${template} is not in the format the template expects.`;
    case 132015:
      return `${Template} is paused by Meta for low quality.`;
    case 132016:
      return `${Template} was disabled by Meta for low quality.`;
    case 100:
      return `Meta refused a parameter of the message${details ? `: ${details.slice(0, 200)}` : '.'}`;
    default:
      return null;
  }
}

/** Turns a Graph error reply into the gateway's outcome. */
export function metaSendFailure(response: ProbeResponse, message: WhatsAppMessage): Failure {
  const error = asRecord(objectBody(response)?.error);
  const code = asNumber(error?.code);
  const subcode = asNumber(error?.error_subcode);
  const details = asString(asRecord(error?.error_data)?.details);
  const base = { httpStatus: response.status, ...(code !== null ? { providerCode: String(code) } : {}) };
  const dead = (failure: 'bad_credentials' | 'token_expired', text: string): Failure => ({ ok: false, kind: 'dead', code: failure, message: text, ...base });
  const retry = (failure: 'rate_limited' | 'provider_error', text: string, after?: number): Failure => ({
    ok: false,
    kind: 'retry',
    code: failure,
    message: text,
    ...base,
    ...(after ? { retryAfterSeconds: after } : {}),
  });

  if (code === 190) {
    return subcode === 463
      ? dead('token_expired', 'The Meta access token has expired.')
      : dead('bad_credentials', 'Meta no longer accepts this access token: it is invalid or was revoked.');
  }
  if (code === 10 || code === 131005 || (code !== null && code >= 200 && code <= 299)) {
    return dead('bad_credentials', 'The access token is not allowed to send messages from this WhatsApp number.');
  }
  if (code === 131031 || code === 368 || code === 131042) {
    const why = code === 131031 ? 'is locked' : code === 368 ? 'is blocked for a policy violation' : 'has a payment problem';
    return dead('bad_credentials', `Meta refuses to send: the WhatsApp Business Account ${why}.`);
  }
  if (code !== null && RATE_LIMITED.has(code)) return retry('rate_limited', 'Meta is rate limiting this WhatsApp account.', regainSeconds(response));
  if (code !== null && PROVIDER_TROUBLE.has(code)) return retry('provider_error', 'Meta had a temporary problem sending the message.', regainSeconds(response));
  const refused = code === null ? null : refusal(code, message, details);
  if (refused) return { ok: false, kind: 'rejected', code: 'rejected', message: refused, ...base };
  if (response.status === 401) return dead('bad_credentials', 'Meta did not accept this access token.');
  if (response.status === 429) return retry('rate_limited', 'Meta is rate limiting this WhatsApp account.', regainSeconds(response));
  if (response.status >= 500) return retry('provider_error', `Meta answered with an error (HTTP ${response.status}).`);
  // An error we do not know: another attempt would most likely be refused the same way.
  return { ok: false, kind: 'rejected', code: 'rejected', message: `Meta refused the message (${code !== null ? `code ${code}, ` : ''}HTTP ${response.status}).`, ...base };
}

export function metaWhatsAppSender(graph: BaseUrl & { url: string }): SendSpec<MetaCredentials> {
  return {
    channels: ['whatsapp'],
    async send(credentials, message: Outbound, ctx: SendContext): Promise<SendResult> {
      if (message.channel !== 'whatsapp') return { ok: false, kind: 'rejected', code: 'rejected', message: `Meta WhatsApp cannot send ${message.channel}.` };
      const response = await ctx.request(`${ctx.baseUrl(graph)}/${credentials.phone_number_id}/messages`, {
        method: 'POST',
        headers: { ...bearerHeaders(credentials.access_token), 'content-type': 'application/json' },
        body: JSON.stringify(body(message, ctx.requestId)),
      });
      if (response.status !== 200) return metaSendFailure(response, message);
      const messages = objectBody(response)?.messages;
      const sent = asRecord(Array.isArray(messages) ? messages[0] : null);
      const status = asString(sent?.message_status);
      // A 200 means Meta took the message: even without an id, sending again would duplicate it.
      return { ok: true, providerId: asString(sent?.id) ?? '', httpStatus: 200, ...(status ? { providerStatus: status } : {}) };
    },
  };
}
