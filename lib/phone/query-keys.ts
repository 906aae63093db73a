/** TanStack Query keys for phone numbers, per organization. */
export const phoneKeys = {
  syncs: (orgId: string) => ['phone-numbers', orgId, 'syncs'] as const,
  history: (orgId: string, numberId: string) => ['phone-numbers', orgId, 'history', numberId] as const,
};
