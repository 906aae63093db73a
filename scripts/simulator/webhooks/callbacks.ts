// The simulator's callbacks: after a send it accepted, a simulated provider reports what happened to
// the message as the real one would, correctly signed (./sign.ts), over real HTTP. Twilio and Exotel
// report to the StatusCallback the send named; Meta, Resend and SendGrid to the URL configured for
// them (as in their dashboards) with PUT /_control/webhooks/<provider>.
//
//   PUT    /_control/webhooks/<meta|resend|sendgrid>  {"url", "secret", "mode"?, "delayMs"?}
//          the secret is the app secret (Meta) or whsec_… (Resend); SendGrid signs with the
//          simulator's fixed key pair, whose public key GET /_control/webhooks/sendgrid/key returns
//   PUT    /_control/webhooks/<twilio|exotel>          {"mode"?, "delayMs"?}
//   PUT    /_control/webhooks/<stripe|paypal|docuseal|zoom>  {"url", "secret", "mode"?, "delayMs"?}: the
//          endpoint secret (Stripe), webhook id (PayPal), HMAC secret (DocuSeal) or secret token (Zoom)
//   POST   /_control/webhooks/<stripe|paypal|docuseal|zoom>/events  {"type", "objectId", "ref"?}: sends one
//          event of that type as the provider words it (payment_intent.succeeded, PAYMENT.CAPTURE.COMPLETED,
//          form.started, meeting.started…), signed; 202 once queued, 409 when no URL is set (a
//          simulated provider does the same from code with emitEvent, e.g. when a signer signs)
//   DELETE /_control/webhooks/<provider>               back to no callbacks / defaults
//   GET    /_control/webhooks/deliveries               what was sent: [{provider, event, status, at}]
//
// Modes, for tests of the portal's refusals: ok (default); bad_signature (one byte of the body flipped
// after signing); replay (each callback sent twice); out_of_order (the sequence reversed); oversized
// (a 300 KB body). Steps go delayMs apart (default 150 ms).
import { json, type Route } from '../http';
import { parseJson } from '../providers/common';
import { exotelCallback, sendgridTestKeys, signDocuSeal, signMeta, signPayPal, signResend, signSendGrid, signStripe, signTwilio, signZoom, type SignedCallback } from './sign';

export const callbackModes = ['ok', 'bad_signature', 'replay', 'out_of_order', 'oversized'] as const;
export type CallbackMode = (typeof callbackModes)[number];

interface Settings {
  url?: string;
  secret?: string;
  mode: CallbackMode;
  delayMs: number;
}

export interface CallbackDelivery {
  provider: string;
  event: string;
  /** The portal's answer, or null when it could not be reached. */
  status: number | null;
  at: string;
}

type Step = { event: string; build: () => SignedCallback & { url: string } };

const PROVIDERS = ['meta', 'twilio', 'exotel', 'resend', 'sendgrid', 'stripe', 'paypal', 'docuseal', 'zoom'] as const;
const ON_DEMAND = ['stripe', 'paypal', 'docuseal', 'zoom'] as const;
type OnDemand = (typeof ON_DEMAND)[number];
type Provider = (typeof PROVIDERS)[number];

const flip = (body: string) => (body.length === 0 ? 'x' : `${body.slice(0, -1)}${body.endsWith('}') ? ']' : '}'}`);

export class Callbacks {
  private settings = new Map<Provider, Settings>();
  readonly deliveries: CallbackDelivery[] = [];
  readonly sendgridKeys = sendgridTestKeys();

  private of(provider: Provider): Settings {
    return this.settings.get(provider) ?? { mode: 'ok', delayMs: 150 };
  }

  reset(): void {
    this.settings.clear();
    this.deliveries.length = 0;
  }

