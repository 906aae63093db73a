import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

// Bearer secrets the portal hands out once (API tokens, invitation links): 32 random bytes behind a
// prefix that says what the token is. Only the SHA-256 is stored, so a database leak reveals none.

export const hashSecretToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function mintSecretToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}
