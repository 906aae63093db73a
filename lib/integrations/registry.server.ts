import 'server-only';
import type { BaseUrl, ServerProvider } from './define.server';
import ctos from './providers/ctos.server';
import docuseal from './providers/docuseal.server';
import exotelPhone from './providers/exotel-phone.server';
import exotelWhatsApp from './providers/exotel-whatsapp.server';
import googleCalendar from './providers/google-calendar.server';
import metaWhatsApp from './providers/meta-whatsapp.server';
import paypal from './providers/paypal.server';
import resend from './providers/resend.server';
import sendgrid from './providers/sendgrid.server';
import smtp from './providers/smtp.server';
import stripe from './providers/stripe.server';
import twilio from './providers/twilio.server';
import zoom from './providers/zoom.server';

// Every provider with its server half (tests, number syncs, OAuth, base URLs), in the order of
// registry.ts: each is the client-safe half merged with what only the server may run.

export const serverProviders: readonly ServerProvider[] = [
  exotelPhone,
  twilio,
  exotelWhatsApp,
  metaWhatsApp,
  resend,
  sendgrid,
  smtp,
  stripe,
  paypal,
  zoom,
  googleCalendar,
  docuseal,
  ctos,
];

const byId = new Map(serverProviders.map((p) => [p.id, p]));

export function findServerProvider(id: string): ServerProvider | undefined {
  return byId.get(id);
}

/** Every base URL the providers declare, once each (providers of one family share theirs). */
export function providerBaseUrls(): BaseUrl[] {
  const byEnv = new Map<string, BaseUrl>();
  for (const declared of serverProviders.flatMap((p) => p.baseUrls ?? [])) byEnv.set(declared.env, declared);
  return [...byEnv.values()];
}
