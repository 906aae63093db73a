import * as z from 'zod/mini';
import { blankAsUndefined, defineProvider, opaqueSecret, requiredText } from '../define';
import { serviceUrl } from './common';

// CTOS eKYC (Malaysia). CTOS publishes no open API reference, so how the server half talks to it is
// a labelled best effort (see ctos.server.ts); the form below asks for what CTOS issues.

export const ctosGateways = {
  uat: 'https://uat-eonboarding.ctos.com.my/v2/gateway',
  production: 'https://eonboardingsme.ctos.com.my/v2/gateway',
} as const;

/** The gateway field's server-environment fallback (the simulator sets it too). */
export const CTOS_URL_ENV = 'CTOS_API_URL';

export default defineProvider({
  id: 'ctos',
  name: 'CTOS eKYC',
  group: 'signing',
  description: 'Identity verification (eKYC) for Malaysian customers through the CTOS eOnboarding gateway.',
  // CTOS has no public API reference; its site is the closest real page.
  docsUrl: 'https://ctoscredit.com.my/',
  schema: z.object({
    base_url: serviceUrl('gateway URL', ctosGateways.uat),
    api_key: opaqueSecret('API key', 500),
    package_name: requiredText('package name', 100),
    security_key: opaqueSecret('security key', 500),
    cipher_iv: z.pipe(z.transform(blankAsUndefined), z.optional(opaqueSecret('cipher IV', 200))),
  }),
  fields: {
    base_url: {
      label: 'Gateway URL',
      kind: 'url',
      placeholder: ctosGateways.uat,
      help: `UAT: ${ctosGateways.uat}; production: ${ctosGateways.production} (as CTOS confirms in your onboarding pack).`,
      userHost: true,
      env: CTOS_URL_ENV,
    },
    api_key: { label: 'API key', secret: true, env: 'CTOS_API_KEY' },
    package_name: { label: 'Package name', help: 'The eKYC package CTOS set up for you.', env: 'CTOS_PACKAGE_NAME' },
    security_key: {
      label: 'Security key',
      secret: true,
      help: 'Signs every request; never sent itself. Sometimes called the “md5” key in CTOS samples.',
      env: 'CTOS_SECURITY_KEY',
    },
    cipher_iv: {
      label: 'Cipher IV (optional)',
      secret: true,
      help: 'Only if CTOS issued one for encrypting request fields (AES-256-CBC).',
      env: 'CTOS_CIPHER_IV',
    },
  },
});
