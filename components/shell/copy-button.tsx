'use client';

import { useState } from 'react';
import { icon } from '@/components/icon';
import { Button } from '@/components/ui/button';
import { toast } from '@/lib/toast';

const Check = icon('Check', 'Check');
const Copy = icon('Copy', 'Copy');

/** Copies a value shown beside it; says so for two seconds, or asks for a manual copy when the browser refuses. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      },
      () => toast.error('Copying was not allowed; select the text and copy it instead.'),
    );
  return (
    <Button type="button" variant="ghost" size="icon" className="size-7 shrink-0" onClick={() => void copy()} aria-label={copied ? 'Copied' : label}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
    </Button>
  );
}
