'use client';

import { useState, useTransition } from 'react';
import Link from 'next/link';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { toast } from '@/lib/toast';
import { applyFieldErrors, lazyZodResolver } from '@/lib/forms';
import { TEST_SUBJECT, TEST_TEXT, type ChannelName, type TestKind, type TestSendInput } from '@/lib/validations/gateway-routing';
import { Button } from '@/components/ui/button';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { sendTestAction } from '../actions';
import { RequestStatus } from './request-status';

export interface SendTestPanelProps {
  type: string;
  providerName: string;
  channels: ChannelName[];
  /** For providers that place calls: whether the admin has a phone to ring and a caller ID from this provider. */
  call: { hasPhone: boolean; callerId: string | null } | null;
}

const kindsOf: Record<ChannelName, { kind: TestKind; label: string }[]> = {
  email: [{ kind: 'email', label: 'An email' }],
  sms: [{ kind: 'sms', label: 'A text message (SMS)' }],
  whatsapp: [
    { kind: 'whatsapp_text', label: 'A WhatsApp message' },
    { kind: 'whatsapp_template', label: 'A WhatsApp template' },
  ],
  call: [{ kind: 'call', label: 'A call' }],
};

type Values = { type: string; kind: TestKind; to: string; subject: string; text: string; template: string; language: string; variables: string };

const resolver = lazyZodResolver(() => import('@/lib/validations/gateway-routing').then((m) => m.testSendSchema)) as unknown as Resolver<Values>;

/** Sends one real message (or call) through this integration and follows it until it is sent or fails. */
export function SendTestPanel({ type, providerName, channels, call }: SendTestPanelProps) {
  const kinds = channels.flatMap((c) => kindsOf[c]);
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<Values>({
    resolver,
    defaultValues: { type, kind: kinds[0]?.kind ?? 'email', to: '', subject: TEST_SUBJECT, text: TEST_TEXT, template: '', language: 'en', variables: '' },
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const { errors } = form.formState;
  const id = (name: string) => `${type}-test-${name}`;
  const callBlocked = kind === 'call' && (!call?.hasPhone || !call.callerId);

  const send = (values: Values) =>
    startTransition(async () => {
      setSent(null);
      const response = await sendTestAction(values as unknown as TestSendInput);
      if (!response.ok) {
        applyFieldErrors(form.setError, response.fieldErrors);
        toast.error(response.error.message);
        return;
      }
      setSent(response.data.id);
      toast.success(`Test queued through ${providerName}`);
    });

  const text = (name: 'to' | 'subject' | 'text' | 'template' | 'language' | 'variables', label: string, props: React.ComponentProps<typeof Input> = {}, help?: string) => (
    <Field data-invalid={!!errors[name]}>
      <FieldLabel htmlFor={id(name)}>{label}</FieldLabel>
      <Input id={id(name)} aria-invalid={!!errors[name]} spellCheck={false} {...props} {...form.register(name)} />
      {help && <FieldDescription>{help}</FieldDescription>}
      <FieldError>{errors[name]?.message}</FieldError>
    </Field>
  );

  return (
    <form noValidate aria-label={`Send a test through ${providerName}`} onSubmit={form.handleSubmit(send)} className="grid gap-4">
      {kinds.length > 1 && (
        <Field>
          <FieldLabel htmlFor={id('kind')}>What to send</FieldLabel>
          <NativeSelect id={id('kind')} className="w-full" {...form.register('kind')}>
            {kinds.map((k) => (
              <NativeSelectOption key={k.kind} value={k.kind}>
                {k.label}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </Field>
      )}
      {kind === 'email'
        ? text('to', 'Send to', { type: 'email', autoComplete: 'email', placeholder: 'you@example.com' })
        : text('to', kind === 'call' ? 'Number to call' : 'Send to', { type: 'tel', autoComplete: 'tel', placeholder: '+60 12-345 6789' }, 'With + and the country code.')}
      {kind === 'email' && text('subject', 'Subject')}
      {(kind === 'sms' || kind === 'whatsapp_text') && text('text', 'Message')}
      {kind === 'whatsapp_template' && (
        <>
          {text('template', 'Template name', { placeholder: 'order_update' }, 'As it is named in WhatsApp Manager.')}
          {text('language', 'Language', { placeholder: 'en_US' })}
          {text('variables', 'Variables (optional)', { placeholder: 'Ana, 12345' }, 'In the template’s order ({{1}}, {{2}}…), separated by commas.')}
        </>
      )}
      {kind === 'call' && (
        <p className="text-muted-foreground text-sm">
          {!call?.hasPhone ? (
            <>
              The call rings your own phone first, and your profile has no phone number.{' '}
              <Link href="/settings/profile" className="text-foreground underline underline-offset-4">
                Add it in your profile
              </Link>
              .
            </>
          ) : !call.callerId ? (
            <>The person called sees a number of yours from {providerName}, and none is assigned to you. A manager assigns one under Team → Phone numbers.</>
          ) : (
            <>Your phone rings first; when you answer, the number above is called and sees {call.callerId}.</>
          )}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending || callBlocked}>
          {pending ? 'Sending…' : kind === 'call' ? 'Place a test call' : 'Send a test'}
        </Button>
      </div>
      {sent && <RequestStatus key={sent} id={sent} />}
    </form>
  );
}
