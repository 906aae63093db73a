import 'server-only';
import { invalid } from '@/lib/http/errors';
import { normalizePhone } from '@/lib/phone/normalize';
import type { EmailSendInput, SmsCodeInput, SmsSendInput, WhatsAppSendInput } from '@/lib/validations/gateway';
import type { Actor } from '@/lib/auth/actor';
import type { SendRequest } from './accept';
import { otpTextOf, withCode } from './otp-text';

// From the seed's request bodies to what the gateway sends. Numbers must be international (the
// gateway has no country to assume), and are stored and sent as E.164.

export function e164(field: string, value: string): string {
  const trimmed = value.trim().replace(/^whatsapp:/i, '');
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) {
    throw invalid({ [field]: ['Write the number in international format: + and the country code, e.g. +60 12-345 6789.'] });
  }
  const result = normalizePhone(trimmed);
  if (!result.ok) throw invalid({ [field]: [result.message] });
  return result.e164;
}


export const emailRequest = (input: EmailSendInput): SendRequest => ({
  channel: 'email',
  kind: 'email',
  source: 'api',
  message: { channel: 'email', to: input.to, subject: input.subject, html: input.html, text: input.text },
});

export const smsRequest = (input: SmsSendInput): SendRequest => ({
  channel: 'sms',
  kind: 'text',
  source: 'api',
  message: { channel: 'sms', to: e164('phoneNumber', input.phoneNumber), text: input.message },
});

/** An OTP or verification code, in the organization's own words (or the default text). */
export async function smsCodeRequest(input: SmsCodeInput, actor: Actor): Promise<SendRequest> {
  const to = e164('phoneNumber', input.phoneNumber);
  const { text } = await otpTextOf(actor);
  return { channel: 'sms', kind: 'otp', source: 'api', message: { channel: 'sms', to, text: withCode(text, input.code) } };
}

export function whatsappRequest(input: WhatsAppSendInput): SendRequest {
  const to = e164('to', input.to);
  if (input.message !== undefined) return { channel: 'whatsapp', kind: 'text', source: 'api', message: { channel: 'whatsapp', to, text: input.message } };
  return {
    channel: 'whatsapp',
    kind: 'template',
    source: 'api',
    message: { channel: 'whatsapp', to, template: { name: input.template ?? '', language: input.language, variables: input.variables } },
  };
}
