// What an API token may be used for, chosen when it is created and never widened afterwards. The
// role still caps what a token can do; a scope says which kinds of request it may make at all. Kept
// apart from the schemas (no zod), so the token pages can list them without loading a validator.

/**
 * Every scope, in the order the form lists them. Adding one is a line here, plus the database's list
 * of known scopes (the `api_tokens_scopes_known` constraint).
 */
export const apiTokenScopes = {
  'settings:read': { label: 'Read settings', description: 'Integrations and their status, phone numbers, who holds them and sync progress' },
  'settings:write': { label: 'Change settings', description: 'Configure and test integrations, grant access to them, assign numbers and start syncs' },
  'requests:read': { label: 'Read requests', description: 'Messages and calls made on the organization’s behalf, and what became of them' },
  'messages:send': { label: 'Send messages', description: 'WhatsApp, SMS and email through the organization’s integrations' },
  'calls:create': { label: 'Place calls', description: 'Phone calls through the organization’s phone integrations' },
  'payments:read': { label: 'Read payments', description: 'Where a payment made through Stripe or PayPal stands' },
  'payments:write': { label: 'Take payments', description: 'Create, confirm, capture and refund payments through Stripe or PayPal' },
  'meetings:read': { label: 'Read meetings', description: 'Zoom meetings booked through the portal and their recordings' },
  'meetings:write': { label: 'Book meetings', description: 'Create and delete Zoom meetings' },
  'calendar:read': { label: 'Read calendar', description: 'Events in the connected Google calendar' },
  'calendar:write': { label: 'Change calendar', description: 'Create, update and delete Google Calendar events' },
  'signing:read': { label: 'Read signing requests', description: 'Where a DocuSeal signing request stands' },
  'signing:write': { label: 'Send signing requests', description: 'Send documents for signature through DocuSeal' },
  'kyc:read': { label: 'Read identity checks', description: 'The outcome of CTOS identity checks' },
  'kyc:write': { label: 'Start identity checks', description: 'Start CTOS eKYC identity checks' },
} as const satisfies Record<string, { label: string; description: string }>;

export type ApiTokenScope = keyof typeof apiTokenScopes;

export const apiTokenScopeIds = Object.keys(apiTokenScopes) as [ApiTokenScope, ...ApiTokenScope[]];

/** What the form starts with: reading is what most integrations need, and nothing that acts. */
export const defaultApiTokenScopes: ApiTokenScope[] = ['settings:read'];

/**
 * Scopes written compactly for the audit trail, reads and writes of one kind together
 * (`payments:read+write`), so every scope fits in one metadata value.
 */
export function scopesForAudit(scopes: readonly string[]): string {
  const byKind = new Map<string, string[]>();
  for (const scope of scopes) {
    const [kind = scope, access = ''] = scope.split(':');
    byKind.set(kind, [...(byKind.get(kind) ?? []), access]);
  }
  return [...byKind].map(([kind, access]) => `${kind}:${access.join('+')}`).join(',');
}
