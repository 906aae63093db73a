import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin } from '@/lib/auth/guards';
import { NotBuiltYet } from '@/components/shell/not-built-yet';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Platform audit' };

export default async function PlatformAuditPage() {
  await guardPage(requireSuperadmin, '/admin/audit');
  return (
    <>
      <PageHeader title="Platform audit" description="Integration operations across every organization." />
      <NotBuiltYet feature="The platform audit trail" />
    </>
  );
}
