// Simulated provider APIs, mounted on the simulator's main port under a path prefix each, plus an
// SMTP server (started by startSimulator on options.smtpPort, default any free port). Point the
// portal at them with simulatorProviderEnv(), which reads each prefix from the base URLs the
// providers' server modules declare. Bodies, statuses and headers follow the providers' own API
// references as the portal reads them (error envelopes, codes, pagination, rate-limit headers).
//
// BEHAVIOUR BY VALUE. Decided by the values sent, so parallel tests never interfere. The simulator reads the
// credential the provider treats as secret: the token/key, the Basic password (Exotel API token,
// Twilio Auth Token), the client secret (PayPal, Zoom, Google — Google also reads the refresh
// token), the SMTP password, and CTOS's api_key (the security key never travels, only its hash).
//
//   secret contains  reply
//   ---------------  -----------------------------------------------------------------------------
//   bad              bad credentials: Exotel 401 RestException, Meta 401 #190, Twilio 401 20003,
//                    Resend 403 invalid_api_key, SendGrid 401, Stripe 401, PayPal 401 invalid_client,
//                    Zoom 400 invalid_client, Google 401 invalid_client (refresh token: 400
//                    invalid_grant), DocuSeal 401, CTOS 401 AUTH, SMTP 535 5.7.8
//   expired          expired token where one exists: Meta 401 #190/463, Stripe 401 api_key_expired,
//                    Zoom 401 code 124 on every API call, Google 400 invalid_grant (refresh token);
//                    elsewhere the bad-credentials reply
//   noscope          missing permission: Meta 403 #200, SendGrid 200 scopes without mail.send,
//                    Resend 401 restricted_api_key, Stripe 403, Zoom 400 code 4711, Google 403
//                    insufficient scopes, DocuSeal 403, Twilio 403 20403; elsewhere success
//   ratelimit        429 with the provider's body and headers and Retry-After: 7 — except Meta
//                    (HTTP 400 #80007, no Retry-After, X-Business-Use-Case-Usage says 1 minute) and
//                    SendGrid (no Retry-After; X-RateLimit-Reset = now + 7 s, as SendGrid does);
//                    SMTP 454 4.7.0
//   slow             waits 30 s, then succeeds (the wait ends when the client disconnects); SMTP
//                    delays its AUTH reply (the greeting comes before any password is known)
//   anything else    success with realistic bodies
//
// Twilio's SID and token are hex only, so its token also takes hex spellings: bad, 0403 (noscope),
// 0429 (ratelimit), de1a7 (slow).
//
// RESOURCE IDS.
//   Exotel   Account SID containing "notfound" (or starting 999) → 403 v2 envelope, code 1003.
//            ExoPhones: 3 numbers (+91114116 93xx) derived from the SID; a SID containing "many"
//            has 120. Page/PageSize (default 50, max 100) with next_page_uri.
//   Meta     WABA id starting 999 (or non-numeric) → 400 #100/33. Phone number node: any numeric id
//            exists. A WABA lists one number of its own plus every phone number id the same token
//            has read through GET /{phone_number_id}, except ids starting 999 (another WABA's).
//   Twilio   Account SID AC999… → 404 20404; SID containing c105ed → status "closed"; Basic user
//            must be the path's SID. IncomingPhoneNumbers: 2 numbers derived from the SID (120 when
//            the SID contains 5ca1e), PageSize/Page with next_page_uri relative to the API root.
//   Resend   Domains: example.com and acme.example (verified), pending.example (pending).
//   Zoom     account_id containing "notfound" (or starting 999) → 400 "Account does not exist".
//   Google   Consent page at /google/oauth/auth (client id must end .apps.googleusercontent.com):
//            Allow → redirect_uri?code=sim-code-…&state&scope, Deny → ?error=access_denied&state.
//            Token: authorization_code needs a sim-code-… code and returns a 1//sim-… refresh token.
//   CTOS     Invented shape (see ctos.ts): an unknown ref_id → 404 NOT_FOUND "Transaction not found".
//   SMTP     Any username; mail is accepted (250 OK: queued as <id>) and recorded.
//
// SENDS. Each provider's send API, as it documents it (details in each module):
//   Meta     POST /graph/v{NN}.0/{phone_number_id}/messages → 200 wamid.… (meta-send.ts)
//   Exotel   POST /exotel/{sg|in}/v1/Accounts/{sid}/Calls/connect.json, …/Sms/send.json (200), GET
//            …/Calls/{Sid}.json, …/SMS/Messages/{Sid}.json (exotel-send.ts); POST
//            /exotel/{sg|in}/v2/accounts/{sid}/messages → 202 (exotel-whatsapp.ts)
//   Twilio   POST /twilio/2010-04-01/Accounts/{AC}/Messages.json, …/Calls.json → 201 SM…/CA…, and
//            GET …/Messages/{sid}.json, …/Calls/{sid}.json (twilio-send.ts)
//   Resend   POST /resend/emails, /resend/emails/batch (Idempotency-Key), GET /resend/emails/{id}
//   SendGrid POST /sendgrid(-eu)/v3/mail/send → 202, X-Message-Id
//   SMTP     MAIL FROM / RCPT TO / DATA (smtp.ts)
// The credential conventions above apply to them too (noscope still lets Resend send). Then the
// RECIPIENT (phone number or email address) picks the behaviour, after validation:
//   contains  reply
//   --------  ------------------------------------------------------------------------------------
//   401       the dead-credential answer: Meta 401 #190, Twilio 401 20003, Exotel 401, Resend 403
//             invalid_api_key, SendGrid 401, SMTP RCPT 530 5.7.0
//   429       the provider's rate limit the first two times for that recipient and body, then
//             accepted: Meta 429 #130429, Twilio 429 20429, Exotel 429 (no Retry-After: they send
//             none), Resend 429 with retry-after: 1, SendGrid 429 with X-RateLimit-Reset now + 1,
//             SMTP RCPT 451 4.7.1
//   500       the same with 5xx: Meta 500 #131000, Twilio 500 20500, Exotel 500, Resend 500
//             application_error, SendGrid 500, SMTP RCPT 451 4.3.0
//   slow      accepted and recorded at once, answered after slowMs (15 s unless configured)
//   dup       accepted (for tests that check the portal does not send twice)
// Meta also answers a template name containing "missing" with 404 #132001. Every send is recorded
// in the sent log (sends.ts) with its outcome and a SHA-256 of its body, never the body; counters,
// log and Resend's idempotency keys live in this simulator's state and reset with it.
//
// OPERATIONS. Provider operations besides sending, with state per simulator (reset forgets it) and
// the credential conventions above (details in each module):
//   Stripe   POST /stripe/v1/payment_intents, …/{id}/confirm (pm_card_visa succeeds,
//            pm_card_chargeDeclined → 402, pm_card_authenticationRequired → requires_action), GET
//            /stripe/v1/payment_intents[/{id}], POST /stripe/v1/refunds; Idempotency-Key replays
//            (Idempotent-Replayed: true) or 400 idempotency_error (stripe-ops.ts)
//   PayPal   POST /paypal/{env}/v2/checkout/orders (PayPal-Request-Id replays), GET …/orders/{id},
//            the buyer's approval at GET /paypal/{env}/checkoutnow?token={id}, POST …/{id}/capture,
//            POST /paypal/{env}/v2/payments/captures/{id}/refund; only this simulator's tokens
//            (a noscope secret's → 403 NOT_AUTHORIZED) (paypal-ops.ts)
//   DocuSeal POST /docuseal/submissions → 200 [one entry per submitter] (422 "Template not found" for
//            template ids starting 999, "template_id is required", "submitters is required"), GET
//            /docuseal/submissions/{id} (404 {"error":"Not found"}); signers sign with POST
//            /_control/docuseal/submissions/{id}/complete or /decline, which send form.started then
//            submission.completed (or form.declined) to the configured DocuSeal webhook (docuseal-ops.ts)
//   CTOS     POST /ctos/create-transaction (a repeated ref_id is the same transaction), POST
//            /ctos/get-status (in_progress, then completed: approved, or rejected / manual_review for a
//            document number containing REJECT / REVIEW); invented, X-Simulated: ctos-invented (ctos.ts)
//   Zoom     POST /zoom/api/v2/users/{userId}/meetings → 201; GET, PATCH (204), DELETE (204)
//            /v2/meetings/{id} (unknown → 404 3001); GET /v2/meetings/{id}/recordings (topic with
//            "recorded" → MP4 + M4A, else 404 3301). Bad fields → 400 code 300; user "notfound…" →
//            404 1001; topic "bigid" → an id past 2^53; topic "dailylimit" → 429 Daily-limit. The
//            secret's word applies on every call: expired 401 code 124, noscope 4711, ratelimit 429
//            QPS (zoom-ops.ts)
//   Google   /google/calendar/calendars/{calendarId}/events: POST (200; own id kept, repeat → 409
//            duplicate, end before start → 400 timeRangeEmpty), GET list (timeMin, timeMax,
//            maxResults, pageToken), GET, PUT, PATCH, DELETE (204, again → 410 deleted), unknown →
//            404 notFound; summary "quotaexceeded" → 403 quotaExceeded. Only access tokens this
//            simulator issued (and has not forgotten in a reset) pass: else 401 authError
//            (google-calendar-ops.ts)
// A Stripe intent that succeeds and a PayPal capture raise their callback when one is configured.
import { providerBaseUrls } from '../../../lib/integrations/registry.server';
import type { Route } from '../http';
import ctos from './ctos';
import docuseal from './docuseal';
import exotel from './exotel';
import google from './google';
import meta from './meta';
import paypal from './paypal';
import resend from './resend';
import sendgrid from './sendgrid';
import stripe from './stripe';
import twilio from './twilio';
import zoom from './zoom';
import { SentLog } from './sends';
import { Callbacks } from '../webhooks/callbacks';

