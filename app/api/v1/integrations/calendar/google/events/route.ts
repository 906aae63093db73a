import { readQuery } from '@/lib/http/route';
import { operationRoute } from '@/lib/operations/http';

/** Events in the connected calendar, soonest first (`timeMin`, `timeMax`, `maxResults`, `pageToken`). */
export const GET = operationRoute({ type: 'google_calendar', action: 'list_events' }, (req) => {
  const query: Record<string, unknown> = readQuery(req);
  // The query string is text; the count is a number (anything else is refused by the schema as it is).
  if (typeof query.maxResults === 'string' && /^\d{1,4}$/.test(query.maxResults)) query.maxResults = Number(query.maxResults);
  return query;
});
