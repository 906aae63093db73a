'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Copy } from 'lucide-react';
import { toast } from 'sonner';
import { createApiTokenSchema, type CreateApiTokenInput } from '@/lib/validations/api-tokens';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, FieldDescription, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { createApiTokenAction } from '../actions';

export function CreateTokenForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<CreateApiTokenInput>({ resolver: zodResolver(createApiTokenSchema), defaultValues: { name: '', role: 'manager' } });
  const { errors } = form.formState;

  const submit = (values: CreateApiTokenInput) =>
    startTransition(async () => {
      const result = await createApiTokenAction(values);
      if (!result.ok) {
        for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof CreateApiTokenInput, { message: messages[0] });
        toast.error(result.error.message);
        return;
      }
      form.reset();
      setCreated(result.data.token);
      router.refresh();
    });

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created);
    toast.success('Token copied');
  };

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
      <AlertDialog open={created !== null} onOpenChange={(open) => !open && setCreated(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Copy your new token now</AlertDialogTitle>
            <AlertDialogDescription>This is the only time it is shown. Only a hash of it is stored.</AlertDialogDescription>
          </AlertDialogHeader>
          <div className="flex items-center gap-2">
            <Input readOnly value={created ?? ''} aria-label="New API token" className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="outline" size="icon" onClick={copy} aria-label="Copy token">
              <Copy aria-hidden />
            </Button>
          </div>
          <AlertDialogFooter>
            <AlertDialogAction onClick={() => setCreated(null)}>I have copied it</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </Card>
  );
}
