import 'server-only';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';
import { countryName } from '@/lib/validations/profile';

export interface CountryOption {
  code: string;
  label: string;
}

let options: CountryOption[] | undefined;

/**
 * Every country libphonenumber knows, as "Malaysia (+60)", sorted by name. Drawn on the server, so
 * the profile form's browser bundle carries none of the metadata behind it.
 */
export function countryOptions(): CountryOption[] {
  options ??= getCountries()
    .map((code) => ({ code, label: `${countryName(code)} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return options;
}

/**
 * The region of the browser's preferred language ("en-MY" → MY), to preselect for someone who has
 * not given a number yet. A language without a region ("en") preselects nothing rather than guess.
 */
export function countryFromAcceptLanguage(header: string | null): string | null {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  if (!first || first === '*') return null;
  try {
    const region = new Intl.Locale(first).region?.toUpperCase();
    return region && countryOptions().some((c) => c.code === region) ? region : null;
  } catch {
    return null;
  }
}
