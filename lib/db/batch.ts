import 'server-only';
import type { Tx } from './rls';

type Db = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * Runs a page's reads in one RLS transaction instead of one each: `fn` gets the same holder (an Actor,
 * an OrgContext…) whose db() runs on the one open transaction, with the same claims, so every service
 * called with it still checks its role and RLS still sees the same person. Each transaction costs a
 * BEGIN with the claims and a COMMIT, a pooled connection and a wait for one: a page that calls eight
 * services saves fourteen round trips. Statements queue one after another on the connection, so the
 * services may run concurrently (Promise.all). For reads: a failure rolls back the whole batch, and a
 * write inside would commit with it. Never call inside it a service that opens a connection of its own
 * (withElevated, as webhookView does, or another holder's db): it would hold one pooled connection
 * while waiting for a second, and a busy pool would wait for good.
 */
export function inOneTransaction<H extends { db: Db }, T>(holder: H, fn: (shared: H) => Promise<T>): Promise<T> {
  return holder.db((tx) => {
    let last: Promise<unknown> = Promise.resolve();
    const serial = <R>(run: () => Promise<R>): Promise<R> => {
      const next = last.then(run);
      last = next.catch(() => undefined);
      return next;
    };
    const shared: Tx = {
      query: (text, values) => serial(() => tx.query(text, values)),
      one: (text, values) => serial(() => tx.one(text, values)),
    };
    const db: Db = (inner) => inner(shared);
    return fn({ ...holder, db });
  });
}
