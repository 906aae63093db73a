import { bodyOf, operationRoute } from '@/lib/operations/http';

/** Creates a Google Calendar event `{ summary, startTime, endTime, attendees?, reminders? }`. */
export const POST = operationRoute({ type: 'google_calendar', action: 'create_event' }, bodyOf);
