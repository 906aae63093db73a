import type { Metadata } from 'next';
import Link from 'next/link';
import { Download } from '@/components/icons';
import * as z from 'zod/mini';
import { actorFromSession } from '@/lib/auth/actor';
import { ALL_ROLES, requireOrgRole } from '@/lib/auth/guards';
import { guardPage } from '@/lib/auth/page';
import { listRequests } from '@/lib/gateway/log';
import { operationOptions } from '@/lib/operations/catalog-options';
import { providers } from '@/lib/integrations/registry';
import { listMembers } from '@/lib/team/members';
import { requestFilterSchema } from '@/lib/validations/gateway';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/shell/page-header';
import { QueryProvider } from '@/components/shell/query-provider';
import { ActivityFilters } from './_components/filters';
import type { Names } from './_components/looks';
import { RequestList } from './_components/request-list';

export const metadata: Metadata = { title: 'Activity' };

type RawParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The filters as a query string, empty ones left out. */
function query(filters: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

// Every integration can appear in the log: those that send messages and calls, and those that make
// payments, meetings, events, signing requests and identity checks.
const integrationOptions = providers.map((p) => ({ value: p.id, label: p.name }));

export default async function ActivityPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const ctx = await guardPage(() => requireOrgRole(...ALL_ROLES), '/settings/activity');
  const actor = actorFromSession(ctx);
  const params = await searchParams;
  const raw = Object.fromEntries(Object.keys(requestFilterSchema.shape).map((k) => [k, first(params[k])])) as Record<string, string | undefined>;
  const parsed = requestFilterSchema.safeParse(raw);
  const seesTeam = ctx.role !== 'agent';
  const [page, members] = await Promise.all([parsed.success ? listRequests(actor, parsed.data) : null, seesTeam ? listMembers(actor) : []]);

  const names: Names = {
    integrations: Object.fromEntries(providers.map((p) => [p.id, p.name])),
    senders: Object.fromEntries(seesTeam ? members.map((m) => [m.email, m.name]) : [[ctx.user.email, ctx.user.name]]),
  };
  const applied = { ...raw, cursor: undefined };
  const filtered = Object.values(applied).some(Boolean);
  const description =
    ctx.role === 'agent'
      ? 'The messages, calls and operations you made through your integrations, and what became of each.'
      : `The messages, calls and operations ${ctx.active.orgName} made through its integrations, and what became of each.`;

  return (
    <>
      <PageHeader title="Activity" description={description} />
      <div className="flex flex-col gap-4">
        <ActivityFilters
          raw={raw}
          errors={parsed.success ? {} : z.flattenError(parsed.error).fieldErrors}
          integrations={integrationOptions}
          operations={operationOptions()}
          // Managers do not see others' recipients, so they are not offered a search by recipient.
          members={seesTeam ? members.map((m) => ({ value: m.userId, label: m.name })) : null}
          recipient={ctx.role !== 'manager'}
          filtered={filtered}
        />
        {!page ? (
          <Alert variant="destructive">
            <AlertTitle>These filters cannot be applied</AlertTitle>
            <AlertDescription>Correct the highlighted fields; nothing is shown until they are valid.</AlertDescription>
          </Alert>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-muted-foreground text-sm">Newest first{parsed.data?.cursor ? ', continued' : ''}. Updates itself while a message is on its way.</p>
              <Button asChild variant="outline" size="sm">
                <a href={`/api/v1/integrations/requests/export${query(applied)}`} download>
                  <Download aria-hidden /> Export CSV
                </a>
              </Button>
            </div>
            <QueryProvider>
              <RequestList initial={page} query={query(raw)} names={names} filtered={filtered} />
            </QueryProvider>
            <nav aria-label="Pages" className="flex justify-end gap-2">
              {raw.cursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/settings/activity${query(applied)}`}>Newest</Link>
                </Button>
              )}
              {page.nextCursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/settings/activity${query({ ...applied, cursor: page.nextCursor })}`}>Older</Link>
                </Button>
              )}
            </nav>
          </>
        )}
      </div>
    </>
  );
}
