import 'server-only';
import { defineServerProvider, passed } from '../define.server';
import { exotelBaseUrls, probeExotel } from './exotel-common.server';
import exotelWhatsApp from './exotel-whatsapp';
import { exotelWhatsAppSender } from './exotel-whatsapp.send.server';
import { exotelWhatsAppWebhook } from './exotel-whatsapp.webhook.server';

// Exotel has no read-only WhatsApp call, so the test is the ExoPhones read that proves the account
// credentials; whether WhatsApp-enabled numbers appear in that list is unconfirmed, so a number
// missing from it is reported in the details, not failed.
export default defineServerProvider(exotelWhatsApp, {
  baseUrls: exotelBaseUrls,
  webhook: exotelWhatsAppWebhook,
  send: exotelWhatsAppSender,
  async test(credentials, ctx) {
    const { numbersOnFirstPage, numberFound } = await probeExotel(credentials, ctx, credentials.whatsapp_number);
    return passed(ctx, { region: credentials.region, numbers: numbersOnFirstPage, whatsapp_number_listed: numberFound });
  },
});
