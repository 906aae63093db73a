'use client';

import { useForm } from 'react-hook-form';
import { lazyZodResolver } from '@/lib/forms';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, OutLink, isoOf, localInput, localTime, useAction, useFieldErrors } from './kit';
import { TryField } from './field';

type Values = { topic: string; startTime: string; duration: string };
type Meeting = { meetingId: string; topic: string; startTime: string; duration: number; timezone: string | null; joinUrl: string; startUrl: string | null; password: string | null };

const resolver = lazyZodResolver(() => import('@/lib/validations/try-it').then((m) => m.tryMeetingSchema));
const names = { topic: 'topic', startTime: 'startTime', duration: 'duration' } as const;

/**
 * A meeting made and deleted again. Its start link carries a host token: it is shown here, with a
 * warning, and nowhere else (not in a toast, not in the address bar, not in the activity log).
 */
export function ZoomTry() {
  const create = useAction<Meeting>('zoom', 'create_meeting');
  const remove = useAction<{ meetingId: string; deleted: boolean }>('zoom', 'delete_meeting');
  const busy = create.isPending || remove.isPending;
  const form = useForm<Values>({ resolver, defaultValues: { topic: 'Switchboard test meeting', startTime: localInput(1, 10), duration: '30' } });
  const { errors } = form.formState;
  const besideField = useFieldErrors(form.setError, create.error, names);
  const meeting = create.data;
  const deleted = remove.data?.deleted === true;

  const submit = (values: Values) =>
    create.mutate({ topic: values.topic, startTime: isoOf(values.startTime), duration: Number(values.duration) }, { onSuccess: () => remove.reset() });

  return (
    <div className="grid gap-4">
      <form noValidate aria-label="Try a Zoom meeting" onSubmit={form.handleSubmit(submit)} className="grid gap-3">
        <TryField id="zoom-try-topic" label="Topic" error={errors.topic?.message} register={form.register('topic')} />
        <div className="grid gap-3 sm:grid-cols-[minmax(0,16rem)_minmax(0,8rem)]">
          <TryField id="zoom-try-start" label="Starts" type="datetime-local" error={errors.startTime?.message} register={form.register('startTime')} help="In your time zone." />
          <TryField id="zoom-try-duration" label="Minutes" inputMode="numeric" error={errors.duration?.message} register={form.register('duration')} />
        </div>
        <div>
          <ActionButton type="submit" pending={create.isPending} busy="Creating…" disabled={busy}>
            Create a test meeting
          </ActionButton>
        </div>
        <ActionMessage error={create.error} hidden={besideField} />
      </form>
      {meeting && (
        <div aria-live="polite" className="grid gap-3">
          <Facts label="The meeting">
            <IdFact label="Meeting id" value={meeting.meetingId} />
            <Fact label="Topic">{meeting.topic}</Fact>
            <Fact label="Starts">
              {localTime(meeting.startTime)} ({meeting.duration} min{meeting.timezone ? `, Zoom’s time zone ${meeting.timezone}` : ''})
            </Fact>
            {deleted ? (
              <Fact label="Status">Deleted</Fact>
            ) : (
              <>
                <Fact label="Join">
                  <OutLink href={meeting.joinUrl}>Join the meeting</OutLink>
                </Fact>
                {meeting.startUrl && (
                  <Fact label="Host">
                    <span className="grid gap-1">
                      <OutLink href={meeting.startUrl}>Start as host — keep this private</OutLink>
                      <span className="text-xs text-amber-800 dark:text-amber-300">Anyone with this link starts the meeting as its host. Do not share or paste it anywhere.</span>
                    </span>
                  </Fact>
                )}
                {meeting.password && <IdFact label="Password" value={meeting.password} />}
              </>
            )}
          </Facts>
          {!deleted && (
            <div>
              <ActionButton type="button" variant="outline" pending={remove.isPending} busy="Deleting…" disabled={busy} onClick={() => remove.mutate({ meetingId: meeting.meetingId })}>
                Delete the meeting
              </ActionButton>
            </div>
          )}
          <ActionMessage error={remove.error} />
        </div>
      )}
    </div>
  );
}
