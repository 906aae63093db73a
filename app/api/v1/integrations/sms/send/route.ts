import { sendRoute } from '@/lib/gateway/http';
import { smsRequest } from '@/lib/gateway/messages';
import { smsSendSchema } from '@/lib/validations/gateway';

/** Sends one SMS `{ phoneNumber, message }` through the organization's SMS integration: 202 `{ id, status }`. */
export const POST = sendRoute('messages:send', smsSendSchema, smsRequest);