  /** Sends the steps one after another in the background, as the mode says. */
  private run(provider: Provider, steps: Step[]): void {
    const { mode, delayMs } = this.of(provider);
    const ordered = mode === 'out_of_order' ? [...steps].reverse() : steps;
    void (async () => {
      for (const step of ordered) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        const signed = step.build();
        const body = mode === 'bad_signature' ? flip(signed.body) : mode === 'oversized' ? signed.body.padEnd(300_000, ' ') : signed.body;
        // A replay is the very same request (bytes, signature, timestamp) sent again.
        for (let copy = 0; copy < (mode === 'replay' ? 2 : 1); copy++) {
          let status: number | null = null;
          try {
            const res = await fetch(signed.url, { method: 'POST', headers: signed.headers, body, signal: AbortSignal.timeout(10_000) });
            status = res.status;
            await res.arrayBuffer();
          } catch {
            status = null;
          }
          this.deliveries.push({ provider, event: step.event, status, at: new Date().toISOString() });
          if (this.deliveries.length > 10_000) this.deliveries.shift();
        }
      }
    })();
  }

  /** Meta: sent, delivered and read for a message it accepted. */
  metaMessage(wamid: string, recipient: string, ref: string | null, phoneNumberId: string): void {
    const { url, secret } = this.of('meta');
    if (!url || !secret) return;
    const status = (s: string): Step => ({
      event: s,
      build: () => ({
        url,
        ...signMeta(
          {
            object: 'whatsapp_business_account',
            entry: [{ id: 'sim-waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550100', phone_number_id: phoneNumberId }, statuses: [{ id: wamid, status: s, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: recipient.replace(/\D/g, ''), ...(ref ? { biz_opaque_callback_data: ref } : {}) }] } }] }],
          },
          secret,
        ),
      }),
    });
    this.run('meta', [status('sent'), status('delivered'), status('read')]);
  }

  /** Twilio: a message's transitions (read for WhatsApp), or a call's completion. */
  twilio(kind: 'message' | 'call', sid: string, callbackUrl: string | null, authToken: string, whatsapp: boolean): void {
    if (!callbackUrl) return;
    const signed = (event: string, params: Record<string, string>): Step => ({ event, build: () => ({ url: callbackUrl, ...signTwilio(params, authToken, callbackUrl) }) });
    if (kind === 'call') {
      this.run('twilio', [signed('completed', { CallSid: sid, CallStatus: 'completed', CallDuration: '42', SequenceNumber: '0' })]);
      return;
    }
    const message = (s: string) => signed(s, { MessageSid: sid, MessageStatus: s, SmsSid: sid, SmsStatus: s });
    this.run('twilio', [message('sent'), message('delivered'), ...(whatsapp ? [message('read')] : [])]);
  }

  /** Exotel: an SMS's or call's terminal callback (unsigned), or a WhatsApp message's delivery reports. */
  exotel(kind: 'sms' | 'call' | 'whatsapp', sid: string, callbackUrl: string | null, customField: string | null, durationSeconds = 42): void {
    if (!callbackUrl) return;
    const step = (event: string, payload: Record<string, unknown>, as: 'form' | 'json'): Step => ({ event, build: () => ({ url: callbackUrl, ...exotelCallback(payload, as) }) });
    if (kind === 'sms') this.run('exotel', [step('sent', { SmsSid: sid, Status: 'sent', DetailedStatus: 'DELIVERED_TO_HANDSET', CustomField: customField ?? '' }, 'form')]);
    else if (kind === 'call') {
      this.run('exotel', [step('completed', { CallSid: sid, Status: 'completed', ConversationDuration: durationSeconds, EventType: 'terminal', CustomField: customField ?? '' }, 'json')]);
    } else {
      const dlr = (event: string, code: number, detailed: string) =>
        step(event, { whatsapp: { messages: [{ callback_type: 'dlr', sid, exo_status_code: code, exo_detailed_status: detailed, description: event, custom_data: customField ?? '' }] } }, 'json');
      this.run('exotel', [dlr('sent', 30001, 'EX_MESSAGE_SENT'), dlr('delivered', 30002, 'EX_MESSAGE_DELIVERED'), dlr('read', 30003, 'EX_MESSAGE_SEEN')]);
    }
  }

  /** Resend: email.sent then email.delivered, tagged with the send's own tags. */
  resendEmail(emailId: string, to: string[], tags: Record<string, string>): void {
    const { url, secret } = this.of('resend');
    if (!url || !secret) return;
    const event = (type: string): Step => ({
      event: type,
      build: () => ({ url, ...signResend({ type, created_at: new Date().toISOString(), data: { email_id: emailId, to, created_at: new Date().toISOString(), tags } }, secret) }),
    });
    this.run('resend', [event('email.sent'), event('email.delivered')]);
  }

  /** SendGrid: processed then delivered, each a one-event batch carrying the send's custom_args. */
  sendgridEmail(messageId: string, email: string, customArgs: Record<string, string>): void {
    const { url } = this.of('sendgrid');
    if (!url) return;
    const event = (name: string, n: number): Step => ({
      event: name,
      build: () => ({
        url,
        ...signSendGrid([{ email, timestamp: Math.floor(Date.now() / 1000), event: name, sg_event_id: `sim-${messageId}-${n}`, sg_message_id: `${messageId}.filter0001`, ...customArgs }], this.sendgridKeys.privateKey),
      }),
    });
    this.run('sendgrid', [event('processed', 1), event('delivered', 2)]);
  }

  /** One payment, signing or meeting event, in the provider's own shape and signature. */
  private onDemand(provider: OnDemand, type: string, objectId: string, ref: string | null, url: string, secret: string): Step {
    const now = () => new Date();
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const build = (): SignedCallback => {
      const at = now();
      if (provider === 'stripe') {
        const status = type.endsWith('succeeded') ? 'succeeded' : type.endsWith('payment_failed') ? 'requires_payment_method' : type.endsWith('canceled') ? 'canceled' : 'processing';
        return signStripe({ id: `evt_${id}`, object: 'event', type, created: Math.floor(at.getTime() / 1000), livemode: false, data: { object: { id: objectId, object: 'payment_intent', status, metadata: ref ? { gw_id: ref } : {} } } }, secret, at);
      }
      if (provider === 'paypal') {
        return signPayPal({ id: `WH-${id}`, create_time: at.toISOString(), event_type: type, resource_type: 'capture', resource: { id: objectId, status: 'COMPLETED', ...(ref ? { custom_id: ref } : {}) } }, secret, at);
      }
      if (provider === 'docuseal') {
        const submission = /^\d+$/.test(objectId) ? Number(objectId) : objectId;
        const data = type.startsWith('form.')
          ? { id: 1, submission_id: submission, email: 'signer@example.com', external_id: ref, status: type.slice(5), submission: { id: submission, status: 'pending' } }
          : { id: submission, status: type.split('.')[1], submitters: [{ id: 1, external_id: ref }] };
        return signDocuSeal({ event_type: type, timestamp: at.toISOString(), data }, secret, at);
      }
      return signZoom({ event: type, event_ts: at.getTime(), payload: { account_id: 'sim-account', object: { id: /^\d+$/.test(objectId) ? Number(objectId) : objectId, uuid: id, topic: 'Simulated meeting' } } }, secret, at);
    };
    return { event: type, build: () => ({ url, ...build() }) };
  }

  /**
   * Sends events about one object (one type, or several one after another), as the provider's
   * dashboard-configured webhook would, when a URL and secret are set for it; false when none are
   * (the provider then reports nothing, as the real one would).
   */
  emitEvent(provider: OnDemand, type: string | readonly string[], objectId: string, ref: string | null): boolean {
    const { url, secret } = this.of(provider);
    if (!url || !secret) return false;
    const types = typeof type === 'string' ? [type] : type;
    this.run(provider, types.map((t) => this.onDemand(provider, t, objectId, ref, url, secret)));
    return true;
  }

  routes(): Route[] {
    return [
      {
        method: 'POST',
        pattern: /^\/_control\/webhooks\/([a-z]+)\/events$/,
        handle: async ({ res, params, body }) => {
          const provider = params[0] as OnDemand;
          if (!ON_DEMAND.includes(provider)) return json(res, 404, { error: `no events for ${params[0]}` });
          if (!this.of(provider).url || !this.of(provider).secret) return json(res, 409, { error: `PUT /_control/webhooks/${provider} with a url and secret first` });
          const input = parseJson(await body());
          const type = typeof input?.type === 'string' ? input.type : '';
          const objectId = typeof input?.objectId === 'string' ? input.objectId : '';
          if (!type || !objectId) return json(res, 400, { error: 'type and objectId are required' });
          this.emitEvent(provider, type, objectId, typeof input?.ref === 'string' ? input.ref : null);
          json(res, 202, { provider, type, objectId });
        },
      },
      { method: 'GET', pattern: /^\/_control\/webhooks\/deliveries$/, handle: ({ res }) => json(res, 200, this.deliveries) },
      { method: 'GET', pattern: /^\/_control\/webhooks\/sendgrid\/key$/, handle: ({ res }) => json(res, 200, { publicKey: this.sendgridKeys.publicKey }) },
      {
        method: 'PUT',
        pattern: /^\/_control\/webhooks\/([a-z]+)$/,
        handle: async ({ res, params, body }) => {
          const provider = params[0] as Provider;
          if (!PROVIDERS.includes(provider)) return json(res, 404, { error: `no callbacks for ${params[0]}` });
          const input = parseJson(await body());
          const mode = (input?.mode ?? 'ok') as CallbackMode;
          if (!callbackModes.includes(mode)) return json(res, 400, { error: `mode must be one of ${callbackModes.join(', ')}` });
          const url = typeof input?.url === 'string' ? input.url : undefined;
          const secret = typeof input?.secret === 'string' ? input.secret : undefined;
          const delayMs = typeof input?.delayMs === 'number' && input.delayMs >= 0 ? input.delayMs : 150;
          this.settings.set(provider, { url, secret, mode, delayMs });
          json(res, 200, { provider, url: url ?? null, mode, delayMs });
        },
      },
      {
        method: 'DELETE',
        pattern: /^\/_control\/webhooks\/([a-z]+)$/,
        handle: ({ res, params }) => {
          this.settings.delete(params[0] as Provider);
          json(res, 200, { provider: params[0] });
        },
      },
    ];
  }
}
