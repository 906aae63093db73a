'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { toast } from '@/lib/toast';
import type { CreateApiTokenInput } from '@/lib/validations/api-tokens';
import { apiTokenScopeIds, apiTokenScopes, defaultApiTokenScopes } from '@/lib/validations/api-token-scopes';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel, FieldSet } from '@/components/ui/field';
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
  const form = useForm<CreateApiTokenInput>({ resolver: resolver, defaultValues: { name: '', role: 'manager', scopes: defaultApiTokenScopes } });
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
        <form noValidate aria-label="Create API token" onSubmit={form.handleSubmit(submit)} className="grid gap-6">
          <div className="flex flex-wrap items-start gap-4">
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
          </div>
          <FieldSet aria-describedby="token-scopes-hint">
            <legend className="text-sm font-medium">Can be used to</legend>
            <FieldDescription id="token-scopes-hint">
              Choose only what the system using it needs. Sending messages and placing calls act on your organization’s behalf.
            </FieldDescription>
            <FieldGroup data-slot="checkbox-group">
              {apiTokenScopeIds.map((scope) => (
                <Field key={scope} orientation="horizontal" className="items-start [&>[data-slot=checkbox-wrapper]]:mt-0.5">
                  <Checkbox id={`token-scope-${scope}`} value={scope} aria-describedby={`token-scope-${scope}-hint`} aria-invalid={!!errors.scopes} {...form.register('scopes')} />
                  <div className="grid gap-1" data-slot="field-content">
                    <FieldLabel htmlFor={`token-scope-${scope}`} className="font-normal">
                      {apiTokenScopes[scope].label}
                      <code aria-hidden="true" className="text-muted-foreground font-mono text-xs">
                        {scope}
                      </code>
                    </FieldLabel>
                    <FieldDescription id={`token-scope-${scope}-hint`}>{apiTokenScopes[scope].description}</FieldDescription>
                  </div>
                </Field>
              ))}
            </FieldGroup>
            <FieldError>{errors.scopes?.message}</FieldError>
          </FieldSet>
          <Button type="submit" className="w-fit" disabled={pending}>
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
