'use client';

import { useState, useTransition } from 'react';
import { useHydrated } from '@/lib/use-hydrated';
import Link from 'next/link';
import { useForm, useWatch } from 'react-hook-form';
import { toast } from '@/lib/toast';
import { applyFieldErrors, useFieldsFromPage } from '@/lib/forms';
import type { ChannelRouting } from '@/lib/gateway/routing-view';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { setRouteAction } from '../actions';

const channels = {
  whatsapp: { title: 'WhatsApp', what: 'WhatsApp messages', tab: 'whatsapp' },
  sms: { title: 'SMS', what: 'text messages', tab: 'phone' },
  email: { title: 'Email', what: 'emails', tab: 'email' },
  call: { title: 'Calls', what: 'calls', tab: 'phone' },
} as const;

type Values = { primary: string; fallback: string };
const valuesOf = (r: ChannelRouting): Values => ({ primary: r.chosen?.primary ?? '', fallback: r.chosen?.fallback ?? '' });

/** One channel's choice: automatic or an integration, and an optional fallback. */
export function RouteForm({ initial }: { initial: ChannelRouting }) {
  const [routing, setRouting] = useState(initial);
  const [pending, startTransition] = useTransition();
  // The selects hold the saved choice in the page's markup, read by the form when it comes alive (see useFieldsFromPage).
  const form = useForm<Values>();
  useFieldsFromPage(form);
  const { channel, senders, stale } = routing;
  const info = channels[channel];
  const nameOf = (id: string) => senders.find((s) => s.id === id)?.name ?? id;
  // A choice that can no longer send stays listed (marked) until the admin replaces it.
  const options = [...senders.map((s) => ({ ...s, label: s.name })), ...stale.map((s) => ({ ...s, label: `${s.name} (cannot send these any more)` }))];
  // Until the page is live a click would submit the form natively.
  const hydrated = useHydrated();
  const editable = options.length > 0;
  const primary = useWatch({ control: form.control, name: 'primary', defaultValue: valuesOf(initial).primary });
  const id = (name: string) => `${channel}-${name}`;
  const { errors } = form.formState;

  const save = (values: Values) =>
    startTransition(async () => {
      const response = await setRouteAction({
        channel,
        primary: values.primary || null,
        fallback: values.primary ? values.fallback || null : null,
        expected_version: routing.version,
      });
      if (!response.ok) {
        applyFieldErrors(form.setError, response.fieldErrors);
        toast.error(response.error.message);
        return;
      }
      setRouting(response.data.routing);
      form.reset(valuesOf(response.data.routing));
      toast.success(response.data.changed ? `${info.title} routing saved` : 'Nothing to change');
    });

  const automatic = routing.chosen
    ? 'Automatic uses the only connected integration that can send these (the first, when there are several).'
    : routing.automatic
      ? `Automatic sends through ${nameOf(routing.automatic)} now.`
      : `Automatic has nothing to send through yet: connect an integration under Integrations.`;

  return (
    <Card aria-labelledby={id('title')}>
      <CardHeader>
        <CardTitle id={id('title')}>{info.title}</CardTitle>
        <CardDescription>
          {senders.length === 0 ? (
            <>No integration can send {info.what} yet.</>
          ) : (
            <>
              Can send {info.what}: {senders.map((s) => s.name).join(', ')}.{' '}
              <Link href={`/settings/integrations?tab=${info.tab}`} className="underline underline-offset-4">
                Connect one
              </Link>
            </>
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate autoComplete="off" aria-label={`${info.title} routing`} onSubmit={form.handleSubmit(save)} className="grid gap-4">
          <Field data-invalid={!!errors.primary}>
            <FieldLabel htmlFor={id('primary')}>Send {info.what} through</FieldLabel>
            <NativeSelect id={id('primary')} className="w-full" aria-invalid={!!errors.primary} disabled={!editable} defaultValue={valuesOf(initial).primary} {...form.register('primary')}>
              <NativeSelectOption value="">Automatic (the only connected one)</NativeSelectOption>
              {options.map((s) => (
                <NativeSelectOption key={s.id} value={s.id}>
                  {s.label}
                </NativeSelectOption>
              ))}
            </NativeSelect>
            <FieldDescription>{automatic}</FieldDescription>
            <FieldError>{errors.primary?.message}</FieldError>
          </Field>
          <Field data-invalid={!!errors.fallback}>
            <FieldLabel htmlFor={id('fallback')}>Fallback (optional)</FieldLabel>
            <NativeSelect
              id={id('fallback')}
              className="w-full"
              aria-invalid={!!errors.fallback}
              disabled={!primary}
              defaultValue={valuesOf(initial).fallback}
              {...form.register('fallback', { validate: (value, all) => !value || value !== all.primary || 'The fallback must be another integration than the first.' })}
            >
              <NativeSelectOption value="">No fallback</NativeSelectOption>
              {options.map((s) => (
                <NativeSelectOption key={s.id} value={s.id}>
                  {s.label}
                </NativeSelectOption>
              ))}
            </NativeSelect>
            <FieldDescription>Used when the first refuses a message for good. {primary ? '' : 'Choose the first integration before a fallback.'}</FieldDescription>
            <FieldError>{errors.fallback?.message}</FieldError>
          </Field>
          <div>
            <Button type="submit" disabled={pending || !editable || !hydrated}>
              {pending ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
