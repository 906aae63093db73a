import { operationRoute } from '@/lib/operations/http';

/** A Zoom meeting's cloud recordings (none yet is an empty list). */
export const GET = operationRoute<{ meetingId: string }>({ type: 'zoom', action: 'list_recordings' }, (_req, { meetingId }) => ({ meetingId }));
