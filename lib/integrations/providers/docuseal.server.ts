import 'server-only';
import { defineServerProvider, passed, unexpected } from '../define.server';
import { asRecord, objectBody } from './common.server';
import docuseal, { DOCUSEAL_CLOUD_URL, DOCUSEAL_URL_ENV } from './docuseal';
import { docusealFailure } from './docuseal-common.server';
import { docusealOperations } from './docuseal.operations.server';
import { docusealWebhook } from './docuseal.webhook.server';

// The base URL is tenant input, so every request goes out with `userHost: true` (private and
// link-local targets refused, unless ALLOW_PRIVATE_PROVIDER_HOSTS is on for development).

export { docusealFailure };

export default defineServerProvider(docuseal, {
  webhook: docusealWebhook,
  operations: docusealOperations,
  // A tenant may enter another host; the schema's default is DocuSeal's global cloud.
  baseUrls: [{ env: DOCUSEAL_URL_ENV, url: DOCUSEAL_CLOUD_URL, simulatorPath: '/docuseal' }],
  async test(credentials, ctx) {
    const response = await ctx.request(`${credentials.base_url}/templates?limit=1`, {
      headers: { 'x-auth-token': credentials.api_key },
      userHost: true,
    });
    const body = objectBody(response);
    if (response.status !== 200 || !body) throw response.status === 200 ? unexpected(response, 'DocuSeal') : docusealFailure(response);
    if (!Array.isArray(body.data)) throw unexpected(response, 'DocuSeal');
    const pagination = asRecord(body.pagination);
    const host = new URL(credentials.base_url).host;
    return passed(ctx, {
      host,
      edition: host === 'api.docuseal.com' || host === 'api.docuseal.eu' ? 'cloud' : 'self-hosted',
      has_templates: body.data.length > 0,
      more_templates: pagination ? pagination.next !== null && pagination.next !== undefined : null,
    });
  },
});
