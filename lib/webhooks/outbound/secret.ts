import 'server-only';
import { randomBytes } from 'node:crypto';
import { DecryptionError, open, seal } from '@/lib/crypto/envelope';
import { keyring, maskSecret } from '@/lib/crypto/keyring';

// An endpoint's signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks spells
// it. At rest it is sealed with the credentials keyring, bound to the organization and the endpoint,
// so a sealed secret copied to another endpoint's row cannot be opened there.

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const context = (orgId: string, endpointId: string) => ({ orgId, integrationType: `webhook:${endpointId}` });

export function sealSecret(orgId: string, endpointId: string, secret: string): { sealed: string; kid: string; hint: string } {
  const { envelope, kid } = seal(keyring(), context(orgId, endpointId), secret);
  return { sealed: envelope, kid, hint: maskSecret(secret) };
}

/** The secret, or null when it cannot be opened (its key left the ring, or the row was tampered with). */
export function openSecret(orgId: string, endpointId: string, sealed: string): string | null {
  try {
    return open(keyring(), context(orgId, endpointId), sealed);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}
