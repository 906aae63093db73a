import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while the server's markup waits for hydration. A controlled control changed in that moment
 * would lose the change (hydration restores the rendered value), and a form submitted then would be
 * the browser's own submit: those stay disabled until then. A field whose saved value is its
 * `defaultValue` keeps what was typed and need not wait (see useFieldsFromPage in lib/forms.ts).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
