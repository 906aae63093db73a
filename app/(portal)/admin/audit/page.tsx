import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin } from '@/lib/auth/guards';
import { AuditView } from '@/components/audit/audit-view';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Platform audit' };

export default async function PlatformAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await guardPage(requireSuperadmin, '/admin/audit');
  return (
    <>
      <PageHeader title="Platform audit" description="Integration operations across every organization." />
      <AuditView reader={{ area: 'platform', ctx }} params={await searchParams} basePath="/admin/audit" apiPath="/api/v1/admin/audit" />
    </>
  );
}
