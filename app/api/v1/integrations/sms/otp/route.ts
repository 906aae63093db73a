import { sendRoute } from '@/lib/gateway/http';
import { smsCodeRequest } from '@/lib/gateway/messages';
import { smsCodeSchema } from '@/lib/validations/gateway';

/** Sends a one-time password `{ phoneNumber, code }` in the organization's OTP text: 202 `{ id, status }`. */
export const POST = sendRoute('messages:send', smsCodeSchema, smsCodeRequest);
