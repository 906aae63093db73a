'use client';

import { useSyncExternalStore } from 'react';
import { useTheme } from 'next-themes';
import { menuItemClass } from './popover-menu';

const subscribeNever = () => () => undefined;

/** The theme menu's radio items; their icons are drawn on the server and passed in. */
export function ThemeChoices({ choices, check }: { choices: { value: string; label: string; icon: React.ReactNode }[]; check: React.ReactNode }) {
  const { theme, setTheme } = useTheme();
  // The stored choice exists only in the browser: the server renders no item as checked.
  const hydrated = useSyncExternalStore(subscribeNever, () => true, () => false);
  const current = hydrated ? (theme ?? 'system') : null;
  return (
    <div role="group">
      {choices.map(({ value, label, icon }) => (
        <button
          key={value}
          type="button"
          role="menuitemradio"
          aria-checked={current === value}
          tabIndex={-1}
          onClick={() => setTheme(value)}
          className={`${menuItemClass} pl-8`}
        >
          <span className="absolute left-2 flex size-3.5 items-center justify-center">{current === value && check}</span>
          {icon} {label}
        </button>
      ))}
    </div>
  );
}
