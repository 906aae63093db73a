'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { Loader2 } from 'lucide-react';
import { signInWithPassword } from '@/lib/auth/client';
import { lazyZodResolver } from '@/lib/forms';
import { SIGN_IN_THROTTLED } from '@/lib/validations/constants';
import type { SignInInput } from '@/lib/validations/auth';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, FieldError, FieldGroup, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

// zod and the schema arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/auth').then((m) => m.signInSchema));

export function LoginForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInInput>({
    resolver: resolver,
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await signInWithPassword(values.email, values.password);
    if (result.ok) {
      router.replace(returnTo);
      router.refresh();
      return;
    }
    // One message for every wrong combination: it never says whether the email exists.
    setFormError(
      result.error === SIGN_IN_THROTTLED
        ? 'Too many failed attempts. Wait a few minutes, then try again.'
        : 'That email and password combination is not right.',
    );
    form.resetField('password');
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FieldGroup className="gap-5">
        {formError && (
          <Alert variant="destructive">
            <AlertDescription>{formError}</AlertDescription>
          </Alert>
        )}
        <Field data-invalid={!!errors.email}>
          <FieldLabel htmlFor="email">Email</FieldLabel>
          <Input id="email" type="email" autoComplete="username" aria-invalid={!!errors.email} {...form.register('email')} />
          <FieldError errors={[errors.email]} />
        </Field>
        <Field data-invalid={!!errors.password}>
          <FieldLabel htmlFor="password">Password</FieldLabel>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            aria-invalid={!!errors.password}
            {...form.register('password')}
          />
          <FieldError errors={[errors.password]} />
        </Field>
        <Button type="submit" disabled={isSubmitting} className="w-full">
          {isSubmitting && <Loader2 className="animate-spin" aria-hidden />}
          Sign in
        </Button>
      </FieldGroup>
    </form>
  );
}
