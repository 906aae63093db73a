import { operationRoute } from '@/lib/operations/http';

type Params = { meetingId: string };

/** A Zoom meeting booked through the portal. */
export const GET = operationRoute<Params>({ type: 'zoom', action: 'get_meeting' }, (_req, { meetingId }) => ({ meetingId }));

/** Deletes a Zoom meeting booked through the portal (a second delete succeeds too). */
export const DELETE = operationRoute<Params>({ type: 'zoom', action: 'delete_meeting' }, (_req, { meetingId }) => ({ meetingId }));
