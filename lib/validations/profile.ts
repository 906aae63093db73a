import * as z from 'zod/mini';
import { isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';
import './locale';
import { expectedVersionSchema, noNul } from './common';

// A person's own details: the name colleagues see and the phone click-to-call rings first. The form
// loads this module only when it is first submitted (libphonenumber's metadata is large), and the
// server action parses with the very same rules.

export const PHONE_EXAMPLE = '+60 12-345 6789';
const WITH_COUNTRY_CODE = `Enter the number with its country code, e.g. ${PHONE_EXAMPLE}`;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** "Malaysia" for MY; the code itself where the runtime has no name for it. */
export const countryName = (code: string): string => regionNames.of(code) ?? code;

export const isCountry = (code: string): code is CountryCode => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);

export type ParsedPhone = { ok: true; e164: string | null } | { ok: false; message: string };

/**
 * A phone number as a person types it, with the country chosen beside it for numbers typed without
 * `+`, to E.164, or a message they can act on. An empty field means "no number".
 */
export function parseMemberPhone(input: string, country: string): ParsedPhone {
  const raw = input.trim();
  if (raw === '') return { ok: true, e164: null };
  if (/[^\d\s()+.-]/.test(raw)) return { ok: false, message: 'Use only digits, spaces, dashes, brackets and a leading +.' };
  const international = raw.startsWith('+');
  if (!international && !isCountry(country)) return { ok: false, message: `${WITH_COUNTRY_CODE}, or choose the country it belongs to.` };
  const region = international ? undefined : (country as CountryCode);
  const where = region ? `in ${countryName(region)}` : 'for its country code';
  switch (validatePhoneNumberLength(raw, region)) {
    case 'TOO_SHORT':
      return { ok: false, message: `This number is too short ${where}: check for missing digits.` };
    case 'TOO_LONG':
      return { ok: false, message: `This number is too long ${where}: check for extra digits.` };
    case 'INVALID_COUNTRY':
      return { ok: false, message: international ? `That country code does not exist. ${WITH_COUNTRY_CODE}.` : `${WITH_COUNTRY_CODE}.` };
    case 'NOT_A_NUMBER':
      return { ok: false, message: `${WITH_COUNTRY_CODE}.` };
    default:
      break;
  }
  const parsed = parsePhoneNumberFromString(raw, region);
  if (!parsed) return { ok: false, message: `${WITH_COUNTRY_CODE}.` };
  if (!parsed.isValid()) {
    const named = parsed.country ? countryName(parsed.country) : region ? countryName(region) : null;
    return { ok: false, message: `${parsed.formatInternational()} is not a valid ${named ? `${named} ` : ''}number: check the digits and the country.` };
  }
  return { ok: true, e164: parsed.number };
}

/** "+60 12 345 6789" for "+60123456789"; the value itself if it somehow does not parse. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The country of a stored number, to preselect it in the form. */
export function countryOfPhone(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

export const profileSchema = z
  .object({
    name: z.string().check(noNul(), z.trim(), z.minLength(1, 'Enter your name.'), z.maxLength(120, 'Keep your name under 120 characters.')),
    phone: z.string().check(noNul(), z.trim(), z.maxLength(40, `Keep to the number itself, e.g. ${PHONE_EXAMPLE}.`)),
    /** Two letters (MY), or empty when the number is typed with its country code. */
    country: z.string().check(z.refine((c) => c === '' || isCountry(c), 'Choose a country from the list.')),
    expected_version: expectedVersionSchema,
  })
  .check(
    z.superRefine((value, ctx) => {
      const parsed = parseMemberPhone(value.phone, value.country);
      if (!parsed.ok) ctx.issues.push({ code: 'custom', message: parsed.message, path: ['phone'], input: value.phone });
    }),
  );
export type ProfileInput = z.infer<typeof profileSchema>;
