import {
  createEventSchema,
  deletedEventSchema,
  deleteEventSchema,
  eventListSchema,
  eventSchema,
  listEventsSchema,
  updateEventSchema,
} from '@/lib/validations/operations/calendar';
import { declareOperations } from '@/lib/operations/define';

// What the portal does with a connected Google Calendar: events in the account's calendars. Each
// event's id is derived from the portal's request id, so repeating a create cannot book it twice.

export const googleCalendarOperations = declareOperations({
  create_event: {
    family: 'calendar',
    access: 'write',
    title: 'Create a calendar event',
    description: 'Adds an event to the calendar (primary unless calendarId names another), with its attendees and reminders.',
    input: createEventSchema,
    output: eventSchema,
    idempotent: true,
  },
  list_events: {
    family: 'calendar',
    access: 'read',
    title: 'List calendar events',
    description: 'Events between timeMin and timeMax in start order, recurring ones as single occurrences; all-day events give their date.',
    input: listEventsSchema,
    output: eventListSchema,
    idempotent: true,
  },
  update_event: {
    family: 'calendar',
    access: 'write',
    title: 'Replace a calendar event',
    description: 'Replaces the event with the fields given (fields left out are cleared), in the calendar it was created in.',
    input: updateEventSchema,
    output: eventSchema,
    object: 'eventId',
    idempotent: true,
  },
  delete_event: {
    family: 'calendar',
    access: 'write',
    title: 'Delete a calendar event',
    description: 'Deletes the event; deleting one that is already gone succeeds.',
    input: deleteEventSchema,
    output: deletedEventSchema,
    object: 'eventId',
    idempotent: true,
  },
});
