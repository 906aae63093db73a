// DocuSeal, cloud or self-hosted. The base URL is tenant input, so every request goes out with
// `userHost: true` (private and link-local targets refused, unless ALLOW_PRIVATE_PROVIDER_HOSTS is
// on for development). The schema (shared with the browser) takes https for public hosts and plain
// http only for an obviously private one, which therefore only works in development.
import { z } from 'zod';
import { defineProvider, opaqueSecret, passed, ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define';
import { asRecord, objectBody, serviceUrl } from './common';

export const DOCUSEAL_CLOUD_URL = 'https://api.docuseal.com';

function docusealFailure(response: ProbeResponse): ProbeFailure {
  switch (response.status) {
    case 401:
      return new ProbeFailure('bad_credentials', 'DocuSeal did not accept this API key.', 'Copy the key again from Settings → API in DocuSeal.');
    case 403:
      return new ProbeFailure(
        'missing_scope',
        'DocuSeal refused this API key access to templates.',
        'On DocuSeal cloud, testing and production keys are separate: use the key for the environment you want, and a user allowed to read templates.',
      );
    case 404:
      return new ProbeFailure(
        'not_found',
        'No DocuSeal API answered at this base URL.',
        'Cloud: https://api.docuseal.com (or https://api.docuseal.eu). Self-hosted: your address followed by /api.',
      );
    case 429:
      return rateLimited(response, 'DocuSeal');
    default:
      return unexpected(response, 'DocuSeal');
  }
}

export default defineProvider({
  id: 'docuseal',
  name: 'DocuSeal',
  group: 'signing',
  description: 'Documents sent for e-signature from DocuSeal templates, on DocuSeal cloud or your own server.',
  docsUrl: 'https://www.docuseal.com/docs/api',
  schema: z.object({
    base_url: z.preprocess(
      (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? DOCUSEAL_CLOUD_URL : v),
      serviceUrl('API base URL', DOCUSEAL_CLOUD_URL),
    ),
    api_key: opaqueSecret('API key', 500),
  }),
  fields: {
    base_url: {
      label: 'API base URL',
      kind: 'url',
      placeholder: DOCUSEAL_CLOUD_URL,
      help: 'Global cloud: https://api.docuseal.com; EU cloud: https://api.docuseal.eu; self-hosted: https://your-host/api. Must be https.',
      userHost: true,
      env: 'DOCUSEAL_API_URL',
    },
    api_key: { label: 'API key', secret: true, help: 'DocuSeal → Settings → API. Cloud accounts have separate testing and production keys.', env: 'DOCUSEAL_API_TOKEN' },
  },
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
