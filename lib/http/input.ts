// What arrives from outside, checked before any schema or query sees it. Postgres cannot store the
// NUL character in text, so a value carrying one is refused at the door, naming where it was.
import { invalid } from './errors';
import { NUL_MESSAGE } from '@/lib/validations/common';

/** The path of the first string holding a NUL character (`''` for the value itself), or null. */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, '(a key)'].join('.');
    const found = nulPath(inner, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Throws 422 naming the field when any string in the value holds a NUL character. */
export function rejectNul<T>(value: T): T {
  const path = nulPath(value);
  if (path !== null) throw invalid({ [path || 'body']: [NUL_MESSAGE] });
  return value;
}
