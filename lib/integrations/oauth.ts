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

/** The portal's public origin: NEXTAUTH_URL (the request's own origin only when it is unset, in development). */
export function portalOrigin(req: NextRequest): string {
  return (process.env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/+$/, '');
}

/** Where the provider sends the browser back: this portal's own callback for the integration. */
export function redirectUri(req: NextRequest, type: string): string {
  return `${portalOrigin(req)}/api/v1/settings/integrations/${type}/oauth/callback`;
}

/**
 * Why a connection did not complete. Only these codes travel in the URL back to the integrations
 * page, which shows its own wording for each (so no link can make the portal display other text).
 */
export const oauthErrors = {
  save_first: 'Save the client ID and secret first, then connect.',
  state_mismatch: 'The connection could not be completed: it did not come from a connection you started here. Try again.',
  denied: 'Access was not granted on the provider’s page.',
  no_code: 'The provider did not return an authorization code. Try again.',
  changed: 'The integration was changed while you were connecting. Try again.',
  bad_credentials: 'The provider refused the client ID or secret. Check them, save, and connect again.',
  missing_scope: 'The account did not grant the calendar permissions the portal needs. Connect again and allow them.',
  token_expired: 'The provider refused the authorization. Connect again.',
  unreachable: 'The provider could not be reached. Try again in a minute.',
  failed: 'The connection could not be completed. Try again.',
} as const;
export type OAuthErrorCode = keyof typeof oauthErrors;
