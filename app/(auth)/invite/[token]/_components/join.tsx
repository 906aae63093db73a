'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { toast } from '@/lib/toast';
import { signInWithPassword } from '@/lib/auth/client';
import { applyFieldErrors, lazyZodResolver } from '@/lib/forms';
import type { JoinWithAccountInput } from '@/lib/validations/membership';
import { Button } from '@/components/ui/button';
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { acceptInvitationAction, joinWithAccountAction } from '../actions';

// zod and the schema arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/membership').then((m) => m.joinWithAccountSchema));

export function AcceptInvitation({ token, orgName, email }: { token: string; orgName: string; email: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div className="grid gap-3">
      <p className="text-sm">Signed in as {email}.</p>
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await acceptInvitationAction({ token });
            if (!result.ok) {
              toast.error(result.error.message);
              return;
            }
            toast.success(`Welcome to ${orgName}`);
            router.push('/');
            router.refresh();
          })
        }
      >
        {pending ? 'Joining…' : `Join ${orgName}`}
      </Button>
    </div>
  );
}

export function JoinWithAccountForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const form = useForm<JoinWithAccountInput>({ resolver: resolver, defaultValues: { token, name: '', email, password: '' } });
  const { errors } = form.formState;
  const submit = (values: JoinWithAccountInput) =>
    startTransition(async () => {
      const result = await joinWithAccountAction(values);
      if (!result.ok) {
        applyFieldErrors(form.setError, result.fieldErrors);
        toast.error(result.error.message);
        return;
      }
      const signedIn = await signInWithPassword(values.email, values.password);
      if (!signedIn.ok) {
        toast.error('Your account was created, but signing in failed. Sign in with your new password.');
        router.push('/login');
        return;
      }
      router.push('/');
      router.refresh();
    });
  return (
    <form noValidate aria-label="Create your account" onSubmit={form.handleSubmit(submit)}>
      <FieldGroup className="gap-4">
        <Field data-invalid={!!errors.name}>
          <FieldLabel htmlFor="join-name">Your name</FieldLabel>
          <Input id="join-name" autoComplete="name" aria-invalid={!!errors.name} {...form.register('name')} />
          <FieldError>{errors.name?.message}</FieldError>
        </Field>
        <Field data-invalid={!!errors.email}>
          <FieldLabel htmlFor="join-email">Email</FieldLabel>
          <Input id="join-email" type="email" autoComplete="email" readOnly aria-invalid={!!errors.email} {...form.register('email')} />
          <FieldError>{errors.email?.message}</FieldError>
        </Field>
        <Field data-invalid={!!errors.password}>
          <FieldLabel htmlFor="join-password">Password</FieldLabel>
          <Input id="join-password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} {...form.register('password')} />
          <FieldDescription>At least 12 characters.</FieldDescription>
          <FieldError>{errors.password?.message}</FieldError>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating your account…' : 'Create account and join'}
        </Button>
      </FieldGroup>
    </form>
  );
}
