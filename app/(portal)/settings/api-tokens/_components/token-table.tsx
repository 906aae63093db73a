'use client';

import { useState, useTransition } from 'react';
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
  const [pending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<ApiTokenSummary | null>(null);

  const revoke = () =>
    startTransition(async () => {
      if (!revoking) return;
      const result = await revokeApiTokenAction({ id: revoking.id });
      setRevoking(null);
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      toast.success('Token revoked');
      router.refresh();
    });

  if (tokens.length === 0) return <EmptyState title="No tokens yet">Create one above to call the API from your own systems.</EmptyState>;
  return (
    <>
      <Table aria-label="API tokens">
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
              <TableCell className="font-mono text-xs">{t.prefix}…</TableCell>
              <TableCell>{t.role === 'admin' ? 'Read and configure' : 'Read status only'}</TableCell>
              <TableCell>
                <div className="flex max-w-64 flex-wrap gap-1">
                  {t.scopes.map((scope) => (
                    <Badge key={scope} variant="outline" title={`${scope}: ${apiTokenScopes[scope].description}`}>
                      {apiTokenScopes[scope].label}
                    </Badge>
                  ))}
                </div>
              </TableCell>
              <TableCell>
                <TimeAgo iso={t.createdAt} />
                {t.createdBy && <div className="text-muted-foreground text-xs">by {t.createdBy}</div>}
              </TableCell>
              <TableCell>
                <TimeAgo iso={t.lastUsedAt} fallback="Never used" />
              </TableCell>
              <TableCell>{t.revokedAt ? <Badge variant="outline">Revoked</Badge> : <Badge variant="secondary">Active</Badge>}</TableCell>
              <TableCell className="text-right">
                {!t.revokedAt && (
                  <Button variant="ghost" size="sm" className="text-destructive" onClick={() => setRevoking(t)} disabled={pending}>
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
          description="Requests using this token fail from now on. This cannot be undone."
          confirm="Revoke token"
          pending={pending}
          onCancel={() => setRevoking(null)}
          onConfirm={revoke}
        />
      )}
    </>
  );
}
