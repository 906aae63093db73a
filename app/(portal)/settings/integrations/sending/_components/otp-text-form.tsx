'use client';

import { useState, useTransition } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useHydrated } from '@/lib/use-hydrated';
import { toast } from '@/lib/toast';
import { applyFieldErrors, useFieldsFromPage } from '@/lib/forms';
import type { OtpText } from '@/lib/gateway/otp-text';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { saveOtpTextAction } from '../actions';

type Values = { otp_text: string };
const EXAMPLE_CODE = '482913';

/** What one-time-password and verification-code texts say, with a preview of one as it will be sent. */
export function OtpTextForm({ initial, defaultText }: { initial: OtpText; defaultText: string }) {
  const [otp, setOtp] = useState(initial);
  const [pending, startTransition] = useTransition();
  // The field holds the saved words in the page's markup, read by the form when it comes alive (see useFieldsFromPage).
  const form = useForm<Values>();
  useFieldsFromPage(form);
  // A submit before the page is live would be the browser's own.
  const hydrated = useHydrated();
  const text = useWatch({ control: form.control, name: 'otp_text', defaultValue: initial.text }) ?? '';
  const { errors } = form.formState;

  const save = (values: Values) =>
    startTransition(async () => {
      const response = await saveOtpTextAction({ otp_text: values.otp_text, expected_version: otp.version });
      if (!response.ok) {
        applyFieldErrors(form.setError, response.fieldErrors);
        toast.error(response.error.message);
        return;
      }
      setOtp(response.data.otp);
      form.reset({ otp_text: response.data.otp.text });
      toast.success(response.data.changed ? 'One-time password text saved' : 'Nothing to change');
    });

  return (
    <Card aria-labelledby="otp-title">
      <CardHeader>
        <CardTitle id="otp-title">One-time passwords</CardTitle>
        <CardDescription>
          What the texts sent by <code>/sms/otp</code> and <code>/sms/verification-code</code> say. {otp.custom ? 'Your own words.' : 'The portal’s default words.'}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate autoComplete="off" aria-label="One-time password text" onSubmit={form.handleSubmit(save)} className="grid gap-4">
          <Field data-invalid={!!errors.otp_text}>
            <FieldLabel htmlFor="otp-text">Message</FieldLabel>
            <Input
              id="otp-text"
              aria-invalid={!!errors.otp_text}
              aria-describedby="otp-text-help otp-text-preview"
              defaultValue={initial.text}
              {...form.register('otp_text', { validate: (v) => v.split('{code}').length === 2 || 'Write {code} exactly once, where the code goes.' })}
            />
            <FieldDescription id="otp-text-help">Write {'{code}'} where the code goes. Up to 300 characters; shorter texts cost one SMS.</FieldDescription>
            <FieldError>{errors.otp_text?.message}</FieldError>
          </Field>
          <p id="otp-text-preview" className="rounded-md border px-3 py-2 text-sm">
            <span className="text-muted-foreground">Preview: </span>
            {text.replace('{code}', EXAMPLE_CODE)}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending || !hydrated}>
              {pending ? 'Saving…' : 'Save'}
            </Button>
            {otp.custom && (
              <Button type="button" variant="outline" disabled={pending || !hydrated} onClick={() => form.setValue('otp_text', defaultText, { shouldDirty: true })}>
                Use the default words
              </Button>
            )}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
