'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { subscribableEvents } from '@/lib/webhooks/outbound/events';
import { toast } from '@/lib/toast';
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel, FieldSet } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { api, ApiError } from './api';

/** Registers an endpoint; the secret it answers goes to the shown-once dialog. */
export function AddEndpointDialog({ allowHttp, onCancel, onCreated }: { allowHttp: boolean; onCancel: () => void; onCreated: (id: string, secret: string) => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { url: String(form.get('url') ?? ''), description: String(form.get('description') ?? ''), event_types: form.getAll('event_types').map(String) };
    startTransition(async () => {
      try {
        const created = await api<{ data: { id: string }; secret: string }>('POST', '', body);
        router.refresh();
        onCreated(created.data.id, created.secret);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        setErrors(error.fields);
        toast.error(error.message);
      }
    });
  };

  return (
    <AlertDialog open onOpenChange={(open) => !open && !pending && onCancel()}>
      <AlertDialogContent className="max-h-[90vh] overflow-y-auto">
        <AlertDialogHeader>
          <AlertDialogTitle>Add endpoint</AlertDialogTitle>
          <AlertDialogDescription>Where your events are POSTed, and which ones.</AlertDialogDescription>
        </AlertDialogHeader>
        <form id="add-endpoint" noValidate aria-label="Add webhook endpoint" onSubmit={submit} className="grid gap-5">
          <Field data-invalid={!!errors.url}>
            <FieldLabel htmlFor="webhook-url">URL</FieldLabel>
            <Input id="webhook-url" name="url" type="url" inputMode="url" placeholder="https://example.com/webhooks/switchboard" aria-invalid={!!errors.url} aria-describedby="webhook-url-hint" />
            <FieldDescription id="webhook-url-hint">{allowHttp ? 'https:// (http:// is allowed on this development server).' : 'https:// only, on a public address.'}</FieldDescription>
            <FieldError>{errors.url?.[0]}</FieldError>
          </Field>
          <Field data-invalid={!!errors.description}>
            <FieldLabel htmlFor="webhook-description">Description (optional)</FieldLabel>
            <Input id="webhook-description" name="description" maxLength={200} aria-invalid={!!errors.description} />
            <FieldError>{errors.description?.[0]}</FieldError>
          </Field>
          <FieldSet>
            <legend className="text-sm font-medium">Events</legend>
            <FieldGroup data-slot="checkbox-group" className="gap-2">
              {subscribableEvents.map((e) => (
                <Field key={e.id} orientation="horizontal" className="items-start">
                  <Checkbox id={`event-${e.id}`} name="event_types" value={e.id} aria-invalid={!!errors.event_types} />
                  <FieldLabel htmlFor={`event-${e.id}`} className="grid gap-0.5 font-normal">
                    <code className="font-mono text-xs">{e.id}</code>
                    <span className="text-muted-foreground text-xs">{e.label}</span>
                  </FieldLabel>
                </Field>
              ))}
            </FieldGroup>
            <FieldError>{errors.event_types?.[0]}</FieldError>
          </FieldSet>
        </form>
        <AlertDialogFooter>
          <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="add-endpoint" disabled={pending}>
            {pending ? 'Adding…' : 'Add endpoint'}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
