import { bodyOf, operationRoute } from '@/lib/operations/http';

type Params = { eventId: string };

/** Replaces a Google Calendar event made through the portal. */
export const PUT = operationRoute<Params>({ type: 'google_calendar', action: 'update_event' }, async (req, { eventId }) => ({ ...(await bodyOf(req)), eventId }));

/** Deletes a Google Calendar event made through the portal (a second delete succeeds too). */
export const DELETE = operationRoute<Params>({ type: 'google_calendar', action: 'delete_event' }, (_req, { eventId }) => ({ eventId }));
