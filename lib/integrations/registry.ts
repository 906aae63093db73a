// Every provider the portal knows, in the order the tabs show them: the client-safe halves (what the
// forms and pages need). Their server halves are listed in registry.server.ts, in the same order.
import { providerGroups, type AnyProvider, type ProviderGroup } from './define';
import ctos from './providers/ctos';
import docuseal from './providers/docuseal';
import exotelPhone from './providers/exotel-phone';
import exotelWhatsApp from './providers/exotel-whatsapp';
import googleCalendar from './providers/google-calendar';
import metaWhatsApp from './providers/meta-whatsapp';
import paypal from './providers/paypal';
import resend from './providers/resend';
import sendgrid from './providers/sendgrid';
import smtp from './providers/smtp';
import stripe from './providers/stripe';
import twilio from './providers/twilio';
import zoom from './providers/zoom';

export const providers: readonly AnyProvider[] = [
  // phone
  exotelPhone,
  twilio,
  // whatsapp
  exotelWhatsApp,
  metaWhatsApp,
  // email
  resend,
  sendgrid,
  smtp,
  // payments
  stripe,
  paypal,
  // meetings
  zoom,
  googleCalendar,
  // signing
  docuseal,
  ctos,
];

const byId = new Map(providers.map((p) => [p.id, p]));

export function findProvider(id: string): AnyProvider | undefined {
  return byId.get(id);
}

export function providersIn(group: ProviderGroup): AnyProvider[] {
  return providers.filter((p) => p.group === group);
}

export { providerGroups };
