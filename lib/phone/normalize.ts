// Phone numbers as people and providers write them ("011 4116 9368", "+91 11 4116 9368",
// "0091-11-41169368", "whatsapp:+911141169368") to one E.164 value, or a message a person can act on.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type NormalizedPhone = { ok: true; e164: string; country: string | null; type: string | null } | { ok: false; message: string };

export function normalizePhone(input: string, defaultCountry: CountryCode = 'IN'): NormalizedPhone {
  const raw = input.trim().replace(/^whatsapp:/i, '');
  if (raw === '') return { ok: false, message: 'Enter a phone number.' };
  if (/[^\d\s()+.-]/.test(raw)) return { ok: false, message: 'A phone number has only digits, spaces, dashes, brackets and a leading +.' };
  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (!parsed) return { ok: false, message: `Enter the number with its country code, e.g. +91 11 4116 9368 (numbers without one are read as ${defaultCountry}).` };
  if (!parsed.isValid()) {
    return { ok: false, message: `${parsed.number} is not a valid ${parsed.country ?? 'international'} number: check the digits and the country code.` };
  }
  return { ok: true, e164: parsed.number, country: parsed.country ?? null, type: parsed.getType() ?? null };
}
