import 'server-only';
import { invalid } from '@/lib/http/errors';
import { normalizePhone } from '@/lib/phone/normalize';
import type { EmailSendInput, SmsCodeInput, SmsSendInput, WhatsAppSendInput } from '@/lib/validations/gateway';
import type { SendRequest } from './accept';

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

/** The OTP text, with the code in it. Codes are personal data: they live only in the sealed payload. */
export const otpText = (code: string) => `Your verification code is ${code}. It expires in 10 minutes; never share it.`;

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

export const smsCodeRequest = (input: SmsCodeInput): SendRequest => ({
  channel: 'sms',
  kind: 'otp',
  source: 'api',
  message: { channel: 'sms', to: e164('phoneNumber', input.phoneNumber), text: otpText(input.code) },
});

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
