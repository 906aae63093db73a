// TanStack Query keys for endpoint assignments and health, shared by the client components that poll them.
export const whatsappKeys = {
  all: ['whatsapp'] as const,
  config: (tenantId: string) => ['whatsapp', 'config', tenantId] as const,
  /** Per active organization: a tenant's alert belongs to the organization it was fetched for. */
  alerts: (activeOrgId: string | null) => ['whatsapp', 'alerts', activeOrgId] as const,
};
