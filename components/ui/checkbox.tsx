import * as React from 'react';
import { CheckIcon } from 'lucide-react';

import { cn } from '@/lib/utils';

/**
 * A checkbox drawn over the native input, so forms register it like any input (a group sharing one
 * name reads as the array of checked values) and no primitive's code ships with the page.
 */
function Checkbox({ className, ...props }: Omit<React.ComponentProps<'input'>, 'type'>) {
  return (
    <span className="relative inline-flex size-4 shrink-0" data-slot="checkbox-wrapper">
      <input
        type="checkbox"
        data-slot="checkbox"
        className={cn(
          'peer border-input dark:bg-input/30 size-4 shrink-0 cursor-pointer appearance-none rounded-[4px] border shadow-xs transition-shadow outline-none',
          'checked:border-primary checked:bg-primary dark:checked:bg-primary',
          'focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px]',
          'aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40 aria-invalid:border-destructive',
          'disabled:cursor-not-allowed disabled:opacity-50',
          className,
        )}
        {...props}
      />
      <CheckIcon
        className="text-primary-foreground pointer-events-none absolute inset-0 m-auto hidden size-3.5 peer-checked:block"
        aria-hidden="true"
        data-slot="checkbox-indicator"
      />
    </span>
  );
}

export { Checkbox };
