'use client';

import { useState, useTransition } from 'react';
import { hideOnboardingAction } from '@/lib/onboarding-actions';
import { toast } from '@/lib/toast';
import { Button } from '@/components/ui/button';

/** The checklist's card and its Hide button: hidden at once, and shown again if the server refuses. */
export function ChecklistFrame({ title, progress, children }: { title: string; progress: string; children: React.ReactNode }) {
  const [hidden, setHidden] = useState(false);
  const [pending, startTransition] = useTransition();
  if (hidden) return null;
  const hide = () => {
    setHidden(true);
    startTransition(async () => {
      const result = await hideOnboardingAction({});
      if (!result.ok) {
        setHidden(false);
        toast.error(result.error.message);
      }
    });
  };
  return (
    <section aria-labelledby="onboarding-title" className="bg-card text-card-foreground mb-6 rounded-xl border p-4 shadow-xs sm:p-5">
      <div className="mb-3 flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id="onboarding-title" className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-muted-foreground text-sm">{progress}</p>
        </div>
        <Button type="button" variant="ghost" size="sm" onClick={hide} disabled={pending} aria-label="Hide the getting-started checklist">
          Hide
        </Button>
      </div>
      {children}
    </section>
  );
}
