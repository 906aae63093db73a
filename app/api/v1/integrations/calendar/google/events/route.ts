import { operationRoute, queryOf } from '@/lib/operations/http';

/** Events in the connected calendar, soonest first (`timeMin`, `timeMax`, `maxResults`, `pageToken`). */
export const GET = operationRoute({ type: 'google_calendar', action: 'list_events' }, queryOf);
