import type { Metadata } from 'next';
import { guardPage } from '@/lib/auth/page';
import { requireOrgRole } from '@/lib/auth/guards';
import { actorFromSession } from '@/lib/auth/actor';
import { AuditView } from '@/components/audit/audit-view';
import { PageHeader } from '@/components/shell/page-header';

export const metadata: Metadata = { title: 'Audit' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await guardPage(() => requireOrgRole('admin'), '/settings/audit');
  return (
    <>
      <PageHeader title="Audit" description={`Every integration operation in ${ctx.active.orgName}, tamper-evident and append-only.`} />
      <AuditView reader={{ area: 'tenant', actor: actorFromSession(ctx) }} params={await searchParams} basePath="/settings/audit" apiPath="/api/v1/settings/audit" />
    </>
  );
}
