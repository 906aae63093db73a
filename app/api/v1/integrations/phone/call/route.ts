import { callRequest } from '@/lib/gateway/calls';
import { sendRoute } from '@/lib/gateway/http';
import { callSchema } from '@/lib/validations/gateway';

/**
 * Click-to-call `{ to, from_user_id?, record? }`: rings the member's own phone first, then `to`, with
 * a number assigned to them as caller ID. 202 `{ id, status }`.
 */
export const POST = sendRoute('calls:create', callSchema, (input, actor) => callRequest(actor, input));
