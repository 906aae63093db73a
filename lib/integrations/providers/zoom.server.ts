import 'server-only';
import { defineServerProvider, passed, unexpected } from '../define.server';
import { asNumber, asString, bearerHeaders, objectBody } from './common.server';
import zoom from './zoom';
import { accountToken, apiFailure, ZOOM_API, ZOOM_OAUTH } from './zoom-common.server';
import { zoomMeetings } from './zoom.operations.server';
import { zoomWebhook } from './zoom.webhook.server';

// Zoom Server-to-Server OAuth: an account-credentials token (never stored), then GET /v2/users/me
// with it, on the host the token reply names (see zoom-common.server.ts).

export default defineServerProvider(zoom, {
  baseUrls: [ZOOM_OAUTH, ZOOM_API],
  webhook: zoomWebhook,
  operations: zoomMeetings,
  async test(credentials, ctx) {
    const { token, api } = await accountToken(credentials, ctx);
    const response = await ctx.request(`${api}/v2/users/me`, { headers: bearerHeaders(token) });
    const me = objectBody(response);
    if (response.status !== 200 || !me) throw response.status === 200 ? unexpected(response, 'Zoom') : apiFailure(response);
    return passed(ctx, {
      api_host: new URL(api).host,
      role_name: asString(me.role_name),
      user_type: asNumber(me.type),
      user_status: asString(me.status),
    });
  },
});
