'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import type { MemberPermission } from '@/lib/integrations/permissions';

// The access table and its switches arrive when an admin first opens the disclosure, not with the page.
const AccessPanel = dynamic(() => import('./access-panel').then((m) => m.AccessPanel), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-muted-foreground text-sm">
      Loading members…
    </p>
  ),
});

/** "Who can use …": opened once, the panel stays mounted so the changes made in it are kept on reopening. */
export function AccessDisclosure({ type, providerName, members }: { type: string; providerName: string; members: MemberPermission[] }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className="group" onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}>
      <summary className="cursor-pointer text-sm font-medium">Who can use {providerName}</summary>
      <div className="mt-3">{opened && <AccessPanel type={type} providerName={providerName} members={members} />}</div>
    </details>
  );
}
