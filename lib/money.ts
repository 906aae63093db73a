// Money: exact conversions between what people and the API write (99.99 USD, in major units) and
// what providers count in (9999, minor units), and how amounts read on the portal's pages. Safe for
// the browser: no schema library.
//
// Amounts cross the API in major units (99.99 USD) and reach the providers in integer minor units
// (9999) or as exact decimal strings ("99.99"). The conversion is done on the decimal digits, never
// through floating point: 1.005 * 100 is 100.49999999999999 in binary, which a cent-rounding
// conversion would silently charge as 1.00.

/** ISO 4217 currencies without a minor unit. */
const ZERO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
/** ISO 4217 currencies with thousandths. */
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** The largest amount a payment may have, in minor units (Stripe's limit: eight digits). */
export const MAX_MINOR_UNITS = 99_999_999;

const CURRENCY = /^[A-Za-z]{3}$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Thrown by the conversions with a sentence the caller can act on. */
export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** The currency code in upper case; refuses anything but three letters. */
export function normalizeCurrency(currency: string): string {
  if (!CURRENCY.test(currency)) throw new MoneyError('A currency is its three-letter ISO 4217 code, e.g. USD, EUR or JPY.');
  return currency.toUpperCase();
}

/** A payment provider whose count of a currency departs from ISO 4217. */
export type MoneyProvider = 'stripe' | 'paypal';

/**
 * Where the providers count otherwise: Stripe takes ISK in hundredths (whole krónur only), MGA
 * without decimals, and three-decimal currencies in steps of ten; PayPal takes HUF and TWD without
 * decimals.
 */
const PROVIDER_DECIMALS: Record<MoneyProvider, Record<string, number>> = { stripe: { ISK: 2, MGA: 0 }, paypal: { HUF: 0, TWD: 0 } };
const PROVIDER_STEPS: Record<MoneyProvider, Record<string, number>> = { stripe: { ISK: 100, BHD: 10, JOD: 10, KWD: 10, OMR: 10, TND: 10 }, paypal: {} };

/** How many decimals the currency's minor unit has (2 unless listed above), as the provider counts it. */
export function currencyDecimals(currency: string, provider?: MoneyProvider): number {
  const code = normalizeCurrency(currency);
  const special = provider ? PROVIDER_DECIMALS[provider][code] : undefined;
  if (special !== undefined) return special;
  return ZERO_DECIMALS.has(code) ? 0 : THREE_DECIMALS.has(code) ? 3 : 2;
}

/**
 * The amount's decimal digits: a JSON number through its shortest round-tripping spelling
 * (`String(99.99)` is "99.99"), or a decimal string as written. Trailing zeros after the point are
 * dropped ("10.50" → 10 and "5"). Refuses exponents, signs, NaN, Infinity and zero.
 */
export function digitsOf(amount: number | string): { whole: string; fraction: string } {
  if (typeof amount === 'number' && !Number.isFinite(amount)) throw new MoneyError('The amount must be a finite number.');
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  if (text.startsWith('-')) throw new MoneyError('The amount must be greater than zero.');
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new MoneyError(
      /e/i.test(text) ? 'Write the amount as a plain decimal (e.g. 0.0001 or 1000000), not in exponent notation.' : 'Write the amount as a decimal number in major units, e.g. 99.99.',
    );
  }
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (/^0+$/.test(whole) && fraction === '') throw new MoneyError('The amount must be greater than zero.');
  return { whole, fraction };
}

/** A refusal of an amount with more decimals than its currency has, with the nearest amounts it could be. */
function tooPrecise(text: string, whole: string, fraction: string, code: string, decimals: number): MoneyError {
  if (decimals === 0) return new MoneyError(`${code} has no minor unit: send ${whole}, not ${text}.`);
  const cut = `${whole}.${fraction.slice(0, decimals)}`;
  return new MoneyError(`${code} has ${decimals} decimal places: send ${cut}, not ${text}.`);
}

/** Major units (99.99, "99.99") to integer minor units (9999), exactly, as the provider counts them. Throws MoneyError. */
export function toMinorUnits(amount: number | string, currency: string, provider?: MoneyProvider): number {
  const code = normalizeCurrency(currency);
  const decimals = currencyDecimals(code, provider);
  const { whole, fraction } = digitsOf(amount);
  if (fraction.length > decimals) {
    const text = fraction === '' ? whole : `${whole}.${fraction}`;
    throw tooPrecise(text, whole, fraction, code, decimals);
  }
  const minor = BigInt(whole + fraction.padEnd(decimals, '0'));
  if (minor > BigInt(MAX_MINOR_UNITS)) throw new MoneyError(`The largest amount is ${fromMinorUnits(MAX_MINOR_UNITS, code, provider)} ${code}.`);
  const step = provider ? (PROVIDER_STEPS[provider][code] ?? 1) : 1;
  if (minor % BigInt(step) !== BigInt(0)) {
    const lower = (minor / BigInt(step)) * BigInt(step);
    throw new MoneyError(`${code} goes in steps of ${fromMinorUnits(step, code, provider)} here: send ${fromMinorUnits(Number(lower), code, provider)} or ${fromMinorUnits(Number(lower) + step, code, provider)}.`);
  }
  return Number(minor);
}

/** Integer minor units (9999) to the major-unit decimal string with the currency's decimals ("99.99", "1000", "1.005"). */
export function fromMinorUnits(minor: number, currency: string, provider?: MoneyProvider): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new MoneyError('A minor-unit amount is a whole number, zero or more.');
  const decimals = currencyDecimals(currency, provider);
  if (decimals === 0) return String(minor);
  const digits = String(minor).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The refusal of an amount in a currency, or null when it converts. */
export function moneyProblem(amount: number | string, currency: string, provider?: MoneyProvider): string | null {
  try {
    toMinorUnits(amount, currency, provider);
    return null;
  } catch (error) {
    if (error instanceof MoneyError) return error.message;
    throw error;
  }
}


const grouped = (text: string) => {
  const [whole, fraction] = text.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
};

/** An amount in minor units (9999 cents) as "USD 99.99", with the currency's own decimals. */
export function formatMinor(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  try {
    return `${code} ${grouped(fromMinorUnits(minor, code))}`;
  } catch {
    return `${code} ${minor}`;
  }
}

/** An amount in major units as a provider answers it (10, "10.00") as "USD 10.00"; as given when it cannot be read. */
export function formatMajor(amount: number | string, currency: string): string {
  try {
    return formatMinor(toMinorUnits(amount, currency), currency);
  } catch {
    return `${currency.toUpperCase()} ${String(amount)}`;
  }
}
