import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArrowLeft } from '@/components/icons';
import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin } from '@/lib/auth/guards';
import { checkEndpointNowAction } from '@/lib/endpoints/actions';
import { getFullTenantConfig } from '@/lib/endpoints/assignments';
import { catalogueStatus, listEndpointNames } from '@/lib/endpoints/catalogue';
import { getTenant } from '@/lib/tenants/list';
import { tenantIdSchema } from '@/lib/validations/whatsapp';
import { PageHeader } from '@/components/shell/page-header';
import { EndpointHealth } from '@/components/whatsapp/endpoint-health';
import { CatalogueProblems } from '@/components/whatsapp/catalogue-problems';
import { AssignmentForm } from './_components/assignment-form';

export const metadata: Metadata = { title: 'WhatsApp setup' };

export default async function TenantWhatsAppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await guardPage(requireSuperadmin, `/admin/tenants/${id}/whatsapp`);
  if (!tenantIdSchema.safeParse(id).success) notFound();
  const tenant = await getTenant(ctx, id);
  if (!tenant) notFound();
  const config = await getFullTenantConfig(ctx, id);
  const status = catalogueStatus();

  return (
    <>
      <Link href="/admin/tenants" className="text-muted-foreground hover:text-foreground mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft className="size-4" aria-hidden /> Tenants
      </Link>
      <PageHeader title={`WhatsApp setup · ${tenant.name}`} description={`Which platform endpoint serves ${tenant.slug}, and how it is doing.`} />
      <CatalogueProblems status={status} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <AssignmentForm key={config?.version ?? 'none'} tenantId={tenant.id} tenantName={tenant.name} endpointNames={listEndpointNames()} config={config} />
        <EndpointHealth tenantId={tenant.id} initial={config} checkAction={checkEndpointNowAction} audience="operator" />
      </div>
    </>
  );
}
