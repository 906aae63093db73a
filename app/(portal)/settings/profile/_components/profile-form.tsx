'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useHydrated } from '@/lib/use-hydrated';
import { toast } from '@/lib/toast';
import { applyFieldErrors, lazyZodResolver } from '@/lib/forms';
import type { ProfileInput } from '@/lib/validations/profile';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { updateProfileAction } from '../actions';

// zod, the schema and libphonenumber's metadata arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/profile').then((m) => m.profileSchema));

export function ProfileForm({ countries, defaults }: { countries: { code: string; label: string }[]; defaults: ProfileInput }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [stale, setStale] = useState<string | null>(null);
  // The fields carry their saved values in the server's markup (defaultValue) and the form reads them
  // from there when it comes alive, so anything typed or chosen before then is kept. Handing the form
  // the values instead would make it write them back over the fields, and disabling the fields until
  // then restyled every control and the ~250 countries at once, a long pause at the first paint.
  const form = useForm<ProfileInput>({ resolver, defaultValues: { expected_version: defaults.expected_version } });
  // A submit before the page is live would be the browser's own, with the number in the address.
  const hydrated = useHydrated();
  const { errors } = form.formState;

  const submit = (values: ProfileInput) =>
    startTransition(async () => {
      setStale(null);
      const result = await updateProfileAction(values);
      if (!result.ok) {
        if (result.error.code === 'conflict') setStale(result.error.message);
        else if (result.fieldErrors) applyFieldErrors(form.setError, result.fieldErrors);
        else toast.error(result.error.message);
        return;
      }
      form.reset(result.data.values);
      const { changed } = result.data;
      toast.success(changed.length === 0 ? 'Nothing to change' : changed.includes('phone') && !result.data.values.phone ? 'Phone number removed' : 'Profile saved');
      router.refresh();
    });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Your details</CardTitle>
        <CardDescription>How colleagues see you, and the phone the portal rings for your calls.</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate aria-label="Your profile" onSubmit={form.handleSubmit(submit)} className="grid gap-6">
          <Field data-invalid={!!errors.name}>
            <FieldLabel htmlFor="profile-name">Display name</FieldLabel>
            <Input id="profile-name" autoComplete="name" defaultValue={defaults.name} aria-invalid={!!errors.name} aria-describedby={errors.name ? 'profile-name-error' : undefined} {...form.register('name')} />
            <FieldError id="profile-name-error">{errors.name?.message}</FieldError>
          </Field>

          <fieldset className="grid min-w-0 gap-3">
            <legend className="mb-3 text-sm leading-snug font-medium">Your phone number</legend>
            <p id="profile-phone-help" className="text-muted-foreground -mt-1 text-sm">
              We ring this phone first when you place a call from the portal, then connect the customer.
            </p>
            <div className="grid min-w-0 gap-4 sm:grid-cols-[minmax(0,15rem)_minmax(0,1fr)]">
              <Field data-invalid={!!errors.country} className="min-w-0">
                <FieldLabel htmlFor="profile-country">Country</FieldLabel>
                {/* The wrapper is as wide as its longest option by default: keep it within a phone's width. */}
                <div className="min-w-0 [&>[data-slot=native-select-wrapper]]:w-full">
                  <NativeSelect id="profile-country" autoComplete="country" defaultValue={defaults.country} aria-invalid={!!errors.country} {...form.register('country')}>
                    <NativeSelectOption value="">Number includes its country code</NativeSelectOption>
                    {countries.map((c) => (
                      <NativeSelectOption key={c.code} value={c.code}>
                        {c.label}
                      </NativeSelectOption>
                    ))}
                  </NativeSelect>
                </div>
                <FieldError>{errors.country?.message}</FieldError>
              </Field>
              <Field data-invalid={!!errors.phone} className="min-w-0">
                <FieldLabel htmlFor="profile-phone">Phone number</FieldLabel>
                <Input
                  id="profile-phone"
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  placeholder="+60 12-345 6789"
                  defaultValue={defaults.phone}
                  aria-invalid={!!errors.phone}
                  aria-describedby="profile-phone-help profile-phone-hint profile-phone-error"
                  {...form.register('phone')}
                />
                <FieldDescription id="profile-phone-hint">With + and the country code, or as you dial it at home with the country chosen. Leave it empty to remove your number.</FieldDescription>
                <FieldError id="profile-phone-error">{errors.phone?.message}</FieldError>
              </Field>
            </div>
          </fieldset>

          {stale && (
            <Alert variant="destructive">
              <AlertDescription>
                <p>{stale}</p>
                <Button type="button" variant="outline" size="sm" className="mt-2" onClick={() => window.location.reload()}>
                  Reload
                </Button>
              </AlertDescription>
            </Alert>
          )}

          <div>
            <Button type="submit" disabled={pending || !hydrated}>
              {pending ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
