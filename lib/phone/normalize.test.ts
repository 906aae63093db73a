import { describe, expect, it } from 'vitest';
import { normalizePhone } from './normalize';

describe('phone number normalisation', () => {
  it('reads spaces, a leading 0, +91 and 0091 as one E.164 number', () => {
    for (const input of ['011 4116 9368', '01141169368', '+91 11 4116 9368', '0091 11 4116 9368', '+91-11-4116-9368', '(011) 4116 9368']) {
      expect(normalizePhone(input, 'IN'), input).toMatchObject({ ok: true, e164: '+911141169368' });
    }
  });

  it('explains what is wrong with numbers it cannot read', () => {
    expect(normalizePhone('', 'IN')).toEqual({ ok: false, message: 'Enter a phone number.' });
    expect(normalizePhone('call me', 'IN')).toMatchObject({ ok: false, message: expect.stringMatching(/only digits/) });
    expect(normalizePhone('12345', 'IN')).toMatchObject({ ok: false, message: expect.stringMatching(/not a valid IN number/) });
  });
});
