import { NextResponse, type NextRequest } from 'next/server';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { AppError, notFound } from '@/lib/http/errors';
import { apiRoute, portalOrigin } from '@/lib/http/route';
import { INTEGRATION_TYPE } from '@/lib/validations/common';
import { findServerProvider } from '@/lib/integrations/registry.server';
import { completeOAuth, OAUTH_COOKIE, oauthErrors, redirectUri, stateMatches, type OAuthErrorCode } from '@/lib/integrations/oauth';

/**
 * The provider sends the browser back here with `code` and `state` (or `error`). The state must match
 * the cookie set when this admin started, for this organization and integration; then the code is
 * exchanged, the tokens are tested and sealed with the rest. Every outcome returns to the
 * integration's own page, with an error code it words itself.
 */
export const GET = apiRoute<{ type: string }>(async (req: NextRequest, { params }) => {
  const ctx = await requireOrgRole('admin');
  const { type } = await params;
  // The type lands in a cookie path and a redirect: anything but a known shape is simply not found.
  if (!INTEGRATION_TYPE.test(type)) throw notFound('The integration');
  const provider = findServerProvider(type);
  const back = new URL(provider ? `/settings/integrations/${type}` : '/settings/integrations', portalOrigin(req));
  const done = (error?: OAuthErrorCode) => {
    if (error) back.searchParams.set('oauth_error', error);
    else back.searchParams.set('connected', '1');
    const response = NextResponse.redirect(back, 303);
    response.cookies.delete({ name: OAUTH_COOKIE, path: `/api/v1/settings/integrations/${type}/oauth` });
    return response;
  };

  const query = req.nextUrl.searchParams;
  if (!provider?.oauth || !stateMatches(req.cookies.get(OAUTH_COOKIE)?.value, query.get('state'), type, ctx.orgId)) return done('state_mismatch');
  if (query.get('error')) return done('denied');
  const code = query.get('code');
  if (!code) return done('no_code');

  try {
    const result = await completeOAuth(actorFromSession(ctx), type, { code, redirectUri: redirectUri(req, type) });
    if (result.ok) return done();
    return done(result.code in oauthErrors ? (result.code as OAuthErrorCode) : 'failed');
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return done('changed');
    if (error instanceof AppError && error.status < 500) return done('failed');
    throw error;
  }
});
