// TanStack Query keys for endpoint assignments and health, shared by the client components that poll them.
export const whatsappKeys = {
  all: ['whatsapp'] as const,
  config: (tenantId: string) => ['whatsapp', 'config', tenantId] as const,
  alerts: () => ['whatsapp', 'alerts'] as const,
};
