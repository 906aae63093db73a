import * as z from 'zod/mini';
import { blankAsUndefined, defineProvider, opaqueSecret, requiredText } from '../define';
import { serviceUrl, webhookSecret } from './common';

// DocuSeal, cloud or self-hosted. The base URL is tenant input: the schema takes https for public
// hosts and plain http only for an obviously private one, which the server refuses unless
// ALLOW_PRIVATE_PROVIDER_HOSTS is on (development), so plain http only works in development.

export const DOCUSEAL_CLOUD_URL = 'https://api.docuseal.com';
/** The base URL field's server-environment fallback (the simulator sets it too). */
export const DOCUSEAL_URL_ENV = 'DOCUSEAL_API_URL';

export default defineProvider({
  id: 'docuseal',
  name: 'DocuSeal',
  group: 'signing',
  description: 'Documents sent for e-signature from DocuSeal templates, on DocuSeal cloud or your own server.',
  docsUrl: 'https://www.docuseal.com/docs/api',
  schema: z.object({
    base_url: z.pipe(
      z.transform((v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? DOCUSEAL_CLOUD_URL : v)),
      serviceUrl('API base URL', DOCUSEAL_CLOUD_URL),
    ),
    api_key: opaqueSecret('API key', 500),
    webhook_secret: webhookSecret('webhook secret', /^\S{8,}$/, 'The webhook secret is at least 8 characters.'),
    webhook_header: z.pipe(
      z.transform(blankAsUndefined),
      z.optional(requiredText('webhook header', 500).check(z.regex(/^[A-Za-z0-9-]+:\s*\S+$/, 'Write the header as Name: value, e.g. X-Webhook-Token: s3cret.'))),
    ),
  }),
  fields: {
    base_url: {
      label: 'API base URL',
      kind: 'url',
      placeholder: DOCUSEAL_CLOUD_URL,
      help: 'Global cloud: https://api.docuseal.com; EU cloud: https://api.docuseal.eu; self-hosted: https://your-host/api. Must be https.',
      userHost: true,
      env: DOCUSEAL_URL_ENV,
    },
    api_key: { label: 'API key', secret: true, help: 'DocuSeal → Settings → API. Cloud accounts have separate testing and production keys.', env: 'DOCUSEAL_API_TOKEN' },
    webhook_secret: {
      label: 'Webhook secret (for webhooks, optional)',
      secret: true,
      placeholder: 'whsec_…',
      help: 'DocuSeal → Settings → Webhooks → your webhook → Secret. DocuSeal signs every callback with it; without it (or the header below) the portal refuses them.',
      env: 'DOCUSEAL_WEBHOOK_SECRET',
    },
    webhook_header: {
      label: 'Webhook header (for webhooks, optional)',
      secret: true,
      placeholder: 'X-Webhook-Token: …',
      help: 'Older DocuSeal servers cannot sign: add a header of your choosing to the webhook in Settings → Webhooks and enter the same Name: value here.',
      env: 'DOCUSEAL_WEBHOOK_HEADER',
    },
  },
});
