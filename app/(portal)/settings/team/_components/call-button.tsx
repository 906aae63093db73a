'use client';

import { useState } from 'react';
import dynamic from 'next/dynamic';
import { icon } from '@/components/icon';
import { Button } from '@/components/ui/button';

const Phone = icon('Phone', 'Phone');

// The form and its status polling arrive when someone first opens it, not with the page.
const CallSheet = dynamic(() => import('./call-sheet').then((m) => m.CallSheet), { ssr: false });

/** "Call a number" on a number assigned to the viewer. */
export function CallButton({ id, phone }: { id: string; phone: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="outline" onClick={() => setOpen(true)} aria-label={`Call a number from ${phone}`}>
        <Phone aria-hidden /> Call a number
      </Button>
      {open && <CallSheet numberId={id} phone={phone} onClose={() => setOpen(false)} />}
    </>
  );
}
