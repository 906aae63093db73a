import { z } from 'zod';
import { defineProvider, optionalText, passed, phoneText } from '../define';
import { exotelAccountFields, exotelAccountShape, probeExotel } from './exotel-common';

// Exotel has no read-only WhatsApp call, so the test is the ExoPhones read that proves the account
// credentials; whether WhatsApp-enabled numbers appear in that list is unconfirmed, so a number
// missing from it is reported in the details, not failed.
export default defineProvider({
  id: 'exotel_whatsapp',
  name: 'Exotel WhatsApp',
  group: 'whatsapp',
  description: 'WhatsApp Business messages sent through your Exotel account.',
  docsUrl: 'https://developer.exotel.com/api',
  schema: z.object({
    ...exotelAccountShape,
    whatsapp_number: phoneText('WhatsApp number'),
    business_name: optionalText(100),
  }),
  fields: {
    ...exotelAccountFields,
    whatsapp_number: {
      label: 'WhatsApp number',
      placeholder: '+919876543210',
      help: 'The WhatsApp-enabled number Exotel set up for you, with the country code.',
      env: 'EXOTEL_WHATSAPP_NUMBER',
    },
    business_name: { label: 'Business name (optional)', help: 'Shown in the portal only; WhatsApp shows the name Meta approved.' },
  },
  async test(credentials, ctx) {
    const { numbersOnFirstPage, numberFound } = await probeExotel(credentials, ctx, credentials.whatsapp_number);
    return passed(ctx, { region: credentials.region, numbers: numbersOnFirstPage, whatsapp_number_listed: numberFound });
  },
});
