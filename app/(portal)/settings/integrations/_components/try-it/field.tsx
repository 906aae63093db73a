'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

/** One labelled input of a Try it form, its help below and its error (the browser's check or the provider's) beside it. */
export function TryField({
  id,
  label,
  error,
  help,
  register,
  ...input
}: Omit<React.ComponentProps<typeof Input>, 'id'> & { id: string; label: string; error?: string; help?: string; register: UseFormRegisterReturn }) {
  return (
    <Field data-invalid={!!error}>
      <FieldLabel htmlFor={id}>{label}</FieldLabel>
      <Input id={id} aria-invalid={!!error} spellCheck={false} autoComplete="off" {...input} {...register} />
      {help && <FieldDescription>{help}</FieldDescription>}
      <FieldError>{error}</FieldError>
    </Field>
  );
}
