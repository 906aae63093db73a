'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { toast } from '@/lib/toast';
import { applyFieldErrors, lazyZodResolver } from '@/lib/forms';
import type { InviteByEmailInput } from '@/lib/validations/membership';
import { ShowOnceDialog } from '@/components/shell/show-once-dialog';
import { Button } from '@/components/ui/button';
import { Field, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { inviteByEmailAction, removeMemberAction } from '../actions';

// The confirmation's dialog code arrives when someone first asks to remove a member, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

// zod and the schema arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/membership').then((m) => m.inviteByEmailSchema));

/**
 * Invites someone by email. They join by accepting the link (signing in, or creating their account),
 * so nobody is added without agreeing, and the answer never says whether the address has an account.
 */
export function InviteByEmailForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [link, setLink] = useState<string | null>(null);
  const form = useForm<InviteByEmailInput>({ resolver: resolver, defaultValues: { email: '', role: 'agent' } });
  const { errors } = form.formState;
  const submit = (values: InviteByEmailInput) =>
    startTransition(async () => {
      const result = await inviteByEmailAction(values);
      if (!result.ok) {
        applyFieldErrors(form.setError, result.fieldErrors);
        toast.error(result.error.message);
        return;
      }
      form.reset();
      setLink(`${window.location.origin}${result.data.path}`);
      router.refresh();
    });
  return (
    <>
      <form noValidate aria-label="Invite by email" onSubmit={form.handleSubmit(submit)} className="mb-6 flex flex-wrap items-start gap-3">
        <Field data-invalid={!!errors.email} className="w-72">
          <FieldLabel htmlFor="member-email">Email</FieldLabel>
          <Input id="member-email" type="email" autoComplete="off" aria-invalid={!!errors.email} {...form.register('email')} />
          <FieldError>{errors.email?.message}</FieldError>
        </Field>
        <Field className="w-40">
          <FieldLabel htmlFor="member-role">Role</FieldLabel>
          <NativeSelect id="member-role" {...form.register('role')}>
            <NativeSelectOption value="agent">Agent</NativeSelectOption>
            <NativeSelectOption value="manager">Manager</NativeSelectOption>
            <NativeSelectOption value="admin">Admin</NativeSelectOption>
          </NativeSelect>
        </Field>
        <Button type="submit" className="mt-6" disabled={pending}>
          {pending ? 'Inviting…' : 'Invite'}
        </Button>
      </form>
      <ShowOnceDialog
        value={link}
        onClose={() => setLink(null)}
        title="Copy the invitation link now"
        description="Send it to the person you invited. They open it and choose their name and a password (or sign in, if they already have an account). Only they can use it, within 7 days. It is shown only once."
        label="Invitation link"
        done="Done"
      />
    </>
  );
}

/** Removes a member after confirmation; their phone numbers are unassigned with them. */
export function RemoveMemberButton({ membershipId, name }: { membershipId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = async () => {
    const result = await removeMemberAction({ membershipId });
    if (!result.ok) return result.error.message;
    setOpen(false);
    toast.success(`${name} removed${result.data.unassigned ? `; ${result.data.unassigned} number(s) unassigned` : ''}`);
    router.refresh();
  };
  return (
    <>
      <Button size="sm" variant="ghost" className="text-destructive" onClick={() => setOpen(true)} aria-label={`Remove ${name}`}>
        Remove
      </Button>
      {open && (
        <ConfirmDialog
          title={`Remove ${name} from the organization?`}
          description={`${name} loses access at once: they can no longer sign in to this organization, and any phone numbers assigned to them are unassigned. To bring them back, invite them again.`}
          confirm={`Remove ${name}`}
          pendingLabel="Removing…"
          destructive
          onCancel={() => setOpen(false)}
          onConfirm={remove}
        />
      )}
    </>
  );
}
