'use client';

import { useCallback, useEffect, useId, useRef, useState } from 'react';

const ITEM = '[role="menuitem"],[role="menuitemradio"],[role="menuitemcheckbox"]';

/**
 * A menu button (the WAI-ARIA menu button pattern) built on the browser's own popover: the top
 * layer, light dismiss, Escape and focus return come from the platform, so the shell that every
 * portal page carries needs no menu library. Items are elements with a menuitem role inside
 * `children`; choosing one closes the menu. Classes are joined by hand: the class-merging helper
 * is a library of its own, too much to carry on every page for two strings. `label` names the menu,
 * and the trigger too unless `triggerNamedByContent`: a trigger showing words (a person's name) is
 * named by them, since a label that left them out would differ from what people see and say.
 */
export function PopoverMenu({
  label,
  trigger,
  triggerClassName,
  triggerNamedByContent = false,
  className,
  children,
}: {
  label: string;
  trigger: React.ReactNode;
  triggerClassName?: string;
  triggerNamedByContent?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // Which item takes focus once the menu is open: the first, or the last after ArrowUp on the trigger.
  const focusOnOpen = useRef<'first' | 'last'>('first');

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>(ITEM) ?? []);

  // Below the trigger, right edges aligned, kept there while the page scrolls or resizes.
  const place = useCallback(() => {
    const button = triggerRef.current;
    const menu = menuRef.current;
    if (!button || !menu) return;
    const rect = button.getBoundingClientRect();
    // The popover's default place is the middle of the viewport (inset 0, margin auto).
    Object.assign(menu.style, {
      top: `${rect.bottom + 4}px`,
      right: `${Math.max(document.documentElement.clientWidth - rect.right, 4)}px`,
      bottom: 'auto',
      left: 'auto',
    });
  }, []);

  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open, place]);

  const onToggle = (event: React.ToggleEvent<HTMLDivElement>) => {
    const isOpen = event.newState === 'open';
    setOpen(isOpen);
    if (!isOpen) return;
    place();
    const list = items();
    (focusOnOpen.current === 'last' ? list.at(-1) : list[0])?.focus();
    focusOnOpen.current = 'first';
  };

  const onTriggerKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    focusOnOpen.current = event.key === 'ArrowUp' ? 'last' : 'first';
    menuRef.current?.showPopover();
  };

  const onMenuKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const current = list.indexOf(document.activeElement as HTMLElement);
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = (current + 1) % list.length;
    else if (event.key === 'ArrowUp') next = (current - 1 + list.length) % list.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = list.length - 1;
    else if (event.key === 'Tab') {
      // Tab leaves the menu; the browser then moves on from the trigger, where focus returns.
      menuRef.current?.hidePopover();
      return;
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      const letter = event.key.toLowerCase();
      const order = [...list.slice(current + 1), ...list.slice(0, current + 1)];
      const match = order.find((item) => item.textContent?.trim().toLowerCase().startsWith(letter));
      if (match) next = list.indexOf(match);
    }
    if (next === null) return;
    event.preventDefault();
    list[next]?.focus();
  };

  const onMenuClick = (event: React.MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest(ITEM)) menuRef.current?.hidePopover();
  };

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        popoverTarget={id}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        aria-label={triggerNamedByContent ? undefined : label}
        onKeyDown={onTriggerKeyDown}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        ref={menuRef}
        id={id}
        popover="auto"
        role="menu"
        aria-label={label}
        onToggle={onToggle}
        onKeyDown={onMenuKeyDown}
        onClick={onMenuClick}
        className={`bg-popover text-popover-foreground m-0 min-w-[8rem] rounded-md border p-1 shadow-md ${className ?? ''}`}
      >
        {children}
      </div>
    </>
  );
}

/** The look of a menu entry (app/globals.css); the role and behaviour come from the element that uses it. */
export const menuItemClass = 'ui-menu-item';
