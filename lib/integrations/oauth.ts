import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextRequest } from 'next/server';

// The OAuth `state` for a consent round trip: random, kept in an httpOnly cookie that names the
// organization and integration it was started for, and compared on the way back.

export const OAUTH_COOKIE = 'switchboard.oauth';

export function newState(): string {
  return randomBytes(24).toString('base64url');
}

export const cookieValue = (state: string, type: string, orgId: string) => `${state}.${type}.${orgId}`;

export function stateMatches(cookie: string | undefined, state: string | null, type: string, orgId: string): boolean {
  if (!cookie || !state) return false;
  const expected = Buffer.from(cookieValue(state, type, orgId));
  const actual = Buffer.from(cookie);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Where the provider sends the browser back: this portal's own callback for the integration. */
export function redirectUri(req: NextRequest, type: string): string {
  const base = (process.env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/+$/, '');
  return `${base}/api/v1/settings/integrations/${type}/oauth/callback`;
}
