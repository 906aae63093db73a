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
        'peer data-[state=checked]:bg-primary data-[state=unchecked]:bg-input focus-visible:border-ring focus-visible:ring-ring/50 dark:data-[state=unchecked]:bg-input/80 inline-flex h-[1.15rem] w-8 shrink-0 items-center rounded-full border border-transparent shadow-xs transition-all outline-none focus-visible:ring-[3px] disabled:cursor-not-allowed disabled:opacity-50',
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
          'bg-background dark:data-[state=unchecked]:bg-foreground dark:data-[state=checked]:bg-primary-foreground pointer-events-none block size-4 rounded-full ring-0 transition-transform data-[state=checked]:translate-x-[calc(100%-2px)] data-[state=unchecked]:translate-x-0',
        )}
      />
    </button>
  );
}

export { Switch };
