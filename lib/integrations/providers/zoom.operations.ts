import {
  createdMeetingSchema,
  createMeetingSchema,
  deletedMeetingSchema,
  meetingRefSchema,
  meetingSchema,
  recordingsSchema,
} from '@/lib/validations/operations/meetings';
import { declareOperations } from '@/lib/operations/define';

// What the portal does with a Zoom account besides testing it: scheduled meetings and their cloud
// recordings. Zoom takes no idempotency key, so creating a meeting is never repeated by the portal.

export const zoomOperations = declareOperations({
  create_meeting: {
    family: 'meetings',
    access: 'write',
    title: 'Schedule a Zoom meeting',
    description:
      'Schedules a meeting for the host (the app’s own user unless hostEmail names another user of the account). The start URL signs the host in: hand it to the host only; the portal does not keep it.',
    input: createMeetingSchema,
    output: createdMeetingSchema,
    idempotent: false,
  },
  get_meeting: {
    family: 'meetings',
    access: 'read',
    title: 'Look up a Zoom meeting',
    description: 'The meeting’s current topic, time, status (waiting, started) and join URL.',
    input: meetingRefSchema,
    output: meetingSchema,
    object: 'meetingId',
    idempotent: true,
  },
  delete_meeting: {
    family: 'meetings',
    access: 'write',
    title: 'Delete a Zoom meeting',
    description: 'Deletes the meeting; deleting one that is already gone succeeds.',
    input: meetingRefSchema,
    output: deletedMeetingSchema,
    object: 'meetingId',
    idempotent: true,
  },
  list_recordings: {
    family: 'meetings',
    access: 'read',
    title: 'List a meeting’s cloud recordings',
    description: 'The recording files of a past meeting with their play links; an empty list when it has none.',
    input: meetingRefSchema,
    output: recordingsSchema,
    object: 'meetingId',
    idempotent: true,
  },
});
