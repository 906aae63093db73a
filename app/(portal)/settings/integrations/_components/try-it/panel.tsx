'use client';

import { QueryProvider } from '@/components/shell/query-provider';
import type { TryItType } from './types';
import { CalendarTry } from './calendar';
import { CtosTry } from './ctos';
import { DocuSealTry } from './docuseal';
import { PayPalTry } from './paypal';
import { StripeTry } from './stripe';
import { ZoomTry } from './zoom';

export interface TryItPanelProps {
  type: TryItType;
  providerName: string;
  /** A payment provider's account takes real money (its saved mode says so); null when the page cannot tell. */
  live: boolean | null;
}

/**
 * Small forms that make one real operation through the integration, as the API would, and show
 * what the provider answered. Everything made here is in the activity log like any other request.
 */
export function TryItPanel({ type, providerName, live }: TryItPanelProps) {
  return (
    <QueryProvider>
      <section aria-label={`Try ${providerName}`} className="grid gap-3">
        <p className="text-muted-foreground text-sm">
          Each step calls {providerName} for real through this integration, as your systems would through the API. It is recorded under Activity.
        </p>
        {type === 'stripe' && <StripeTry live={live} />}
        {type === 'paypal' && <PayPalTry live={live} />}
        {type === 'zoom' && <ZoomTry />}
        {type === 'google_calendar' && <CalendarTry />}
        {type === 'docuseal' && <DocuSealTry />}
        {type === 'ctos' && <CtosTry />}
      </section>
    </QueryProvider>
  );
}
