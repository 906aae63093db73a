import Link from 'next/link';
import { Download } from '@/components/icons';
import * as z from 'zod/mini';
import { readAudit, type AuditReader } from '@/lib/audit/service';
import { AppError } from '@/lib/http/errors';
import { actionGroups, outcomeLabels, type ProviderNames } from '@/lib/audit/labels';
import { providers } from '@/lib/integrations/registry';
import { auditActions, auditFilterSchema, auditOutcomes, type AuditFilters } from '@/lib/validations/audit';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { EmptyState } from '@/components/shell/empty-state';
import { FilterField } from '@/components/shell/filter-field';
import { QueryProvider } from '@/components/shell/query-provider';
import { AuditTable } from './audit-table';
import { DailyChart } from './daily-chart';
import { NewEventsNotice } from './new-events-notice';

type RawParams = Record<string, string | string[] | undefined>;

/** Provider names for the integrations on this page only, so the table's props stay small. */
function namesFor(entries: { integrationType: string | null }[]): ProviderNames {
  const wanted = new Set(entries.map((e) => e.integrationType));
  return Object.fromEntries(providers.filter((p) => wanted.has(p.id)).map((p) => [p.id, p.name]));
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseAuditParams(params: RawParams) {
  const raw = Object.fromEntries(Object.keys(auditFilterSchema.shape).map((k) => [k, first(params[k])]));
  return { raw, parsed: auditFilterSchema.safeParse(raw) };
}

function query(filters: Partial<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The audit trail for one area: filters in the URL, a chart, newest-first pages, a detail drawer and CSV export. */
export async function AuditView({
  reader,
  params,
  basePath,
  apiPath,
}: {
  reader: AuditReader;
  params: RawParams;
  basePath: string;
  apiPath: string;
}) {
  const area = reader.area;
  const { raw, parsed } = parseAuditParams(params);
  let fieldErrors: Record<string, string[] | undefined> = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  let result: Awaited<ReturnType<typeof readAudit>> | null = null;
  const filters: AuditFilters = parsed.success ? parsed.data : {};
  if (parsed.success) {
    try {
      result = await readAudit(reader, filters, { chart: true });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      fieldErrors = error.fields ?? {};
    }
  }
  const applied = { ...raw, cursor: undefined };
  const hasFilters = Object.values(applied).some(Boolean);

  return (
    <div className="flex flex-col gap-4">
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-3 rounded-xl border p-4" aria-label="Filter the audit trail">
        <FilterField label="Action" error={fieldErrors.action}>
          <NativeSelect name="action" defaultValue={raw.action ?? ''}>
            <NativeSelectOption value="">Any action</NativeSelectOption>
            {actionGroups(auditActions).map((group) => (
              <optgroup key={group.area} label={group.area}>
                {group.actions.map((a) => (
                  <NativeSelectOption key={a.value} value={a.value}>
                    {a.label}
                  </NativeSelectOption>
                ))}
              </optgroup>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField label="Outcome" error={fieldErrors.outcome}>
          <NativeSelect name="outcome" defaultValue={raw.outcome ?? ''}>
            <NativeSelectOption value="">Any outcome</NativeSelectOption>
            {auditOutcomes.map((o) => (
              <NativeSelectOption key={o} value={o}>
                {outcomeLabels[o]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </FilterField>
        <FilterField label="Actor (email or id)" error={fieldErrors.actor}>
          <Input name="actor" defaultValue={raw.actor ?? ''} className="w-56" />
        </FilterField>
        <FilterField label="Integration" error={fieldErrors.integration}>
          <Input name="integration" defaultValue={raw.integration ?? ''} className="w-36" placeholder="e.g. exotel" />
        </FilterField>
        <FilterField label="From" error={fieldErrors.from}>
          <Input type="date" name="from" defaultValue={raw.from ?? ''} />
        </FilterField>
        <FilterField label="To" error={fieldErrors.to}>
          <Input type="date" name="to" defaultValue={raw.to ?? ''} />
        </FilterField>
        <FilterField label="Target id" error={fieldErrors.q}>
          <Input name="q" defaultValue={raw.q ?? ''} className="w-72 font-mono text-xs" />
        </FilterField>
        {area === 'platform' && (
          <FilterField label="Organization (slug or id)" error={fieldErrors.org}>
            <Input name="org" defaultValue={raw.org ?? ''} className="w-48" />
          </FilterField>
        )}
        <div className="flex gap-2">
          <Button type="submit">Apply filters</Button>
          {hasFilters && (
            <Button asChild variant="ghost">
              <Link href={basePath}>Clear</Link>
            </Button>
          )}
        </div>
      </form>

      {!result ? (
        <Alert variant="destructive">
          <AlertTitle>These filters cannot be applied</AlertTitle>
          <AlertDescription>Correct the highlighted fields; nothing is shown until they are valid.</AlertDescription>
        </Alert>
      ) : (
        <>
          <DailyChart days={result.daily} />
          <div className="flex items-center justify-between gap-2">
            <div className="flex items-center gap-3">
              <p className="text-muted-foreground text-sm">Newest first{filters.cursor ? ', continued' : ''}.</p>
              {!filters.cursor && (
                <QueryProvider>
                  <NewEventsNotice area={area} apiPath={apiPath} filters={applied} newestShownId={result.page.entries[0]?.id ?? null} />
                </QueryProvider>
              )}
            </div>
            <Button asChild variant="outline" size="sm">
              <a href={`${apiPath}/export${query(applied)}`} download>
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          </div>
          {result.page.entries.length === 0 ? (
            <EmptyState title={hasFilters ? 'No events match these filters' : 'No events yet'}>
              {hasFilters ? 'Try a wider date range or fewer filters.' : 'Integration operations will be recorded here as they happen.'}
            </EmptyState>
          ) : (
            <AuditTable entries={result.page.entries} showOrg={area === 'platform'} providerNames={namesFor(result.page.entries)} />
          )}
          <nav aria-label="Pages" className="flex justify-end gap-2">
            {filters.cursor && (
              <Button asChild variant="outline" size="sm">
                <Link href={`${basePath}${query(applied)}`}>Newest</Link>
              </Button>
            )}
            {result.page.nextCursor && (
              <Button asChild variant="outline" size="sm">
                <Link href={`${basePath}${query({ ...applied, cursor: result.page.nextCursor })}`}>Older</Link>
              </Button>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
