'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import type { AuditEntry } from '@/lib/audit/query';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatDateTime } from '@/lib/dates';
import { actionLabel, actorKinds, describeTarget, outcomeLabels, type ProviderNames } from '@/lib/audit/labels';
import { When, useTimeZone } from '@/components/shell/when';

const AuditEventSheet = dynamic(() => import('./audit-event-sheet').then((m) => m.AuditEventSheet), { ssr: false });

const outcomeVariant = { success: 'secondary', failure: 'outline', denied: 'destructive' } as const;


export function AuditTable({ entries, showOrg, providerNames }: { entries: AuditEntry[]; showOrg: boolean; providerNames: ProviderNames }) {
  const timeZone = useTimeZone();
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Table aria-label="Audit events">
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            {showOrg && <TableHead>Organization</TableHead>}
            <TableHead>Actor</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Outcome</TableHead>
            <TableHead>Target</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((e) => (
            <TableRow
              key={e.id}
              className="cursor-pointer"
              tabIndex={0}
              aria-label={`${actionLabel(e.action)} by ${e.actorLabel ?? actorKinds[e.actorType]} at ${formatDateTime(e.createdAt, timeZone)}`}
              onClick={() => {
                setOpen(e);
                setOpened(true);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  setOpen(e);
                  setOpened(true);
                }
              }}
            >
              <TableCell className="text-muted-foreground tabular-nums">
                <When iso={e.createdAt} />
              </TableCell>
              {showOrg && <TableCell>{e.orgName ?? 'Platform'}</TableCell>}
              <TableCell>{e.actorLabel ?? actorKinds[e.actorType]}</TableCell>
              <TableCell>{actionLabel(e.action)}</TableCell>
              <TableCell>
                <Badge variant={outcomeVariant[e.outcome]}>{outcomeLabels[e.outcome]}</Badge>
              </TableCell>
              <TableCell className="text-muted-foreground max-w-64 truncate">{describeTarget(e, providerNames) ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {/* The drawer's dialog code arrives with the first event opened, not with the page. */}
      {opened && <AuditEventSheet entry={open} providerNames={providerNames} onClose={() => setOpen(null)} />}
    </>
  );
}
