import 'server-only';
import type { ProbeResponse } from '../define.server';

// Helpers several providers' server halves share: reading loosely typed replies, common headers.

/** The domain of an email address, lower-cased. */
export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** The body as a plain object, or null. */
export function objectBody(response: ProbeResponse): Record<string, unknown> | null {
  const body = response.json;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

export const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export const bearerHeaders = (token: string) => ({ authorization: `Bearer ${token}` });

export const formEncoded = { 'content-type': 'application/x-www-form-urlencoded' };
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A callback's raw body read as JSON, or undefined when it is not JSON. */
export function jsonOf(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A form-encoded callback's fields (a repeated name keeps its last value). */
export const formOf = (raw: Buffer): Record<string, string> => Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
