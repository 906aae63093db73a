'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import type { SendTestPanelProps } from './send-test-panel';

// The form, the query library and the status poller arrive when an admin first opens the panel.
const SendTestPanel = dynamic(() => import('./send-test-panel').then((m) => m.SendTestPanel), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-muted-foreground text-sm">
      Loading…
    </p>
  ),
});

/** "Send a test", collapsed until asked for; once opened it stays mounted so a test's status keeps updating. */
export function SendTestDisclosure(props: SendTestPanelProps) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="cursor-pointer text-sm font-medium">Send a test</summary>
      <div className="mt-3">{opened && <SendTestPanel {...props} />}</div>
    </details>
  );
}
