'use client';

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

/**
 * Asks before a change that cannot be taken back (removing a member, revoking a token, deleting
 * credentials, changing an endpoint); stays open until the server answers. Callers load it with
 * next/dynamic when it is first needed, so the dialog code is not part of a page's first load.
 */
export function ConfirmDialog({
  title,
  description,
  confirm,
  destructive,
  pending,
  onCancel,
  onConfirm,
}: {
  title: React.ReactNode;
  description: React.ReactNode;
  confirm: string;
  destructive?: boolean;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open onOpenChange={(open) => !open && onCancel()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={pending}
            className={destructive ? 'bg-destructive hover:bg-destructive/90 text-white' : undefined}
            onClick={(event) => {
              event.preventDefault(); // keep the dialog open until the server answers
              onConfirm();
            }}
          >
            {confirm}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
