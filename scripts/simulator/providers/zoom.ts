// Zoom under /zoom/oauth (zoom.us: POST /oauth/token, account credentials) and /zoom/api
// (api.zoom.us: GET /v2/users/me, and the meetings of zoom-ops.ts). The token endpoint writes the
// client secret's convention word into the access token it issues, and the API reads it back from
// there (zoomAuth).
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { basicCredentials, isNotFoundId, json, markerOf, randomId, simulated, waitSlow } from './common';
import { ZOOM_TOKEN_PREFIX, zoomAuth, zoomMeetingRoutes } from './zoom-ops';
const invalidClient = (res: ServerResponse) => json(res, 400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });

export function zoomRoutes(): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/zoom\/oauth\/oauth\/token$/,
      async handle({ req, res, url, body }) {
        await body();
        const auth = basicCredentials(req);
        if (!auth || !auth.user || !auth.pass) return invalidClient(res);
        const grant = url.searchParams.get('grant_type');
        if (grant !== 'account_credentials') return json(res, 400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
        const marker = markerOf(auth.pass);
        if (marker === 'bad') return invalidClient(res);
        const account = url.searchParams.get('account_id') ?? '';
        if (!account || isNotFoundId(account)) return json(res, 400, { reason: 'Account does not exist', error: 'invalid_request' });
        if (marker === 'slow' && !(await waitSlow(res))) return;
        const tag = marker === 'expired' || marker === 'noscope' || marker === 'ratelimit' ? marker : 'ok';
        json(res, 200, {
          access_token: `${ZOOM_TOKEN_PREFIX}.${Buffer.from(JSON.stringify({ tag, account })).toString('base64url')}.${randomId(16)}`,
          token_type: 'bearer',
          expires_in: 3599,
          scope: tag === 'noscope' ? 'meeting:write:meeting:admin' : 'user:read:user:admin meeting:write:meeting:admin meeting:read:meeting:admin',
          api_url: 'https://api.zoom.us',
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/zoom\/api\/v2\/users\/me$/,
      handle({ req, res }) {
        const claims = zoomAuth(req, res, 'user:read:user:admin, user:read:user:master');
        if (!claims) return;
        json(res, 200, {
          id: 'KDcuGIm1QgePTO8WbOqwIQ',
          first_name: 'Ada',
          last_name: 'Admin',
          display_name: 'Ada Admin',
          email: 'ada.admin@example.com',
          type: 2,
          role_name: 'Owner',
          pmi: 3542471135,
          use_pmi: false,
          timezone: 'Asia/Kolkata',
          verified: 1,
          dept: '',
          created_at: '2024-03-11T07:31:20Z',
          last_login_time: '2025-06-02T10:00:00Z',
          language: 'en-US',
          status: 'active',
          role_id: '0',
          account_id: claims.account,
          account_number: 1234567890,
          cluster: 'us05',
        });
      },
    },
  ];
}

export default simulated('zoom', () => {
  const meetings = zoomMeetingRoutes();
  return { routes: [...zoomRoutes(), ...meetings.routes], reset: meetings.reset };
});
