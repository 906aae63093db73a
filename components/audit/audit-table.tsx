'use client';

import { useState } from 'react';
import type { AuditEntry } from '@/lib/audit/query';
import { Badge } from '@/components/ui/badge';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

const outcomeVariant = { success: 'secondary', failure: 'outline', denied: 'destructive' } as const;

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }) + ' UTC';

export function AuditTable({ entries, showOrg }: { entries: AuditEntry[]; showOrg: boolean }) {
  const [open, setOpen] = useState<AuditEntry | null>(null);
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
              aria-label={`${e.action} by ${e.actorLabel ?? e.actorType} at ${when(e.createdAt)}`}
              onClick={() => setOpen(e)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  setOpen(e);
                }
              }}
            >
              <TableCell className="text-muted-foreground tabular-nums">{when(e.createdAt)}</TableCell>
              {showOrg && <TableCell>{e.orgName ?? 'Platform'}</TableCell>}
              <TableCell>{e.actorLabel ?? e.actorType}</TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell>
                <Badge variant={outcomeVariant[e.outcome]}>{e.outcome}</Badge>
              </TableCell>
              <TableCell className="text-muted-foreground max-w-48 truncate font-mono text-xs">
                {e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Sheet open={!!open} onOpenChange={(o) => !o && setOpen(null)}>
        <SheetContent className="w-full overflow-y-auto sm:max-w-lg">
          {open && (
            <>
              <SheetHeader>
                <SheetTitle className="font-mono">{open.action}</SheetTitle>
                <SheetDescription>{when(open.createdAt)}</SheetDescription>
              </SheetHeader>
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 px-4 pb-6 text-sm">
                <Detail label="Outcome" value={open.outcome} />
                <Detail label="Organization" value={open.orgName ?? (open.orgId ? open.orgId : 'Platform')} />
                <Detail label="Actor" value={`${open.actorLabel ?? '—'} (${open.actorType}${open.actorId ? ` ${open.actorId}` : ''})`} />
                <Detail label="Integration" value={open.integrationType} />
                <Detail label="Target" value={open.targetType ? `${open.targetType} ${open.targetId ?? ''}` : null} />
                <Detail label="Changed fields" value={open.changedFields.length ? open.changedFields.join(', ') : null} />
                <Detail label="IP address" value={open.ip} />
                <Detail label="User agent" value={open.userAgent} />
                <Detail label="Chain position" value={open.chainSeq} />
                <Detail label="Hash" value={open.hash} mono />
                <dt className="text-muted-foreground">Details</dt>
                <dd>
                  {Object.keys(open.metadata).length ? (
                    <pre className="bg-muted overflow-x-auto rounded-md p-2 text-xs">{JSON.stringify(open.metadata, null, 2)}</pre>
                  ) : (
                    '—'
                  )}
                </dd>
              </dl>
            </>
          )}
        </SheetContent>
      </Sheet>
    </>
  );
}

function Detail({ label, value, mono }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={mono ? 'font-mono text-xs break-all' : 'break-words'}>{value ?? '—'}</dd>
    </>
  );
}
