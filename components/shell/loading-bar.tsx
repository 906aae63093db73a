/**
 * The thin bar across the top while a page's skeleton stands in for it (every route's loading.tsx).
 * The navigation bar (components/shell/providers.tsx) runs from a click until the address changes,
 * which with a prefetched skeleton is at once; this one runs on until the page itself replaces the
 * skeleton. Pure CSS (.ui-loading-bar in app/globals.css): it shows after 120 ms, so a page that
 * answers at once never flashes it, and it runs on a first load before any script has arrived too.
 */
export function LoadingBar() {
  return (
    <div className="ui-loading-bar" aria-hidden="true" data-testid="loading-bar">
      <div />
    </div>
  );
}
