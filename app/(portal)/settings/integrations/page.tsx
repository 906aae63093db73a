import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { NotBuiltYet } from '@/components/shell/not-built-yet';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/integrations');
  return (
    <>
      <PageHeader title="Integrations" description={`Third-party services connected to ${ctx.active.orgName}.`} />
      <NotBuiltYet feature="Configuring and testing integrations" />
    </>
  );
}
