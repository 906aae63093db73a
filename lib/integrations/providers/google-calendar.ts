import * as z from 'zod/mini';
import { blankAsUndefined, defineProvider, opaqueSecret, requiredText } from '../define';

// Google Calendar through OAuth 2.0 (authorization code, offline access). The admin saves the OAuth
// client, then connects a Google account: the callback stores the refresh token (a managed field).

export default defineProvider({
  id: 'google_calendar',
  name: 'Google Calendar',
  group: 'meetings',
  description: 'Meetings booked into a Google Calendar through your own OAuth client.',
  docsUrl: 'https://developers.google.com/workspace/calendar/api/guides/overview',
  oauthConsent: true,
  schema: z.object({
    client_id: requiredText('client id', 200).check(z.regex(/^[A-Za-z0-9._-]+\.apps\.googleusercontent\.com$/, 'The client id ends in .apps.googleusercontent.com.')),
    client_secret: opaqueSecret('client secret', 200),
    refresh_token: z.pipe(z.transform(blankAsUndefined), z.optional(opaqueSecret('refresh token', 1000))),
  }),
  fields: {
    client_id: {
      label: 'OAuth client id',
      placeholder: '1234567890-abc.apps.googleusercontent.com',
      help: 'Google Cloud Console → APIs & Services → Credentials → OAuth client (Web application). Add the portal’s callback URL to its Authorized redirect URIs.',
      env: 'GOOGLE_CLIENT_ID',
    },
    client_secret: { label: 'OAuth client secret', secret: true, placeholder: 'GOCSPX-…', env: 'GOOGLE_CLIENT_SECRET' },
    refresh_token: {
      label: 'Google account connection',
      secret: true,
      managed: true,
      help: 'Filled in when you choose Connect Google Calendar and approve access.',
    },
  },
});
