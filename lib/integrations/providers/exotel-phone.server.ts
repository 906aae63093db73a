import 'server-only';
import { defineServerProvider, passed } from '../define.server';
import { exotelBaseUrls, listExotelNumbers, probeExotel } from './exotel-common.server';
import exotelPhone from './exotel-phone';
import { exotelPhoneSender } from './exotel-phone.send.server';
import { exotelPhoneWebhook } from './exotel-phone.webhook.server';

export default defineServerProvider(exotelPhone, {
  baseUrls: exotelBaseUrls,
  webhook: exotelPhoneWebhook,
  send: exotelPhoneSender,
  async test(credentials, ctx) {
    const { numbersOnFirstPage, numberFound } = await probeExotel(credentials, ctx, credentials.virtual_number);
    return passed(ctx, { region: credentials.region, numbers: numbersOnFirstPage, virtual_number_found: numberFound });
  },
  sync: {
    list: (credentials, ctx) => listExotelNumbers(credentials, ctx),
    // Exotel lists Indian numbers in national form (011…); ExoPhones are virtual numbers.
    defaultCountry: 'IN',
    numberType: 'virtual',
    sets: { call: true, sms: true, whatsapp: false },
  },
});
