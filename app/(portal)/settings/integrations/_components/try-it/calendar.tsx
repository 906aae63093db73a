'use client';

import { useForm } from 'react-hook-form';
import { lazyZodResolver } from '@/lib/forms';
import { ActionButton, ActionMessage, Fact, Facts, IdFact, OutLink, ProviderStatus, isoOf, localInput, localTime, useAction, useFieldErrors } from './kit';
import { TryField } from './field';

type Values = { summary: string; startTime: string; endTime: string };
type Event = { eventId: string; calendarId: string; status: string; htmlLink: string | null; startTime: string; endTime: string; attendeeCount: number };

const resolver = lazyZodResolver(() => import('@/lib/validations/try-it').then((m) => m.tryEventSchema));
const names = { summary: 'summary', startTime: 'startTime', endTime: 'endTime' } as const;

/** An event put in the connected calendar (without attendees, so nobody is invited) and deleted again. */
export function CalendarTry() {
  const create = useAction<Event>('google_calendar', 'create_event');
  const remove = useAction<{ eventId: string; deleted: boolean }>('google_calendar', 'delete_event');
  const busy = create.isPending || remove.isPending;
  const form = useForm<Values>({ resolver, defaultValues: { summary: 'Switchboard test event', startTime: localInput(1, 10), endTime: localInput(1, 10, 30) } });
  const { errors } = form.formState;
  const besideField = useFieldErrors(form.setError, create.error, names);
  const event = create.data;
  const deleted = remove.data?.deleted === true;

  const submit = (values: Values) =>
    create.mutate({ summary: values.summary, startTime: isoOf(values.startTime), endTime: isoOf(values.endTime) }, { onSuccess: () => remove.reset() });

  return (
    <div className="grid gap-4">
      <form noValidate aria-label="Try a Google Calendar event" onSubmit={form.handleSubmit(submit)} className="grid gap-3">
        <TryField id="google_calendar-try-summary" label="Title" error={errors.summary?.message} register={form.register('summary')} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TryField id="google_calendar-try-start" label="Starts" type="datetime-local" error={errors.startTime?.message} register={form.register('startTime')} help="In your time zone." />
          <TryField id="google_calendar-try-end" label="Ends" type="datetime-local" error={errors.endTime?.message} register={form.register('endTime')} />
        </div>
        <div>
          <ActionButton type="submit" pending={create.isPending} busy="Creating…" disabled={busy}>
            Create a test event
          </ActionButton>
        </div>
        <ActionMessage error={create.error} hidden={besideField} />
      </form>
      {event && (
        <div aria-live="polite" className="grid gap-3">
          <Facts label="The event">
            <IdFact label="Event id" value={event.eventId} />
            <Fact label="Status">{deleted ? 'Deleted' : <ProviderStatus status={event.status} />}</Fact>
            <Fact label="When">
              {localTime(event.startTime)} – {localTime(event.endTime)}
            </Fact>
            <Fact label="Calendar">{event.calendarId}</Fact>
            {!deleted && event.htmlLink && (
              <Fact label="Link">
                <OutLink href={event.htmlLink}>Open the event in Google Calendar</OutLink>
              </Fact>
            )}
          </Facts>
          {!deleted && (
            <div>
              <ActionButton type="button" variant="outline" pending={remove.isPending} busy="Deleting…" disabled={busy} onClick={() => remove.mutate({ eventId: event.eventId })}>
                Delete the event
              </ActionButton>
            </div>
          )}
          <ActionMessage error={remove.error} />
        </div>
      )}
    </div>
  );
}
