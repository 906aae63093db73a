import { sendRoute } from '@/lib/gateway/http';
import { smsCodeRequest } from '@/lib/gateway/messages';
import { smsCodeSchema } from '@/lib/validations/gateway';

/** Sends a verification code `{ phoneNumber, code }` (the same message as an OTP): 202 `{ id, status }`. */
export const POST = sendRoute('messages:send', smsCodeSchema, smsCodeRequest);
