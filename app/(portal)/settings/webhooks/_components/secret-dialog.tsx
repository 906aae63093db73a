'use client';

import { Copy } from 'lucide-react';
import { toast } from '@/lib/toast';
import { AlertDialog, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/**
 * The signing secret, shown this once. Escape and clicks outside do nothing: only "I have copied it"
 * closes it, so the secret is never lost by a stray key.
 */
export function SecretDialog({ secret, onDone }: { secret: string | null; onDone: () => void }) {
  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard.writeText(secret);
    toast.success('Copied');
  };
  return (
    <AlertDialog open={secret !== null}>
      <AlertDialogContent onEscapeKeyDown={(e) => e.preventDefault()}>
        <AlertDialogHeader>
          <AlertDialogTitle>Copy the signing secret now</AlertDialogTitle>
          <AlertDialogDescription>
            This is the only time it is shown. Your receiver verifies each delivery’s webhook-signature header with it.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <div className="flex items-center gap-2">
          <Input readOnly value={secret ?? ''} aria-label="Signing secret" className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
          <Button type="button" variant="outline" size="icon" onClick={copy} aria-label="Copy to clipboard">
            <Copy aria-hidden />
          </Button>
        </div>
        <AlertDialogFooter>
          <Button type="button" onClick={onDone}>
            I have copied it
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
