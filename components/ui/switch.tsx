'use client';

import * as React from 'react';

import { cn } from '@/lib/utils';

type SwitchProps = Omit<React.ComponentProps<'button'>, 'value' | 'onChange'> & {
  checked?: boolean;
  defaultChecked?: boolean;
  onCheckedChange?: (checked: boolean) => void;
};

/**
 * An on/off control: a button with the switch role and `aria-checked`, with the same markup, data
 * attributes and keyboard behaviour (Space and Enter toggle) as the Radix primitive, whose code the
 * pages using it no longer carry. Controlled through `checked`, or starting from `defaultChecked`.
 */
function Switch({ className, checked: controlled, defaultChecked = false, onCheckedChange, onClick, disabled, ...props }: SwitchProps) {
  const [own, setOwn] = React.useState(defaultChecked);
  const checked = controlled ?? own;
  const state = checked ? 'checked' : 'unchecked';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      data-state={state}
      data-disabled={disabled ? '' : undefined}
      disabled={disabled}
      data-slot="switch"
      className={cn(
        'peer ui-switch',
        className,
      )}
      {...props}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        if (controlled === undefined) setOwn(!checked);
        onCheckedChange?.(!checked);
      }}
    >
      <span
        data-slot="switch-thumb"
        data-state={state}
        data-disabled={disabled ? '' : undefined}
        className={cn(
          'ui-switch-thumb',
        )}
      />
    </button>
  );
}

export { Switch };
