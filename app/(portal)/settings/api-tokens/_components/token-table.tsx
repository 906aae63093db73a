'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { toast } from '@/lib/toast';
import type { ApiTokenSummary } from '@/lib/api-tokens/service';
import { apiTokenScopes } from '@/lib/validations/api-token-scopes';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EmptyState } from '@/components/shell/empty-state';
import { TimeAgo } from '@/components/shell/when';
import { revokeApiTokenAction } from '../actions';

// The confirmation's dialog code arrives when someone first asks to revoke, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

export function TokenTable({ tokens }: { tokens: ApiTokenSummary[] }) {
  const router = useRouter();
  const [revoking, setRevoking] = useState<ApiTokenSummary | null>(null);

  const revoke = async () => {
    if (!revoking) return;
    const result = await revokeApiTokenAction({ id: revoking.id });
    if (!result.ok) return result.error.message;
    setRevoking(null);
    toast.success('Token revoked');
    router.refresh();
  };

  if (tokens.length === 0) return <EmptyState title="No tokens yet">Create one above to call the API from your own systems.</EmptyState>;
  return (
    <>
      <Table aria-label="API tokens" layout="cards">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Token</TableHead>
            <TableHead>Access</TableHead>
            <TableHead>Can be used to</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="sr-only">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.map((t) => (
            <TableRow key={t.id}>
              <TableCell className="font-medium">{t.name}</TableCell>
              <TableCell data-label="Token" className="font-mono text-xs">{t.prefix}…</TableCell>
              <TableCell data-label="Access">{t.role === 'admin' ? 'Read and configure' : 'Read status only'}</TableCell>
              <TableCell data-label="Can be used to">
                <div className="flex max-w-64 flex-wrap justify-end gap-1 md:justify-start">
                  {t.scopes.map((scope) => (
                    <Badge key={scope} variant="outline" title={`${scope}: ${apiTokenScopes[scope].description}`}>
                      {apiTokenScopes[scope].label}
                    </Badge>
                  ))}
                </div>
              </TableCell>
              <TableCell data-label="Created">
                <TimeAgo iso={t.createdAt} />
                {t.createdBy && <div className="text-muted-foreground text-xs">by {t.createdBy}</div>}
              </TableCell>
              <TableCell data-label="Last used">
                <TimeAgo iso={t.lastUsedAt} fallback="Never used" />
              </TableCell>
              <TableCell data-label="Status">{t.revokedAt ? <Badge variant="outline">Revoked</Badge> : <Badge variant="secondary">Active</Badge>}</TableCell>
              <TableCell data-actions className="text-right">
                {!t.revokedAt && (
                  <Button variant="ghost" size="sm" className="text-destructive" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {revoking && (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          description="Every system that calls the API with this token is refused from now on. A revoked token cannot be used again; create a new one to replace it."
          confirm="Revoke token"
          pendingLabel="Revoking…"
          destructive
          onCancel={() => setRevoking(null)}
          onConfirm={revoke}
        />
      )}
    </>
  );
}
