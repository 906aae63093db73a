// Google under /google/oauth/auth (the consent page), /google/token (oauth2.googleapis.com/token)
// and /google/calendar (www.googleapis.com/calendar/v3: the calendar list here, events in
// google-calendar-ops.ts). Codes start "sim-code-"; the token endpoint writes the convention word
// found in the client secret or refresh token into the access token it issues, and remembers the
// token until it expires or the simulator is reset: the Calendar API accepts no other.
import type { ServerResponse } from 'node:http';
import type { Route } from '../http';
import { json, markerOf, parseForm, randomId, simulated, waitSlow } from './common';
import { calendarEventRoutes, IssuedTokens } from './google-calendar-ops';

const CLIENT_SUFFIX = '.apps.googleusercontent.com';
const CALENDAR_SCOPES = 'https://www.googleapis.com/auth/calendar.readonly https://www.googleapis.com/auth/calendar.events';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: ServerResponse, status: number, title: string, body: string) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}a{display:inline-block;margin:.5rem 1rem 0 0;padding:.5rem 1.25rem;border-radius:.375rem;text-decoration:none;border:1px solid #888}a.allow{background:#1a73e8;color:#fff;border-color:#1a73e8}</style>' +
      `</head><body>${body}</body></html>`,
  );
}

function withQuery(base: URL, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export function googleRoutes(tokens: IssuedTokens): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/google\/oauth\/auth$/,
      handle({ res, url }) {
        const q = url.searchParams;
        const clientId = q.get('client_id') ?? '';
        if (!clientId.endsWith(CLIENT_SUFFIX)) {
          return page(res, 401, 'Error 401: invalid_client', '<h1>Access blocked: Authorization Error</h1><p>The OAuth client was not found.</p><p>Error 401: invalid_client</p>');
        }
        let redirect: URL;
        try {
          redirect = new URL(q.get('redirect_uri') ?? '');
          if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') throw new Error('scheme');
        } catch {
          return page(res, 400, 'Error 400: invalid_request', '<h1>Access blocked: Authorization Error</h1><p>Missing or invalid redirect_uri.</p><p>Error 400: invalid_request</p>');
        }
        if (q.get('response_type') !== 'code') {
          return page(res, 400, 'Error 400: unsupported_response_type', '<h1>Access blocked: Authorization Error</h1><p>Error 400: unsupported_response_type</p>');
        }
        const state = q.get('state') ?? '';
        const scope = q.get('scope') ?? '';
        const allow = withQuery(redirect, { state, code: `sim-code-${randomId(12)}`, scope });
        const deny = withQuery(redirect, { error: 'access_denied', state });
        page(
          res,
          200,
          'Switchboard simulator — Google consent',
          `<h1>Switchboard simulator — Google consent</h1>` +
            `<p>An app (client <code>${escapeHtml(clientId)}</code>) wants to:</p><ul>${scope
              .split(/\s+/)
              .filter(Boolean)
              .map((s) => `<li>${escapeHtml(s)}</li>`)
              .join('')}</ul>` +
            `<p><a class="allow" href="${escapeHtml(allow)}">Allow</a><a class="deny" href="${escapeHtml(deny)}">Deny</a></p>`,
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/google\/token$/,
      async handle({ res, body }) {
        const form = parseForm(await body());
        const clientId = form.client_id ?? '';
        const secret = form.client_secret ?? '';
        if (!clientId.endsWith(CLIENT_SUFFIX)) return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
        if (!secret || markerOf(secret) === 'bad') return json(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
        const marker = markerOf(secret, form.refresh_token);
        if (form.grant_type === 'authorization_code') {
          if (!form.code?.startsWith('sim-code-')) return json(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
          if (!form.redirect_uri) return json(res, 400, { error: 'invalid_request', error_description: 'Missing parameter: redirect_uri' });
        } else if (form.grant_type === 'refresh_token') {
          if (!form.refresh_token) return json(res, 400, { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' });
          if (marker === 'expired') return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
          if (markerOf(form.refresh_token) === 'bad') return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
        } else {
          return json(res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.grant_type ?? ''}` });
        }
        if (marker === 'slow' && !(await waitSlow(res))) return;
        const tag = marker === 'noscope' || marker === 'ratelimit' ? marker : 'ok';
        json(res, 200, {
          access_token: tokens.issue(tag, 3599),
          expires_in: 3599,
          ...(form.grant_type === 'authorization_code' ? { refresh_token: `1//sim-${randomId(16)}` } : {}),
          scope: tag === 'noscope' ? 'openid' : CALENDAR_SCOPES,
          token_type: 'Bearer',
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/google\/calendar\/users\/me\/calendarList$/,
      handle({ req, res, url }) {
        if (!tokens.check(req, res)) return;
        const calendars = [
          { kind: 'calendar#calendarListEntry', etag: '"1718000000000000"', id: 'ada.admin@example.com', summary: 'ada.admin@example.com', timeZone: 'Asia/Kolkata', colorId: '14', backgroundColor: '#9fe1e7', foregroundColor: '#000000', selected: true, accessRole: 'owner', primary: true, defaultReminders: [{ method: 'popup', minutes: 10 }] },
          { kind: 'calendar#calendarListEntry', etag: '"1718000000000001"', id: 'en.indian#holiday@group.v.calendar.google.com', summary: 'Holidays in India', timeZone: 'Asia/Kolkata', colorId: '8', backgroundColor: '#16a765', foregroundColor: '#000000', selected: true, accessRole: 'reader', defaultReminders: [] },
        ];
        const max = Math.min(250, Math.max(1, Number(url.searchParams.get('maxResults') ?? 100) || 100));
        const start = Number(url.searchParams.get('pageToken')?.replace(/^sim-page-/, '') ?? 0) || 0;
        const items = calendars.slice(start, start + max);
        json(res, 200, {
          kind: 'calendar#calendarList',
          etag: '"p33k9lxfsd8rjc0o"',
          ...(start + max < calendars.length ? { nextPageToken: `sim-page-${start + max}` } : { nextSyncToken: 'sim-sync-token' }),
          items,
        });
      },
    },
  ];
}

export default simulated('google', () => {
  const tokens = new IssuedTokens();
  const events = calendarEventRoutes(tokens);
  return {
    routes: [...googleRoutes(tokens), ...events.routes],
    reset: () => {
      tokens.clear();
      events.reset();
    },
  };
});
