import { QueryObserver, type QueryKey, type QueryObserverOptions } from '@tanstack/react-query';
import { getQueryClient } from './client';

export type ObservedQuery<T> = QueryObserverOptions<T, Error, T, T, QueryKey> & { initialData: T };

/**
 * Follows one query through the tab's shared cache outside React, for panels that show server-rendered
 * data at once and fetch the query library only after the page is interactive (as the alert banner
 * does). Hands each new result to `onData`; returns the observer (to refetch) and a stop function.
 */
export function observeQuery<T>(options: ObservedQuery<T>, onData: (data: T) => void): { observer: QueryObserver<T, Error, T, T, QueryKey>; stop: () => void } {
  const observer = new QueryObserver<T, Error, T, T, QueryKey>(getQueryClient(), options);
  const publish = (data: T | undefined) => {
    if (data !== undefined) onData(data);
  };
  publish(observer.getCurrentResult().data);
  const stop = observer.subscribe((result) => publish(result.data));
  return { observer, stop };
}

/** Marks every query under `queryKey` stale and refetches the ones on screen (a health check, a save). */
export async function invalidate(queryKey: QueryKey): Promise<void> {
  await getQueryClient().invalidateQueries({ queryKey });
}
