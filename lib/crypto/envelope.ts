import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Credentials at rest: AES-256-GCM with a fresh 96-bit IV per seal, and additional authenticated data
// binding the envelope to its organization, integration type and key id. The envelope is
//   v1.<kid>.<iv base64url>.<ciphertext base64url>.<tag base64url>
// so the version and key id can be read without opening it. A ciphertext copied to another
// organization's row (or another type, or relabelled with another key id) fails authentication.

export interface Keyring {
  /** The key new envelopes are sealed with (the first of INTEGRATIONS_ENCRYPTION_KEYS). */
  current: { kid: string; key: Buffer };
  byId: Map<string, Buffer>;
}

export interface SealContext {
  orgId: string;
  integrationType: string;
}

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** Parses `kid:base64key,kid:base64key`; the first entry encrypts, every entry decrypts. */
export function parseKeyring(value: string): Keyring {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const [kid, encoded] = entry.split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!kid || !/^[A-Za-z0-9_-]{1,32}$/.test(kid) || key.length !== 32) {
        throw new Error('INTEGRATIONS_ENCRYPTION_KEYS must be comma-separated kid:base64key entries, each key 32 bytes');
      }
      return { kid, key };
    });
  const first = entries[0];
  if (!first) throw new Error('INTEGRATIONS_ENCRYPTION_KEYS is empty');
  const byId = new Map<string, Buffer>();
  for (const { kid, key } of entries) {
    if (byId.has(kid)) throw new Error(`INTEGRATIONS_ENCRYPTION_KEYS lists key id "${kid}" twice`);
    byId.set(kid, key);
  }
  return { current: first, byId };
}

const aad = (ctx: SealContext, kid: string) => Buffer.from(`switchboard.credentials.v1|${ctx.orgId}|${ctx.integrationType}|${kid}`, 'utf8');

export function seal(keyring: Keyring, ctx: SealContext, plaintext: string): { envelope: string; kid: string } {
  const { kid, key } = keyring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(ctx, kid));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { envelope: ['v1', kid, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.'), kid };
}

/** The key id an envelope was sealed with (without opening it). */
export function envelopeKeyId(envelope: string): string | null {
  const parts = envelope.split('.');
  return parts[0] === 'v1' && parts.length === 5 ? (parts[1] ?? null) : null;
}

export function open(keyring: Keyring, ctx: SealContext, envelope: string): string {
  const [version, kid, ivText, bodyText, tagText, ...rest] = envelope.split('.');
  if (version !== 'v1' || !kid || ivText === undefined || bodyText === undefined || !tagText || rest.length > 0) {
    throw new DecryptionError('The stored credentials are not in a format this portal can read.');
  }
  const key = keyring.byId.get(kid);
  if (!key) {
    throw new DecryptionError(`The stored credentials were sealed with key "${kid}", which INTEGRATIONS_ENCRYPTION_KEYS no longer lists.`);
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== 12 || tag.length !== 16) throw new DecryptionError('The stored credentials are damaged.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad(ctx, kid));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError(
      'The stored credentials do not belong to this organization and integration, or were altered; they cannot be read. Enter them again.',
    );
  }
}
