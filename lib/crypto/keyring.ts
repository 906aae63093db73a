import 'server-only';
import { env } from '@/lib/env';
import { open, parseKeyring, seal, type Keyring, type SealContext } from './envelope';

let cached: { source: string; keyring: Keyring } | undefined;

/** The keyring from INTEGRATIONS_ENCRYPTION_KEYS (re-parsed if the variable changes, as in tests). */
export function keyring(): Keyring {
  const source = process.env.INTEGRATIONS_ENCRYPTION_KEYS ?? env().INTEGRATIONS_ENCRYPTION_KEYS;
  if (cached?.source !== source) cached = { source, keyring: parseKeyring(source) };
  return cached.keyring;
}

export const sealCredentials = (ctx: SealContext, values: Record<string, string>) => seal(keyring(), ctx, JSON.stringify(values));

export function openCredentials(ctx: SealContext, envelope: string): Record<string, string> {
  const parsed = JSON.parse(open(keyring(), ctx, envelope)) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('stored credentials are not an object');
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** What a person may see of a secret: its last four characters, or nothing for short ones. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••';
}
