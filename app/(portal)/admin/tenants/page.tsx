import type { Metadata } from 'next';
import { Suspense } from 'react';
import { guardPage } from '@/lib/auth/page';
import { requireSuperadmin, type UserContext } from '@/lib/auth/guards';
import { listTenants } from '@/lib/tenants/list';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { PageHeader } from '@/components/shell/page-header';
import { TableSkeleton } from '@/components/shell/table-skeleton';

export const metadata: Metadata = { title: 'Tenants' };

export default async function TenantsPage() {
  const ctx = await guardPage(requireSuperadmin, '/admin/tenants');
  return (
    <>
      <PageHeader title="Tenants" description="Every organization on the platform." />
      <Suspense fallback={<TableSkeleton />}>
        <TenantTable ctx={ctx} />
      </Suspense>
    </>
  );
}

async function TenantTable({ ctx }: { ctx: UserContext }) {
  const tenants = await listTenants(ctx);
  return (
    <>
      {tenants.length === 0 ? (
        <EmptyState title="No tenants yet">Organizations appear here once they are created.</EmptyState>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Organization</TableHead>
              <TableHead>Slug</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Members</TableHead>
              <TableHead>Created</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tenants.map((t) => (
              <TableRow key={t.id}>
                <TableCell className="font-medium">{t.name}</TableCell>
                <TableCell className="text-muted-foreground">{t.slug}</TableCell>
                <TableCell>
                  <Badge variant={t.status === 'active' ? 'secondary' : 'destructive'}>{t.status}</Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">{t.memberCount}</TableCell>
                <TableCell className="text-muted-foreground">{new Date(t.createdAt).toLocaleDateString('en-GB')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
