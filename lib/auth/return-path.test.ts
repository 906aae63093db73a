import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

const origin = 'https://switchboard.example';

describe('return path after sign-in', () => {
  it('keeps paths on this portal', () => {
    expect(safeReturnPath('/settings/team?tab=members#x')).toBe('/settings/team?tab=members#x');
    expect(safeReturnPath('/invite/sbi_abc')).toBe('/invite/sbi_abc');
    expect(safeReturnPath(undefined)).toBe('/');
  });

  it('refuses every way out found so far', () => {
    for (const attack of [
      '/.//evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/%09/evil.example',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/././/evil.example/x',
      '/a/..//evil.example',
      '///evil.example',
    ]) {
      const result = safeReturnPath(attack);
      expect(new URL(result, origin).origin, attack).toBe(origin);
      expect(result.startsWith('//'), attack).toBe(false);
    }
  });

  it('never answers anything a browser would take off this portal', () => {
    const pieces = fc.constantFrom('/', '\\', '.', '..', '//', '%2f', '%5c', '\t', '\n', 'evil.example', ':', '@', '?', '#', 'a', 'http:', '%09');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((p) => p.join(''))), (input) => {
        const result = safeReturnPath(input);
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(new URL(result, origin).origin).toBe(origin);
      }),
      { numRuns: 5000 },
    );
  });
});