export { startSmtpSimulator, type SmtpSimulator } from './smtp';
export { exotelNumbers } from './exotel';
export { twilioNumbers } from './twilio';
export { SEND_SLOW_MS, SentLog, sentControlRoutes, type SentRecord, type SendKind, type SendOutcome } from './sends';

/** Every simulated provider API. Adding one is its module and one entry here. */
const families = [exotel, meta, twilio, resend, sendgrid, stripe, paypal, zoom, google, docuseal, ctos] as const;

export const providerFamilies = families.map((f) => f.name);
export type ProviderFamily = (typeof families)[number]['name'];

/** What one simulator instance remembers: request counts per provider, every send, and each family's own memory. */
export class ProviderSimState {
  readonly sends: SentLog;
  readonly callbacks = new Callbacks();
  readonly started: { name: ProviderFamily; routes: Route[]; reset?: () => void }[];
  private hits = new Map<ProviderFamily, number>();
  constructor(options: { sendSlowMs?: number } = {}) {
    this.sends = new SentLog(options.sendSlowMs);
    this.started = families.map((f) => ({ name: f.name, ...f.start({ sends: this.sends, callbacks: this.callbacks }) }));
  }
  count(family: ProviderFamily): void {
    this.hits.set(family, (this.hits.get(family) ?? 0) + 1);
  }
  hitsOf(family: ProviderFamily): number {
    return this.hits.get(family) ?? 0;
  }
  allHits(): Record<ProviderFamily, number> {
    return Object.fromEntries(providerFamilies.map((f) => [f, this.hitsOf(f)])) as Record<ProviderFamily, number>;
  }
  reset(): void {
    for (const family of this.started) family.reset?.();
    this.sends.reset();
    this.callbacks.reset();
    this.hits.clear();
  }
}

