import { useRef } from 'react';

type FocusHandler = (event: Event) => void;

/**
 * Radix hands focus back to a dialog's Trigger when it closes. Dialogs opened another way (from a
 * table row, a menu item, or by state after an action) have no Trigger, and focus fell to the page
 * body, so a keyboard user started again from the top. This remembers what had focus as the dialog
 * opened and returns there; an item of a menu that has closed since gives way to the menu's button.
 * When the opener is gone (the row it sat in was removed), Radix's own behaviour stands.
 */
export function useReturnFocus({ onOpenAutoFocus, onCloseAutoFocus }: { onOpenAutoFocus?: FocusHandler; onCloseAutoFocus?: FocusHandler }) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: (event: Event) => {
      // Called before focus moves into the dialog, so the active element is still the opener.
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      onOpenAutoFocus?.(event);
    },
    onCloseAutoFocus: (event: Event) => {
      onCloseAutoFocus?.(event);
      const target = returnTarget(opener.current);
      opener.current = null;
      if (event.defaultPrevented || !target) return;
      event.preventDefault();
      target.focus({ preventScroll: true });
    },
  };
}

function returnTarget(element: HTMLElement | null): HTMLElement | null {
  if (!element?.isConnected) return null;
  const menu = element.closest<HTMLElement>('[role="menu"][id]');
  if (menu && !menu.matches(':popover-open')) {
    const button = document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`);
    if (button) return button;
  }
  return element;
}
