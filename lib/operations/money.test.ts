// Exact conversion between major and minor units: the examples the payment operations rely on, and
// the round trip over every amount a payment can have.
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { currencyDecimals, fromMinorUnits, MAX_MINOR_UNITS, MoneyError, toMinorUnits } from '@/lib/money';
import { amountFitsCurrency, currencyCode, moneyAmount } from './money';

describe('toMinorUnits', () => {
  it('converts the documented examples exactly', () => {
    expect(toMinorUnits(99.99, 'USD')).toBe(9999);
    expect(toMinorUnits('99.99', 'usd')).toBe(9999);
    expect(toMinorUnits(1000, 'JPY')).toBe(1000);
    expect(toMinorUnits(1.005, 'BHD')).toBe(1005);
    expect(toMinorUnits('0.01', 'EUR')).toBe(1);
    // A float that is not the decimal it looks like is refused, never rounded to a cent.
    expect(() => toMinorUnits(0.1 + 0.7, 'USD')).toThrow('send 0.79, not 0.7999999999999999');
  });

  it('counts as each payment provider does where it departs from ISO 4217', () => {
    expect(toMinorUnits(5000, 'ISK', 'stripe')).toBe(500000);
    expect(() => toMinorUnits(5000.5, 'ISK', 'stripe')).toThrow('ISK goes in steps of 1.00 here: send 5000.00 or 5001.00.');
    expect(toMinorUnits(1.01, 'BHD', 'stripe')).toBe(1010);
    expect(() => toMinorUnits(1.005, 'BHD', 'stripe')).toThrow('BHD goes in steps of 0.010 here: send 1.000 or 1.010.');
    expect(toMinorUnits(2500, 'MGA', 'stripe')).toBe(2500);
    expect(() => toMinorUnits('10.50', 'HUF', 'paypal')).toThrow('HUF has no minor unit');
    expect(fromMinorUnits(1500, 'TWD', 'paypal')).toBe('1500');
    expect(fromMinorUnits(500000, 'ISK', 'stripe')).toBe('5000.00');
  });

  it('refuses what has no exact minor-unit amount', () => {
    expect(() => toMinorUnits(1.005, 'USD')).toThrow('USD has 2 decimal places: send 1.00, not 1.005.');
    expect(() => toMinorUnits(1000.5, 'JPY')).toThrow('JPY has no minor unit: send 1000, not 1000.5.');
    expect(() => toMinorUnits(0, 'USD')).toThrow('greater than zero');
    expect(() => toMinorUnits('0.00', 'USD')).toThrow('greater than zero');
    expect(() => toMinorUnits(-5, 'USD')).toThrow('greater than zero');
    expect(() => toMinorUnits(Number.NaN, 'USD')).toThrow('finite');
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 'USD')).toThrow('finite');
    expect(() => toMinorUnits(1e21, 'USD')).toThrow('exponent');
    expect(() => toMinorUnits(1e-7, 'USD')).toThrow('exponent');
    expect(() => toMinorUnits('1e3', 'USD')).toThrow('exponent');
    expect(() => toMinorUnits('12,50', 'EUR')).toThrow('decimal number');
    expect(() => toMinorUnits('.5', 'EUR')).toThrow(MoneyError);
    expect(() => toMinorUnits(10, 'US')).toThrow('three-letter');
  });

  it('stops at the largest amount Stripe takes', () => {
    expect(toMinorUnits('999999.99', 'USD')).toBe(MAX_MINOR_UNITS);
    expect(toMinorUnits(99_999_999, 'JPY')).toBe(MAX_MINOR_UNITS);
    expect(() => toMinorUnits('1000000.00', 'USD')).toThrow('The largest amount is 999999.99 USD.');
    expect(() => toMinorUnits('99999.999999999999999', 'USD')).toThrow(MoneyError);
  });

  it('keeps trailing zeros and leading zeros exact', () => {
    expect(toMinorUnits('10.50', 'USD')).toBe(1050);
    expect(toMinorUnits('1000.000', 'JPY')).toBe(1000);
    expect(toMinorUnits('007.5', 'EUR')).toBe(750);
  });
});

describe('fromMinorUnits', () => {
  it('writes the currency’s decimals', () => {
    expect(fromMinorUnits(9999, 'USD')).toBe('99.99');
    expect(fromMinorUnits(1000, 'JPY')).toBe('1000');
    expect(fromMinorUnits(1005, 'BHD')).toBe('1.005');
    expect(fromMinorUnits(5, 'usd')).toBe('0.05');
    expect(fromMinorUnits(0, 'KWD')).toBe('0.000');
    expect(() => fromMinorUnits(1.5, 'USD')).toThrow(MoneyError);
    expect(() => fromMinorUnits(-1, 'USD')).toThrow(MoneyError);
  });

  const currencies = fc.constantFrom('USD', 'EUR', 'JPY', 'KRW', 'BHD', 'KWD', 'MYR', 'xof');

  it('round-trips every minor amount through its decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_MINOR_UNITS }), currencies, (minor, currency) => {
        const text = fromMinorUnits(minor, currency);
        expect(toMinorUnits(text, currency)).toBe(minor);
        // A JSON number of that value converts the same way: its shortest spelling is exact.
        expect(toMinorUnits(Number(text), currency)).toBe(minor);
      }),
    );
  });

  it('gives back the canonical decimal of any amount it accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999 }), currencies, (whole, cents, currency) => {
        const decimals = currencyDecimals(currency);
        const fraction = String(cents).padStart(3, '0').slice(0, decimals);
        const text = decimals === 0 ? String(whole) : `${whole}.${fraction}`;
        fc.pre(!/^0(\.0*)?$/.test(text) && BigInt(text.replace('.', '')) <= BigInt(MAX_MINOR_UNITS));
        const minor = toMinorUnits(text, currency);
        expect(fromMinorUnits(minor, currency)).toBe(text);
      }),
    );
  });
});

describe('the input schemas', () => {
  const schema = z.object({ amount: moneyAmount, currency: currencyCode }).check(amountFitsCurrency());

  it('accepts an amount its currency can express and upper-cases the currency', () => {
    expect(schema.parse({ amount: 99.99, currency: 'usd' })).toEqual({ amount: 99.99, currency: 'USD' });
    expect(schema.parse({ amount: '1.005', currency: 'BHD' })).toEqual({ amount: '1.005', currency: 'BHD' });
  });

  it('puts each refusal on the field at fault, once', () => {
    const issues = (input: unknown) => schema.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ amount: 1000.5, currency: 'JPY' })).toEqual([['amount', 'JPY has no minor unit: send 1000, not 1000.5.']]);
    expect(issues({ amount: 0, currency: 'USD' })).toEqual([['amount', 'The amount must be greater than zero.']]);
    expect(issues({ amount: '1e3', currency: 'USD' })).toEqual([['amount', expect.stringContaining('exponent')]]);
    expect(issues({ amount: 5, currency: 'DOLLARS' })).toEqual([['currency', expect.stringContaining('three-letter')]]);
    expect(issues({ amount: true, currency: 'USD' })?.[0]?.[0]).toBe('amount');
  });
});
