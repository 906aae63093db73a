import * as z from 'zod/mini';
import { defineProvider, opaqueSecret } from '../define';
import { serviceUrl } from './common';

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
  },
});
