'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { toast } from '@/lib/toast';
import type { CreateApiTokenInput } from '@/lib/validations/api-tokens';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { ShowOnceDialog } from '@/components/shell/show-once-dialog';
import { applyFieldErrors, lazyZodResolver } from '@/lib/forms';
import { createApiTokenAction } from '../actions';

// zod and the schema arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/api-tokens').then((m) => m.createApiTokenSchema));

export function CreateTokenForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<CreateApiTokenInput>({ resolver: resolver, defaultValues: { name: '', role: 'manager' } });
  const { errors } = form.formState;

  const submit = (values: CreateApiTokenInput) =>
    startTransition(async () => {
      const result = await createApiTokenAction(values);
      if (!result.ok) {
        applyFieldErrors(form.setError, result.fieldErrors);
        toast.error(result.error.message);
        return;
      }
      form.reset();
      setCreated(result.data.token);
      router.refresh();
    });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Create a token</CardTitle>
        <CardDescription>Name it after what will use it, so you know what breaks if you revoke it.</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate aria-label="Create API token" onSubmit={form.handleSubmit(submit)} className="flex flex-wrap items-start gap-4">
          <Field data-invalid={!!errors.name} className="w-64">
            <FieldLabel htmlFor="token-name">Name</FieldLabel>
            <Input id="token-name" aria-invalid={!!errors.name} {...form.register('name')} />
            <FieldError>{errors.name?.message}</FieldError>
          </Field>
          <Field data-invalid={!!errors.role} className="w-64">
            <FieldLabel htmlFor="token-role">Access</FieldLabel>
            <NativeSelect id="token-role" {...form.register('role')}>
              <NativeSelectOption value="manager">Read status only</NativeSelectOption>
              <NativeSelectOption value="admin">Read and configure</NativeSelectOption>
            </NativeSelect>
            <FieldDescription>Never more than your own role allows.</FieldDescription>
            <FieldError>{errors.role?.message}</FieldError>
          </Field>
          <Button type="submit" className="mt-6" disabled={pending}>
            {pending ? 'Creating…' : 'Create token'}
          </Button>
        </form>
      </CardContent>
      <ShowOnceDialog
        value={created}
        onClose={() => setCreated(null)}
        title="Copy your new token now"
        description="This is the only time it is shown. Only a hash of it is stored."
        label="New API token"
        done="I have copied it"
      />
    </Card>
  );
}
