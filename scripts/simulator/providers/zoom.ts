// Zoom under /zoom/oauth (zoom.us: POST /oauth/token, account credentials) and /zoom/api
// (api.zoom.us: GET /v2/users/me). Stateless: the token endpoint writes the client secret's
// convention word into the access token it issues, and the API reads it back from there.
import type { ServerResponse } from 'node:http';
import { bearer, type Route } from '../http';
import { basicCredentials, isNotFoundId, json, markerOf, randomId, RETRY_AFTER_SECONDS, simulated, waitSlow } from './common';

const TOKEN_PREFIX = 'eyJzaW0iOiJ6b29tIn0';
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
          access_token: `${TOKEN_PREFIX}.${Buffer.from(JSON.stringify({ tag, account })).toString('base64url')}.${randomId(16)}`,
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
        const token = bearer(req) ?? '';
        const parts = token.split('.');
        type Claims = { tag?: string; account?: string };
        let claims: Claims | null = null;
        try {
          claims = parts[0] === TOKEN_PREFIX ? (JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Claims) : null;
        } catch {
          claims = null;
        }
        if (!claims) return json(res, 401, { code: 124, message: 'Invalid access token.' });
        if (claims.tag === 'expired') return json(res, 401, { code: 124, message: 'Access token is expired.' });
        if (claims.tag === 'noscope') {
          return json(res, 400, { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:user:admin, user:read:user:master].' });
        }
        if (claims.tag === 'ratelimit') {
          return json(res, 429, { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' }, {
            'x-ratelimit-category': 'Light',
            'x-ratelimit-type': 'QPS',
            'x-ratelimit-limit': '30',
            'x-ratelimit-remaining': '0',
            'retry-after': String(RETRY_AFTER_SECONDS),
          });
        }
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

export default simulated('zoom', () => ({ routes: zoomRoutes() }));
