// What Exotel Phone and Exotel WhatsApp share on the form: one account (SID, API key, API token) in
// one region.
import * as z from 'zod/mini';
import { requiredText, type FieldSpec } from '../define';
import { asciiSecret, selectWithDefault } from './common';

export const exotelRegions = [
  { value: 'sg', label: 'Singapore (api.exotel.com)' },
  { value: 'in', label: 'Mumbai (api.in.exotel.com)' },
] as const;

export const exotelAccountShape = {
  account_sid: requiredText('Account SID', 64).check(z.regex(/^[A-Za-z0-9_-]+$/, 'The Account SID has only letters, digits, - and _.')),
  // Both travel in a Basic authorization header, so printable ASCII only.
  api_key: asciiSecret('API key', 200),
  api_token: asciiSecret('API token', 200),
  // Singapore when left out, as Exotel's own API defaults (so the seed's body without a region works).
  region: selectWithDefault(['sg', 'in'], 'sg', 'Choose the region your Exotel dashboard is in.'),
};

export const exotelAccountFields = {
  account_sid: { label: 'Account SID', help: 'Exotel dashboard → API Settings.', env: 'EXOTEL_SID' },
  api_key: { label: 'API key', secret: true, env: 'EXOTEL_API_KEY' },
  api_token: { label: 'API token', secret: true, env: 'EXOTEL_TOKEN' },
  region: {
    label: 'Region',
    kind: 'select',
    options: exotelRegions,
    help: 'my.exotel.com is Singapore; my.mum1.exotel.com is Mumbai. The wrong one fails authentication.',
    env: 'EXOTEL_REGION',
  },
} satisfies Record<keyof typeof exotelAccountShape, FieldSpec>;
