// Money as people read it ("USD 99.99"), from the units providers count in; safe for the browser.

/** The currency's own number of decimals (none for JPY, three for BHD), as Intl knows them; two for a code it does not know. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const show = (major: number, currency: string, digits: number) =>
  `${currency.toUpperCase()} ${major.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

/** An amount in minor units (9999 cents) as "USD 99.99". */
export function formatMinor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return show(minor / 10 ** digits, currency, digits);
}

/** An amount in major units as a provider answers it (10, "10.00") as "USD 10.00"; as given when it is not a number. */
export function formatMajor(amount: number | string, currency: string): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  return Number.isFinite(value) && String(amount).trim() !== '' ? show(value, currency, currencyDigits(currency)) : `${currency.toUpperCase()} ${String(amount)}`;
}
