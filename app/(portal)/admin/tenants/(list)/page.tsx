import type { Metadata } from 'next';
import { Suspense } from 'react';
import Link from 'next/link';
import { Search } from '@/components/icons';
import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin, type UserContext } from '@/lib/auth/guards';
import { catalogueStatus, isRemovedEndpoint, listEndpointNames } from '@/lib/endpoints/catalogue';
import { searchTenants } from '@/lib/tenants/list';
import { tenantListSchema, type TenantListFilters } from '@/lib/validations/whatsapp';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { LiveRefresh } from '@/components/shell/live-refresh';
import { PageHeader } from '@/components/shell/page-header';
import { TableSkeleton } from '@/components/shell/table-skeleton';
import { CatalogueProblems } from '@/components/whatsapp/catalogue-problems';
import { HealthBadge } from '@/components/whatsapp/health-badge';
import { TimeAgo } from '@/components/shell/when';

export const metadata: Metadata = { title: 'Tenants' };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function TenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await guardPage(requireSuperadmin, '/admin/tenants');
  const raw = await searchParams;
  const filters = tenantListSchema.parse({ q: first(raw.q), health: first(raw.health), endpoint: first(raw.endpoint), page: first(raw.page) });
  const endpointNames = listEndpointNames();
  return (
    <>
      <PageHeader title="Tenants" description="Every organization on the platform, with its WhatsApp endpoint and health." />
      <CatalogueProblems status={catalogueStatus()} />
      <form role="search" aria-label="Filter tenants" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="q">Search</Label>
          <Input id="q" name="q" type="search" placeholder="Name or slug" defaultValue={filters.q ?? ''} className="w-64" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="health">Health</Label>
          <NativeSelect id="health" name="health" defaultValue={filters.health ?? ''}>
            <NativeSelectOption value="">Any</NativeSelectOption>
            <NativeSelectOption value="alert">Alerting</NativeSelectOption>
            <NativeSelectOption value="healthy">Healthy</NativeSelectOption>
            <NativeSelectOption value="degraded">Degraded</NativeSelectOption>
            <NativeSelectOption value="unhealthy">Unhealthy</NativeSelectOption>
            <NativeSelectOption value="unknown">Not checked yet</NativeSelectOption>
            <NativeSelectOption value="none">No endpoint</NativeSelectOption>
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="endpoint">Endpoint</Label>
          <NativeSelect id="endpoint" name="endpoint" defaultValue={filters.endpoint ?? ''}>
            <NativeSelectOption value="">Any</NativeSelectOption>
            {endpointNames.map((name) => (
              <NativeSelectOption key={name} value={name}>
                {name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          <Search aria-hidden /> Apply
        </Button>
        {(filters.q || filters.health || filters.endpoint) && (
          <Button asChild variant="ghost">
            <Link href="/admin/tenants">Clear</Link>
          </Button>
        )}
      </form>
      <Suspense key={JSON.stringify(filters)} fallback={<TableSkeleton />}>
        <TenantTable ctx={ctx} filters={filters} />
      </Suspense>
      <LiveRefresh seconds={15} />
    </>
  );
}

function pageHref(filters: TenantListFilters, page: number): string {
  const search = new URLSearchParams();
  if (filters.q) search.set('q', filters.q);
  if (filters.health) search.set('health', filters.health);
  if (filters.endpoint) search.set('endpoint', filters.endpoint);
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return `/admin/tenants${query ? `?${query}` : ''}`;
}

async function TenantTable({ ctx, filters }: { ctx: UserContext; filters: TenantListFilters }) {
  const { tenants, total, page, pageCount, pageSize } = await searchTenants(ctx, filters);
  if (tenants.length === 0) {
    return (
      <EmptyState title={filters.q || filters.health || filters.endpoint ? 'No tenants match' : 'No tenants yet'}>
        {filters.q || filters.health || filters.endpoint ? 'Try another search or clear the filters.' : 'Organizations appear here once they are created.'}
      </EmptyState>
    );
  }
  const from = (page - 1) * pageSize + 1;
  return (
    <>
      <Table aria-label="Tenants" layout="cards">
        <TableHeader>
          <TableRow>
            <TableHead>Organization</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Members</TableHead>
            <TableHead>WhatsApp endpoint</TableHead>
            <TableHead>Health</TableHead>
            <TableHead>Last check</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tenants.map((t) => {
            const removed = !!t.endpointName && isRemovedEndpoint(t.endpointName);
            return (
            <TableRow key={t.id}>
              <TableCell>
                <div className="font-medium">{t.name}</div>
                <div className="text-muted-foreground text-xs">{t.slug}</div>
              </TableCell>
              <TableCell data-label="Status">
                <Badge variant={t.status === 'active' ? 'secondary' : 'destructive'}>{t.status.charAt(0).toUpperCase() + t.status.slice(1)}</Badge>
              </TableCell>
              <TableCell data-label="Members" className="text-right tabular-nums">{t.memberCount}</TableCell>
              <TableCell data-label="WhatsApp endpoint">{t.endpointName ?? <span className="text-muted-foreground">None</span>}</TableCell>
              <TableCell data-label="Health">
                <div className="flex items-center gap-1">
                  <HealthBadge status={removed ? 'removed' : t.health} />
                  {t.alerting && !removed && <Badge variant="destructive">Alert</Badge>}
                </div>
              </TableCell>
              <TableCell data-label="Last check" className="text-muted-foreground text-sm">{t.endpointName ? <TimeAgo iso={t.lastHealthCheck} fallback="Not yet" /> : null}</TableCell>
              <TableCell data-actions className="text-right">
                <Button asChild variant="outline" size="sm">
                  <Link href={`/admin/tenants/${t.id}/whatsapp`} aria-label={`${removed ? 'Choose another endpoint' : 'WhatsApp setup'} for ${t.name}`}>
                    {removed ? 'Choose another endpoint' : 'WhatsApp setup'}
                  </Link>
                </Button>
              </TableCell>
            </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm">
        <p className="text-muted-foreground">
          {from}–{from + tenants.length - 1} of {total.toLocaleString('en')} tenants
        </p>
        <div className="flex items-center gap-2">
          {page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={pageHref(filters, page - 1)}>Previous</Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              Previous
            </Button>
          )}
          <span className="tabular-nums">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Button asChild variant="outline" size="sm">
              <Link href={pageHref(filters, page + 1)}>Next</Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>
              Next
            </Button>
          )}
        </div>
      </nav>
    </>
  );
}
