'use client';

import type { AuditEntry } from '@/lib/audit/query';
import { actionLabel, actorKinds, describeChanges, describeTarget, outcomeLabels, targetTypeLabel, type ProviderNames } from '@/lib/audit/labels';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { When } from '@/components/shell/when';

/**
 * One audit event in a drawer, loaded when the first event is opened: who did what, when, to what
 * and what changed, in words; the codes, the raw details and the chain under "Technical details".
 */
export function AuditEventSheet({ entry: open, providerNames, onClose }: { entry: AuditEntry | null; providerNames: ProviderNames; onClose: () => void }) {
  return (
    <Sheet open={!!open} onOpenChange={(o) => !o && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-lg">
        {open && <Event entry={open} providerNames={providerNames} />}
      </SheetContent>
    </Sheet>
  );
}

function Event({ entry, providerNames }: { entry: AuditEntry; providerNames: ProviderNames }) {
  const changes = describeChanges(entry);
  const integration = entry.integrationType ? (providerNames[entry.integrationType] ?? null) : null;
  const who = entry.actorLabel ? (entry.actorType === 'user' ? entry.actorLabel : `${entry.actorLabel} (${actorKinds[entry.actorType]})`) : actorKinds[entry.actorType];
  return (
    <>
      <SheetHeader>
        <SheetTitle>{actionLabel(entry.action)}</SheetTitle>
        <SheetDescription>
          <When iso={entry.createdAt} seconds />
        </SheetDescription>
      </SheetHeader>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 px-4 text-sm">
        <Detail label="Who" value={who} />
        <Detail label="Outcome" value={outcomeLabels[entry.outcome]} />
        <Detail label="Organization" value={entry.orgName ?? (entry.orgId ? null : 'Platform')} />
        <Detail label="About" value={describeTarget(entry, providerNames)} />
        {integration && !describeTarget(entry, providerNames)?.startsWith(integration) && <Detail label="Integration" value={integration} />}
        {changes.map((c) => (
          <Detail
            key={c.what}
            label={c.what}
            value={
              c.from !== undefined ? (
                <>
                  {c.from} <span aria-hidden>→</span>
                  <span className="sr-only"> to</span> {c.to}
                </>
              ) : (
                c.to
              )
            }
          />
        ))}
      </dl>
      <details className="mx-4 mt-2 mb-6 rounded-md border text-sm">
        <summary className="cursor-pointer px-3 py-2 font-medium">Technical details</summary>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 border-t px-3 py-3">
          <Detail label="Action code" value={entry.action} mono />
          <Detail label="Target" value={entry.targetType ? `${targetTypeLabel(entry.targetType)} (${entry.targetType})` : null} />
          <Detail label="Target id" value={entry.targetId} mono />
          <Detail label="Integration code" value={entry.integrationType} mono />
          <Detail label="Actor" value={`${actorKinds[entry.actorType]}${entry.actorId ? ` ${entry.actorId}` : ''}`} mono />
          <Detail label="Organization id" value={entry.orgId} mono />
          <Detail label="IP address" value={entry.ip} mono />
          <Detail label="User agent" value={entry.userAgent} />
          <Detail label="Changed fields" value={entry.changedFields.length ? entry.changedFields.join(', ') : null} mono />
          <Detail label="Chain position" value={entry.chainSeq} />
          <Detail label="Hash" value={entry.hash} mono />
          <dt className="text-muted-foreground">Details</dt>
          <dd className="min-w-0">
            {Object.keys(entry.metadata).length ? (
              <pre className="bg-muted overflow-x-auto rounded-md p-2 text-xs">{JSON.stringify(entry.metadata, null, 2)}</pre>
            ) : (
              '—'
            )}
          </dd>
        </dl>
      </details>
    </>
  );
}

function Detail({ label, value, mono }: { label: string; value: React.ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={mono ? 'min-w-0 font-mono text-xs break-all' : 'min-w-0 break-words'}>{value ?? '—'}</dd>
    </>
  );
}
