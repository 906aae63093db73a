import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { requireOrgRole } from '@/lib/auth/guards';
import { NotBuiltYet } from '@/components/shell/not-built-yet';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Audit' };

export default async function AuditPage() {
  const ctx = await guardPage(() => requireOrgRole('admin'), '/settings/audit');
  return (
    <>
      <PageHeader title="Audit" description={`Every integration operation in ${ctx.active.orgName}.`} />
      <NotBuiltYet feature="The audit trail" />
    </>
  );
}
