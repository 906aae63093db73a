import * as React from 'react';
import { icon } from '@/components/icon';

import { cn } from '@/lib/utils';

const CheckIcon = icon('Check', 'Check');

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
          'peer ui-checkbox',
          'ui-checkbox-checked',
          'ui-checkbox-focus',
          'ui-checkbox-invalid',
          'ui-checkbox-disabled',
          className,
        )}
        {...props}
      />
      <CheckIcon
        className="ui-checkbox-indicator"
        aria-hidden="true"
        data-slot="checkbox-indicator"
      />
    </span>
  );
}

export { Checkbox };
