import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while the server's markup waits for hydration. A native control changed in that moment would
 * lose the change (no handler yet, and hydration restores the rendered value), so it stays disabled.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
