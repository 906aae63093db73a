'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import type { TryItPanelProps } from './try-it/panel';

// The forms, the query library and the resolvers arrive when someone first opens the section.
const TryItPanel = dynamic(() => import('./try-it/panel').then((m) => m.TryItPanel), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-muted-foreground text-sm">
      Loading…
    </p>
  ),
});

/** "Try it", collapsed until asked for; once opened it stays mounted so what was made stays on screen. */
export function TryItDisclosure(props: TryItPanelProps) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      data-testid={`${props.type}-try-it`}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="cursor-pointer text-sm font-medium">Try it</summary>
      <div className="mt-3">{opened && <TryItPanel {...props} />}</div>
    </details>
  );
}
