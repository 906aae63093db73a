'use client';

import dynamic from 'next/dynamic';
import type { MemberPermission } from '@/lib/integrations/permissions';
import { Skeleton } from '@/components/ui/skeleton';

// The table and its switches arrive after the page is interactive: the section sits near the end of
// the page, and the page stays within its script budget. The placeholder has the table's height.
const AccessPanel = dynamic(() => import('./access-panel').then((m) => m.AccessPanel), {
  ssr: false,
  loading: () => <Skeleton role="status" aria-label="Loading members" className="h-40 w-full" />,
});

export function AccessLazy(props: { type: string; providerName: string; members: MemberPermission[] }) {
  return <AccessPanel {...props} />;
}
