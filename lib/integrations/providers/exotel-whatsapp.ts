import * as z from 'zod/mini';
import { defineProvider, optionalText, phoneText } from '../define';
import { exotelAccountFields, exotelAccountShape } from './exotel-common';

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
});
