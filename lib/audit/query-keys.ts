// TanStack Query keys for the audit trail, shared by every client component that reads it.
export const auditKeys = {
  all: ['audit'] as const,
  newest: (area: 'tenant' | 'platform', filters: Record<string, string | undefined>) => ['audit', area, 'newest', filters] as const,
};
