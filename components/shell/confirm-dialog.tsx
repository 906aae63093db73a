'use client';

import { useState, useTransition } from 'react';
import { icon } from '@/components/icon';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';

const CircleAlert = icon('CircleAlert', 'CircleAlert');

/** What a confirmed action answers: the reason it failed, shown in the dialog, or nothing when it worked. */
export type ConfirmOutcome = string | null | undefined | void;

/**
 * Asks before a change that cannot be taken back (removing a member, revoking a token, deleting
 * credentials, changing an endpoint or a role). Cancel has focus first, so Enter never destroys
 * anything; a destructive action's button is red and names it ("Remove Dana"). The dialog stays open
 * while the action runs, and when it fails the reason appears inside it with nothing changed; the
 * caller closes it when the action succeeds. Callers load it with next/dynamic when it is first
 * needed, so the dialog code is not part of a page's first load.
 */
export function ConfirmDialog({
  title,
  description,
  confirm,
  pendingLabel,
  destructive,
  pending: busy,
  error: givenError,
  onCancel,
  onConfirm,
}: {
  title: React.ReactNode;
  /** The consequence, in plain words. */
  description: React.ReactNode;
  /** The action's own words: "Remove Dana", "Delete Stripe credentials". */
  confirm: string;
  /** Shown on the button while the action runs ("Removing…"). */
  pendingLabel?: string;
  destructive?: boolean;
  /** Set by callers that track the action's progress themselves. */
  pending?: boolean;
  error?: string | null;
  onCancel: () => void;
  onConfirm: () => ConfirmOutcome | Promise<ConfirmOutcome>;
}) {
  const [running, startTransition] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);
  const pending = running || !!busy;
  const error = givenError ?? failure;

  const run = () => {
    setFailure(null);
    startTransition(async () => {
      const outcome = await onConfirm();
      if (typeof outcome === 'string') setFailure(outcome);
    });
  };

  return (
    <AlertDialog open onOpenChange={(open) => !open && !pending && onCancel()}>
      <AlertDialogContent aria-busy={pending || undefined}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {error && (
          <p role="alert" className="text-destructive flex items-start gap-2 text-sm">
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>{error} Nothing was changed.</span>
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            variant={destructive ? 'destructive' : 'default'}
            disabled={pending}
            onClick={(event) => {
              event.preventDefault(); // keep the dialog open until the server answers
              run();
            }}
          >
            {pending && pendingLabel ? pendingLabel : confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
