import { ctosOperations } from '@/lib/integrations/providers/ctos.operations';
import { docusealOperations } from '@/lib/integrations/providers/docuseal.operations';
import { googleCalendarOperations } from '@/lib/integrations/providers/google-calendar.operations';
import { paypalOperations } from '@/lib/integrations/providers/paypal.operations';
import { stripeOperations } from '@/lib/integrations/providers/stripe.operations';
import { zoomOperations } from '@/lib/integrations/providers/zoom.operations';
import type { OperationDeclarations } from './define';

// Every integration's operations as declared (client-safe: names and schemas, no provider code), for
// the API reference and the pages that list them. The server finds the same declarations on each
// provider's server module; a test checks the two agree.

export const operationCatalog: readonly { type: string; name: string; declarations: OperationDeclarations }[] = [
  { type: 'stripe', name: 'Stripe', declarations: stripeOperations },
  { type: 'paypal', name: 'PayPal', declarations: paypalOperations },
  { type: 'zoom', name: 'Zoom', declarations: zoomOperations },
  { type: 'google_calendar', name: 'Google Calendar', declarations: googleCalendarOperations },
  { type: 'docuseal', name: 'DocuSeal', declarations: docusealOperations },
  { type: 'ctos', name: 'CTOS eKYC', declarations: ctosOperations },
];
