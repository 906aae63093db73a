import * as z from 'zod/mini';
import { defineProvider, optionalText, phoneText } from '../define';
import { exotelAccountFields, exotelAccountShape } from './exotel-common';

export default defineProvider({
  id: 'exotel_phone',
  name: 'Exotel Phone',
  group: 'phone',
  description: 'Click-to-call, IVR and call recordings through your Exotel account.',
  docsUrl: 'https://developer.exotel.com/api',
  schema: z.object({
    ...exotelAccountShape,
    virtual_number: phoneText('virtual number'),
    caller_id: optionalText(20),
  }),
  fields: {
    ...exotelAccountFields,
    virtual_number: { label: 'Virtual number', placeholder: '01141169368', help: 'The ExoPhone calls are made from.', env: 'EXOTEL_PHONE_NUMBER' },
    caller_id: { label: 'Caller ID (optional)', help: 'Shown to the person called, if different from the virtual number.' },
  },
});
