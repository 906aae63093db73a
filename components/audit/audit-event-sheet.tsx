'use client';

import type { AuditEntry } from '@/lib/audit/query';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { when } from './when';

/** One audit event in a drawer; loaded when the first event is opened. */
export function AuditEventSheet({ entry: open, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  return (
    <Sheet open={!!open} onOpenChange={(o) => !o && onClose()}>
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
