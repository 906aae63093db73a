'use client';

import { useState, useTransition } from 'react';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { toast } from '@/lib/toast';
import type { Invitation } from '@/lib/team/invitations';
import type { CreateInvitationInput } from '@/lib/validations/membership';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, FieldError, FieldLabel } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect, NativeSelectOption } from '@/components/ui/native-select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TimeAgo } from '@/components/shell/when';
import { roleLabel } from '@/lib/roles';
import { ShowOnceDialog } from '@/components/shell/show-once-dialog';
import { applyFieldErrors, lazyZodResolver } from '@/lib/forms';
import { createInvitationAction, revokeInvitationAction } from '../actions';

// The confirmation's dialog code arrives when someone first asks to withdraw a link, not with the page.
const ConfirmDialog = dynamic(() => import('@/components/shell/confirm-dialog').then((m) => m.ConfirmDialog), { ssr: false });

// zod and the schema arrive when the form is first checked, not with the page.
const resolver = lazyZodResolver(() => import('@/lib/validations/membership').then((m) => m.createInvitationSchema));

/** Invitation links for people who are not members yet: created here, shown once, withdrawn after a confirmation. */
export function Invitations({ invitations }: { invitations: Invitation[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [link, setLink] = useState<string | null>(null);
  const form = useForm<CreateInvitationInput>({ resolver: resolver, defaultValues: { role: 'agent', email: '', expires_in_days: 7 } });
  const { errors } = form.formState;

  const create = (values: CreateInvitationInput) =>
    startTransition(async () => {
      const result = await createInvitationAction(values);
      if (!result.ok) {
        applyFieldErrors(form.setError, result.fieldErrors);
        toast.error(result.error.message);
        return;
      }
      form.reset();
      setLink(`${window.location.origin}${result.data.path}`);
      router.refresh();
    });

  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const withdraw = async () => {
    if (!withdrawing) return;
    const result = await revokeInvitationAction({ id: withdrawing.id });
    if (!result.ok) return result.error.message;
    setWithdrawing(null);
    toast.success('Invitation withdrawn');
    router.refresh();
  };

  return (
    <section aria-labelledby="invitations" className="mt-10 grid gap-4">
      <h2 id="invitations" className="text-base font-semibold">
        Invitation links
      </h2>
      <form noValidate aria-label="Create an invitation link" onSubmit={form.handleSubmit(create)} className="flex flex-wrap items-start gap-3">
        <Field className="w-40">
          <FieldLabel htmlFor="invite-role">Role</FieldLabel>
          <NativeSelect id="invite-role" {...form.register('role')}>
            <NativeSelectOption value="agent">Agent</NativeSelectOption>
            <NativeSelectOption value="manager">Manager</NativeSelectOption>
            <NativeSelectOption value="admin">Admin</NativeSelectOption>
          </NativeSelect>
        </Field>
        <Field data-invalid={!!errors.email} className="w-64">
          <FieldLabel htmlFor="invite-email">Only for (optional)</FieldLabel>
          <Input id="invite-email" type="email" placeholder="name@example.com" aria-invalid={!!errors.email} {...form.register('email')} />
          <FieldError>{errors.email?.message}</FieldError>
        </Field>
        <Field className="w-36">
          <FieldLabel htmlFor="invite-expiry">Expires after</FieldLabel>
          <NativeSelect id="invite-expiry" {...form.register('expires_in_days')}>
            <NativeSelectOption value="1">1 day</NativeSelectOption>
            <NativeSelectOption value="7">7 days</NativeSelectOption>
            <NativeSelectOption value="14">14 days</NativeSelectOption>
          </NativeSelect>
        </Field>
        <Button type="submit" className="mt-6" disabled={pending}>
          Create link
        </Button>
      </form>
      {invitations.length > 0 && (
        <Table aria-label="Invitations" layout="cards">
          <TableHeader>
            <TableRow>
              <TableHead>Role</TableHead>
              <TableHead>For</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="sr-only">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {invitations.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{roleLabel(i.role)}</TableCell>
                <TableCell data-label="For">{i.email ?? 'Anyone with the link'}</TableCell>
                <TableCell data-label="Created">
                  <TimeAgo iso={i.createdAt} />
                </TableCell>
                <TableCell data-label="Expires">
                  <TimeAgo iso={i.expiresAt} />
                </TableCell>
                <TableCell data-label="Status">
                  <Badge variant={i.status === 'open' ? 'secondary' : 'outline'}>{i.status === 'open' ? 'Open' : i.status[0]!.toUpperCase() + i.status.slice(1)}</Badge>
                </TableCell>
                <TableCell data-actions className="text-right">
                  {i.status === 'open' && (
                    <Button size="sm" variant="ghost" className="text-destructive" onClick={() => setWithdrawing(i)}>
                      Withdraw
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {withdrawing && (
        <ConfirmDialog
          title={withdrawing.email ? `Withdraw the invitation for ${withdrawing.email}?` : 'Withdraw this invitation link?'}
          description="The link stops working at once: whoever opens it is told it is no longer valid. To invite them again, create a new link."
          confirm="Withdraw invitation"
          pendingLabel="Withdrawing…"
          destructive
          onCancel={() => setWithdrawing(null)}
          onConfirm={withdraw}
        />
      )}
      <ShowOnceDialog
        value={link}
        onClose={() => setLink(null)}
        title="Copy the invitation link now"
        description="It is shown only once. Whoever opens it signs in with their account to join; someone without an account needs a link made out to their email address. It works until it is used, expires or is withdrawn."
        label="Invitation link"
        done="Done"
      />
    </section>
  );
}
