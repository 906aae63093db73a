import { NextResponse, type NextRequest } from 'next/server';
import { actorFromSession } from '@/lib/auth/actor';
import { requireOrgRole } from '@/lib/auth/guards';
import { providerBaseUrl } from '@/lib/integrations/probe';
import { cookieValue, newState, OAUTH_COOKIE, oauthClient, redirectUri } from '@/lib/integrations/oauth';
import { AppError, notFound } from '@/lib/http/errors';
import { apiRoute, portalOrigin } from '@/lib/http/route';
import { INTEGRATION_TYPE } from '@/lib/validations/common';

/** Sends an admin's browser to the provider's consent page for this organization's saved client. */
export const GET = apiRoute<{ type: string }>(async (req: NextRequest, { params }) => {
  const ctx = await requireOrgRole('admin');
  const { type } = await params;
  // The type lands in a cookie path and a redirect: anything but a known shape is simply not found.
  if (!INTEGRATION_TYPE.test(type)) throw notFound('The integration');
  let target: string;
  const state = newState();
  try {
    const { provider, values } = await oauthClient(actorFromSession(ctx), type);
    target = provider.oauth!.authorizeUrl(values, { redirectUri: redirectUri(req, type), state }, { baseUrl: providerBaseUrl });
  } catch (error) {
    if (error instanceof AppError && error.status === 409) {
      const back = new URL('/settings/integrations', portalOrigin(req));
      back.searchParams.set('tab', 'meetings');
      back.searchParams.set('oauth_error', 'save_first');
      return NextResponse.redirect(back, 303);
    }
    throw error;
  }
  const response = NextResponse.redirect(target, 303);
  response.cookies.set(OAUTH_COOKIE, cookieValue(state, type, ctx.orgId), {
    httpOnly: true,
    sameSite: 'lax',
    // Behind a TLS-terminating proxy the request itself looks like http: go by the public URL.
    secure: portalOrigin(req).startsWith('https:'),
    path: `/api/v1/settings/integrations/${type}/oauth`,
    maxAge: 600,
  });
  return response;
});
