// Where a request can still go, for the pages that follow one live (client-safe: no schema library,
// so a page that only polls does not carry one).

/** The request statuses after which nothing more happens to a request. */
export const finalStatuses = ['read', 'completed', 'failed', 'canceled', 'held'] as const;

/** Sent, and waiting for the provider's callbacks to say delivered or read (or failed). */
export const awaitingCallbacks = ['sent', 'delivered'] as const;

/** How long after it was sent a page keeps asking for a request's callbacks. */
export const CALLBACK_WATCH_MS = 10 * 60_000;
