import * as z from 'zod/mini';
import '../locale';
import { noNul } from '../common';
import { emailSchema, isoDateTime, timeZoneSchema } from './meetings';

// The bodies of the calendar operations (Google Calendar), in the public API's camelCase. The create
// body is the one callers already send: {summary, description, startTime, endTime, attendees,
// reminders}.

const text = (max: number, empty: string) =>
  z.string().check(noNul(), z.trim(), z.minLength(1, empty), z.maxLength(max, `Keep it under ${max.toLocaleString('en')} characters.`));

/** `primary`, or a calendar's id as Google shows it under Settings → Integrate calendar. */
export const calendarIdSchema = z.string().check(noNul(), z.trim(), z.regex(/^[^\s/?#]{1,1024}$/, 'Give a calendar id, e.g. primary or the id under the calendar’s Integrate calendar settings.'));

export const eventIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,1024}$/, 'An event id is the id this API returned for the event.'));

const sendUpdatesSchema = z.enum(['all', 'externalOnly', 'none'], 'Choose all, externalOnly or none.');

const endAfterStart = <T extends { startTime: string; endTime: string }>() =>
  z.refine<T>((v) => Date.parse(v.endTime) > Date.parse(v.startTime), { message: 'The end time must come after the start time.', path: ['endTime'] });

const eventFields = {
  summary: text(1024, 'Give the event a title (summary).'),
  description: z.optional(text(8000, 'Leave the description out or give it content.')),
  location: z.optional(text(1024, 'Leave the location out or give it content.')),
  startTime: isoDateTime('the start time'),
  endTime: isoDateTime('the end time'),
  /** How Google shows and repeats the times; the offsets in startTime and endTime fix the instants. */
  timeZone: z.optional(timeZoneSchema),
  attendees: z.optional(z.array(emailSchema).check(z.maxLength(100, 'Invite at most 100 attendees at a time.'))),
  reminders: z.optional(
    z
      .array(
        z.object({
          method: z.enum(['email', 'popup'], 'Choose email or popup.'),
          minutes: z.number('Give the minutes before the event.').check(
            z.int('Give whole minutes.'),
            z.gte(0, 'A reminder comes 0 minutes or more before the event.'),
            z.lte(40320, 'A reminder comes at most 40320 minutes (4 weeks) before the event.'),
          ),
        }),
      )
      .check(z.maxLength(5, 'Give at most 5 reminders.')),
  ),
  /** Whether Google emails the attendees about it. */
  sendUpdates: z._default(sendUpdatesSchema, 'none'),
  calendarId: z._default(calendarIdSchema, 'primary'),
};

export const createEventSchema = z.object(eventFields).check(endAfterStart());
export type CreateEventInput = z.infer<typeof createEventSchema>;

export const updateEventSchema = z.object({ eventId: eventIdSchema, ...eventFields }).check(endAfterStart());
export type UpdateEventInput = z.infer<typeof updateEventSchema>;

export const deleteEventSchema = z.object({
  eventId: eventIdSchema,
  sendUpdates: z._default(sendUpdatesSchema, 'none'),
  /** Only read when the portal does not know where the event was created. */
  calendarId: z.optional(calendarIdSchema),
});

export const listEventsSchema = z
  .object({
    timeMin: z.optional(isoDateTime('timeMin')),
    timeMax: z.optional(isoDateTime('timeMax')),
    maxResults: z._default(
      z.number().check(z.int('Give a whole number.'), z.gte(1, 'Ask for at least 1 event.'), z.lte(250, 'Ask for at most 250 events a page.')),
      50,
    ),
    pageToken: z.optional(z.string().check(noNul(), z.minLength(1), z.maxLength(2048, 'This page token is not one Google gave.'))),
    calendarId: z._default(calendarIdSchema, 'primary'),
  })
  .check(
    z.refine((v) => !v.timeMin || !v.timeMax || Date.parse(v.timeMax) > Date.parse(v.timeMin), {
      message: 'timeMax must come after timeMin.',
      path: ['timeMax'],
    }),
  );

export const eventSchema = z.object({
  eventId: z.string(),
  calendarId: z.string(),
  status: z.string(),
  htmlLink: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  attendeeCount: z.number(),
});

export const eventListSchema = z.object({
  events: z.array(
    z.object({
      eventId: z.string(),
      summary: z.nullable(z.string()),
      status: z.string(),
      startTime: z.nullable(z.string()),
      endTime: z.nullable(z.string()),
      htmlLink: z.nullable(z.string()),
    }),
  ),
  nextPageToken: z.nullable(z.string()),
});

export const deletedEventSchema = z.object({ eventId: z.string(), deleted: z.literal(true) });
