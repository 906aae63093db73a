import { notFound } from 'next/navigation';
import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { findProvider } from '@/lib/integrations/registry';
import { getIntegrationForMember } from '@/lib/integrations/status';

// Who may open an integration's page is settled here, outside the page's loading skeleton: once a
// skeleton has been sent the answer can no longer be a 404, and an unknown integration, or one an
// agent was not given, must be one. The page checks again for what it shows.
export default async function IntegrationLayout({ params, children }: { params: Promise<{ type: string }>; children: React.ReactNode }) {
  const { type } = await params;
  if (!findProvider(type)) notFound();
  const path = `/settings/integrations/${type}`;
  await guardPage(() => requireOrgRole(...ALL_ROLES), path);
  // The same read the page makes: it is done once per request.
  await guardPage(() => getIntegrationForMember(type), path);
  return children;
}
