import { NextResponse, type NextRequest } from 'next/server';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { findProvider } from '@/lib/integrations/registry';
import { OAUTH_COOKIE, redirectUri, stateMatches } from '@/lib/integrations/oauth';
import { completeOAuth } from '@/lib/integrations/service';
import { apiRoute } from '@/lib/http/route';

/**
 * The provider sends the browser back here with `code` and `state` (or `error`). The state must match
 * the cookie set when this admin started, for this organization and integration; then the code is
 * exchanged, the tokens are sealed with the rest, and the connection is tested.
 */
export const GET = apiRoute<{ type: string }>(async (req: NextRequest, { params }) => {
  const ctx = await requireOrgRole('admin');
  const { type } = await params;
  const provider = findProvider(type);
  const back = new URL('/settings/integrations', req.nextUrl.origin);
  back.searchParams.set('tab', provider?.group ?? 'meetings');
  const done = (error?: string) => {
    if (error) back.searchParams.set('oauth_error', error);
    else back.searchParams.set('connected', type);
    const response = NextResponse.redirect(back, 303);
    response.cookies.delete({ name: OAUTH_COOKIE, path: `/api/v1/settings/integrations/${type}/oauth` });
    return response;
  };

  const query = req.nextUrl.searchParams;
  if (!provider?.oauth || !stateMatches(req.cookies.get(OAUTH_COOKIE)?.value, query.get('state'), type, ctx.orgId)) {
    return done('The connection could not be completed: the request did not come from a connection this admin started. Try again.');
  }
  if (query.get('error')) return done(`${provider.name} access was not granted (${query.get('error')?.slice(0, 60)}).`);
  const code = query.get('code');
  if (!code) return done('The provider did not return an authorization code. Try again.');

  const result = await completeOAuth(actorFromSession(ctx), type, { code, redirectUri: redirectUri(req, type) });
  return result.ok ? done() : done(`${result.message} ${result.hint}`);
});
