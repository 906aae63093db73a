import { sendRoute } from '@/lib/gateway/http';
import { emailRequest } from '@/lib/gateway/messages';
import { emailSendSchema } from '@/lib/validations/gateway';

/** Sends one email `{ to, subject, html?, text? }` through the organization's email integration: 202 `{ id, status }`. */
export const POST = sendRoute('messages:send', emailSendSchema, emailRequest);
