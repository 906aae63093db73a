import * as z from 'zod/mini';
import '../locale';
import { noNul } from '../common';

// The bodies of the meetings operations (Zoom). Field names are the public API's (camelCase), except
// the meeting settings, which callers send in Zoom's own words. Meeting ids are strings end to end:
// Zoom's are 64-bit and would lose digits as JavaScript numbers.

const text = (max: number, empty: string) =>
  z.string().check(noNul(), z.trim(), z.minLength(1, empty), z.maxLength(max, `Keep it under ${max.toLocaleString('en')} characters.`));

/** A date and time with its offset (Z or ±hh:mm), which both Zoom and Google read unambiguously. */
export const isoDateTime = (what: string) =>
  z.iso.datetime({ offset: true, error: `Give ${what} as an ISO 8601 date and time with Z or an offset, e.g. 2025-02-15T10:00:00Z.` });

function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().check(z.maxLength(64), z.refine(isTimeZone, 'Give an IANA time zone name, e.g. Asia/Kuala_Lumpur or UTC.'));

export const emailSchema = z.string().check(noNul(), z.trim(), z.toLowerCase(), z.email('Enter an email address.'), z.maxLength(254));

export const meetingIdSchema = z.string().check(z.regex(/^\d{9,20}$/, 'A meeting id is the 9 to 20 digits Zoom gave it, sent as a string.'));

export const zoomSettingsSchema = z.object({
  host_video: z.optional(z.boolean()),
  participant_video: z.optional(z.boolean()),
  join_before_host: z.optional(z.boolean()),
  waiting_room: z.optional(z.boolean()),
  mute_upon_entry: z.optional(z.boolean()),
  auto_recording: z.optional(z.enum(['none', 'local', 'cloud'], 'Choose none, local or cloud.')),
});

export const createMeetingSchema = z.object({
  topic: text(200, 'Give the meeting a topic.'),
  startTime: isoDateTime('the start time'),
  duration: z.number('Give the duration in minutes.').check(
    z.int('Give the duration in whole minutes.'),
    z.gte(1, 'A meeting lasts at least 1 minute.'),
    z.lte(1440, 'A meeting lasts at most 1440 minutes (24 hours).'),
  ),
  timezone: z.optional(timeZoneSchema),
  agenda: z.optional(text(2000, 'Leave the agenda out or give it content.')),
  /** The host's email or Zoom user id; the app's own user ('me') when left out. */
  hostEmail: z.optional(emailSchema),
  settings: z.optional(zoomSettingsSchema),
});
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const meetingRefSchema = z.object({ meetingId: meetingIdSchema });

export const createdMeetingSchema = z.object({
  meetingId: z.string(),
  topic: z.string(),
  startTime: z.string(),
  duration: z.number(),
  timezone: z.nullable(z.string()),
  joinUrl: z.string(),
  /** Carries the host's token: for the host only, never stored. */
  startUrl: z.string(),
  password: z.nullable(z.string()),
});

export const meetingSchema = z.object({
  meetingId: z.string(),
  topic: z.string(),
  status: z.string(),
  startTime: z.nullable(z.string()),
  duration: z.number(),
  timezone: z.nullable(z.string()),
  joinUrl: z.string(),
});

export const deletedMeetingSchema = z.object({ meetingId: z.string(), deleted: z.literal(true) });

export const recordingsSchema = z.object({
  meetingId: z.string(),
  shareUrl: z.nullable(z.string()),
  recordings: z.array(
    z.object({
      id: z.string(),
      fileType: z.string(),
      fileSize: z.nullable(z.number()),
      status: z.string(),
      recordingStart: z.nullable(z.string()),
      playUrl: z.nullable(z.string()),
    }),
  ),
});
