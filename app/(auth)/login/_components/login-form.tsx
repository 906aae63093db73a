'use client';

import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { signInWithPassword } from '@/lib/auth/client';
import { SIGN_IN_THROTTLED } from '@/lib/validations/constants';
import type { SignInInput } from '@/lib/validations/auth';

// The page everyone lands on draws its fields with the design system's resolved classes instead of
// its components, which would bring their class-merging code and label primitive along.
const fieldClass = 'group/field flex w-full flex-col gap-3 data-[invalid=true]:text-destructive [&>*]:w-full';
const labelClass = 'flex w-fit items-center gap-2 text-sm leading-snug font-medium select-none';
const inputClass =
  'file:text-foreground placeholder:text-muted-foreground selection:bg-primary selection:text-primary-foreground dark:bg-input/30 border-input flex h-9 w-full min-w-0 rounded-md border bg-transparent px-3 py-1 text-base shadow-xs transition-[color,box-shadow] outline-none disabled:pointer-events-none disabled:cursor-not-allowed disabled:opacity-50 md:text-sm focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40 aria-invalid:border-destructive';
const errorClass = 'text-destructive text-sm font-normal';
const buttonClass =
  'inline-flex w-full items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-all disabled:pointer-events-none disabled:opacity-50 shrink-0 outline-none focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] bg-primary text-primary-foreground shadow-xs hover:bg-primary/90 h-9 px-4 py-2';
const alertClass =
  'relative grid w-full grid-cols-[0_1fr] items-start gap-y-0.5 rounded-lg border bg-card px-4 py-3 text-sm text-destructive *:data-[slot=alert-description]:text-destructive/90';

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
      <div data-slot="field-group" className="flex w-full flex-col gap-5">
        {formError && (
          <div data-slot="alert" role="alert" className={alertClass}>
            <div data-slot="alert-description" className="text-muted-foreground col-start-2 grid justify-items-start gap-1 text-sm">
              {formError}
            </div>
          </div>
        )}
        <LoginField name="email" label="Email" type="email" autoComplete="username" error={errors.email} />
        <LoginField name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
        <button type="submit" data-slot="button" disabled={submitting} className={buttonClass}>
          {submitting && <span className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
          Sign in
        </button>
      </div>
    </form>
  );
}

/** One field of the sign-in form, in the field components' markup (drawn here so the page ships no form library). */
function LoginField({ name, label, type, autoComplete, error }: { name: string; label: string; type: string; autoComplete: string; error?: string }) {
  return (
    <div role="group" data-slot="field" data-invalid={!!error} className={fieldClass}>
      <label data-slot="field-label" htmlFor={name} className={labelClass}>
        {label}
      </label>
      <input data-slot="input" className={inputClass} id={name} name={name} type={type} autoComplete={autoComplete} aria-invalid={!!error} />
      {error && (
        <div role="alert" data-slot="field-error" className={errorClass}>
          {error}
        </div>
      )}
    </div>
  );
}
