import 'server-only';
import { ProbeFailure, rateLimited, unexpected, type ProbeResponse } from '../define.server';
import { asRecord, asString, objectBody } from './common.server';

// What the Stripe connection test and the payment operations share: the API host and the reading of
// the answers that mean the key itself does not work.

export const STRIPE_API = { env: 'STRIPE_API_URL', url: 'https://api.stripe.com', simulatorPath: '/stripe' };

/** What a restricted key lacked, in the words of the dashboard's permission list. */
export interface StripePermission {
  /** "read the balance" */
  action: string;
  /** "Read access to Balance" */
  grant: string;
}

const BALANCE: StripePermission = { action: 'read the balance', grant: 'Read access to Balance' };

/** The failure a refused key (401/403) or a rate limit gives, thrown to end the test or operation. */
export function stripeFailure(response: ProbeResponse, permission: StripePermission = BALANCE): ProbeFailure {
  const code = asString(asRecord(objectBody(response)?.error)?.code);
  switch (response.status) {
    case 401:
      if (code === 'api_key_expired') {
        return new ProbeFailure('token_expired', 'This Stripe key has expired.', 'Roll or create a key in Developers → API keys and paste the new one.');
      }
      return new ProbeFailure('bad_credentials', 'Stripe did not accept this secret key.', 'Copy the key again from Developers → API keys; a rolled key stops working once its grace period ends.');
    case 403:
      return new ProbeFailure(
        'missing_scope',
        `This restricted key may not ${permission.action}.`,
        `Edit the restricted key in Developers → API keys and give it ${permission.grant}, or use the secret key.`,
      );
    case 429:
      return rateLimited(response, 'Stripe');
    default:
      return unexpected(response, 'Stripe');
  }
}
