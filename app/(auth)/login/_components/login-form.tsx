'use client';

import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { signInWithPassword } from '@/lib/auth/client';
import { SIGN_IN_THROTTLED } from '@/lib/validations/constants';
import type { SignInInput } from '@/lib/validations/auth';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, FieldError, FieldGroup, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

type Errors = Partial<Record<keyof SignInInput, string>>;

/**
 * Checks the fields with the server's own schema, fetched with zod on the first attempt rather than
 * with the page everyone lands on; the first message per field, as a form library would show it.
 */
async function check(values: Record<keyof SignInInput, string>): Promise<{ data: SignInInput } | { errors: Errors }> {
  const { signInSchema } = await import('@/lib/validations/auth');
  const parsed = signInSchema.safeParse(values);
  if (parsed.success) return { data: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
  }
  return { errors };
}

export function LoginForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  // After the first attempt, fields are re-checked as they change.
  const attempted = useRef(false);

  const values = () => {
    const data = new FormData(formRef.current ?? undefined);
    return { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') };
  };

  const recheck = async () => {
    if (!attempted.current) return;
    const result = await check(values());
    setErrors('errors' in result ? result.errors : {});
  };

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    attempted.current = true;
    setSubmitting(true);
    try {
      const result = await check(values());
      if ('errors' in result) {
        setErrors(result.errors);
        const first = result.errors.email ? 'email' : 'password';
        formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
        return;
      }
      setErrors({});
      setFormError(null);
      const signedIn = await signInWithPassword(result.data.email, result.data.password);
      if (signedIn.ok) {
        router.replace(returnTo);
        router.refresh();
        return;
      }
      // One message for every wrong combination: it never says whether the email exists.
      setFormError(
        signedIn.error === SIGN_IN_THROTTLED
          ? 'Too many failed attempts. Wait a few minutes, then try again.'
          : 'That email and password combination is not right.',
      );
      const password = formRef.current?.querySelector<HTMLInputElement>('[name="password"]');
      if (password) password.value = '';
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={(event) => void onSubmit(event)} onChange={() => void recheck()} noValidate>
      <FieldGroup className="gap-5">
        {formError && (
          <Alert variant="destructive">
            <AlertDescription>{formError}</AlertDescription>
          </Alert>
        )}
        <Field data-invalid={!!errors.email}>
          <FieldLabel htmlFor="email">Email</FieldLabel>
          <Input id="email" name="email" type="email" autoComplete="username" aria-invalid={!!errors.email} />
          <FieldError>{errors.email}</FieldError>
        </Field>
        <Field data-invalid={!!errors.password}>
          <FieldLabel htmlFor="password">Password</FieldLabel>
          <Input id="password" name="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} />
          <FieldError>{errors.password}</FieldError>
        </Field>
        <Button type="submit" disabled={submitting} className="w-full">
          {submitting && <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
          Sign in
        </Button>
      </FieldGroup>
    </form>
  );
}
