import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative, validTimeZone } from './dates';

const at = '2026-11-27T20:05:09Z';
const now = Date.parse(at);

describe('dates', () => {
  it('formats one way, in the viewer’s zone, saying UTC when it is UTC', () => {
    expect(formatDateTime(at)).toBe('27 Nov 2026, 20:05 UTC');
    expect(formatDateTime(at, 'UTC', { seconds: true })).toBe('27 Nov 2026, 20:05:09 UTC');
    expect(formatDateTime(at, 'Asia/Kolkata')).toBe('28 Nov 2026, 01:35');
    expect(formatDateTime(new Date(at), 'America/New_York')).toBe('27 Nov 2026, 15:05');
    expect(formatDate(at, 'Asia/Kolkata')).toBe('28 Nov 2026');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('accepts only real time zones from the cookie', () => {
    expect(validTimeZone('Asia/Kuala_Lumpur')).toBe('Asia/Kuala_Lumpur');
    expect(validTimeZone('UTC')).toBe('UTC');
    expect(validTimeZone('Mars/Olympus')).toBeNull();
    expect(validTimeZone('<script>')).toBeNull();
    expect(validTimeZone(undefined)).toBeNull();
  });

  it('says how long ago, switching unit at each threshold, and gives a date beyond a week', () => {
    const ago = (seconds: number) => formatRelative(new Date(now - seconds * 1000), now);
    expect(ago(3)).toBe('just now');
    expect(ago(-20)).toBe('just now'); // clock skew: a moment "in the future"
    expect(ago(42)).toBe('42 seconds ago');
    expect(ago(60)).toBe('1 minute ago');
    expect(ago(3 * 60 + 50)).toBe('3 minutes ago');
    expect(ago(3600)).toBe('1 hour ago');
    expect(ago(5 * 3600)).toBe('5 hours ago');
    expect(ago(86_400)).toBe('yesterday');
    expect(ago(3 * 86_400)).toBe('3 days ago');
    expect(ago(-6 * 86_400)).toBe('in 6 days');
    expect(ago(-2 * 3600)).toBe('in 2 hours');
    expect(ago(30 * 86_400)).toBe('28 Oct 2026');
    expect(formatRelative(new Date(now - 30 * 86_400_000), now, 'Asia/Tokyo')).toBe('29 Oct 2026'); // the next morning there
  });
});
