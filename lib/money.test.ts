import { describe, expect, it } from 'vitest';
import { formatMajor, formatMinor } from './money';

describe('money in people’s words', () => {
  it('reads minor units with the currency’s own decimals', () => {
    expect(formatMinor(9999, 'usd')).toBe('USD 99.99');
    expect(formatMinor(150000, 'MYR')).toBe('MYR 1,500.00');
    expect(formatMinor(5000, 'jpy')).toBe('JPY 5,000');
    expect(formatMinor(1234, 'BHD')).toBe('BHD 1.234');
    expect(formatMinor(250, 'XYZ')).toBe('XYZ 2.50');
  });

  it('shows a provider’s major units with the same decimals, and an odd value as it came', () => {
    expect(formatMajor(10, 'usd')).toBe('USD 10.00');
    expect(formatMajor('10.5', 'EUR')).toBe('EUR 10.50');
    expect(formatMajor('abc', 'usd')).toBe('USD abc');
  });
});
