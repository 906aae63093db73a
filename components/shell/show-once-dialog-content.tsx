'use client';

import { icon } from '@/components/icon';
import { toast } from '@/lib/toast';
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
import { Input } from '@/components/ui/input';

const Copy = icon('Copy', 'Copy');

/** The dialog itself, loaded the first time there is a value to show. It closes only through its button. */
export function ShowOnceDialogContent({
  value,
  onClose,
  title,
  description,
  label,
  done,
}: {
  value: string | null;
  onClose: () => void;
  title: string;
  description: string;
  label: string;
  done: string;
}) {
  const copy = () => {
    if (!value) return;
    navigator.clipboard.writeText(value).then(
      () => toast.success('Copied'),
      () => toast.error('Copying was not allowed; select the text and copy it instead.'),
    );
  };
  // Escape and clicks outside do nothing: only the button closes it, so a stray key never loses the value.
  return (
    <AlertDialog open={value !== null}>
      <AlertDialogContent onEscapeKeyDown={(e) => e.preventDefault()}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <div className="flex items-center gap-2">
          <Input readOnly value={value ?? ''} aria-label={label} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <Button type="button" variant="outline" size="icon" onClick={copy} aria-label="Copy to clipboard">
            <Copy aria-hidden />
          </Button>
        </div>
        <AlertDialogFooter>
          <AlertDialogAction onClick={onClose}>{done}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