/** Every provider route, each counted under its family. */
export function providerRoutes(state: ProviderSimState = new ProviderSimState()): Route[] {
  return state.started.flatMap((family) =>
    family.routes.map((route) => ({
      ...route,
      // A family's control routes (a signer signing) are not requests to the provider's API.
      handle: route.pattern.source.startsWith('^\\/_control') ? route.handle : (request: Parameters<Route['handle']>[0]) => {
        state.count(family.name);
        return route.handle(request);
      },
    })),
  );
}

/**
 * The environment that points the portal's providers at a simulator: every base URL a provider
 * declares (API hosts, and the URL fields' fallbacks for DocuSeal and CTOS) and, given the SMTP
 * port, the SMTP host fallbacks. Credentials are not included. The simulator is on loopback, so
 * tenant-entered hosts (DocuSeal, CTOS, SMTP) also need ALLOW_PRIVATE_PROVIDER_HOSTS=true, which is
 * left to the caller.
 */
export function simulatorProviderEnv(simulatorUrl: string, smtp?: { port: number }): Record<string, string> {
  const u = simulatorUrl.replace(/\/+$/, '');
  const env = Object.fromEntries(providerBaseUrls().map((declared) => [declared.env, `${u}${declared.simulatorPath}`]));
  if (smtp) {
    env.SMTP_HOST = new URL(u).hostname;
    env.SMTP_PORT = String(smtp.port);
    env.SMTP_SECURITY = 'none';
  }
  return env;
}
