import { sendRoute } from '@/lib/gateway/http';
import { whatsappRequest } from '@/lib/gateway/messages';
import { whatsappSendSchema } from '@/lib/validations/gateway';

/**
 * Sends a WhatsApp message: `{ to, message }` (inside the 24-hour window) or an approved template
 * `{ to, template, language?, variables[] }`. 202 `{ id, status }`.
 */
export const POST = sendRoute('messages:send', whatsappSendSchema, whatsappRequest);
