import { QueryClient } from '@tanstack/react-query';

// One cache per browser tab, shared by every page's live data and the shell's alert banner, so a
// health check run on one page refreshes the banner too. On the server each render gets its own,
// so nothing cached for one person can reach another.
let browserClient: QueryClient | undefined;

const makeClient = () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } });

export function getQueryClient(): QueryClient {
  if (typeof window === 'undefined') return makeClient();
  if (!browserClient) {
    browserClient = makeClient();
    // Refetch on focus and reconnect for as long as the tab lives (a provider would do this on mount).
    browserClient.mount();
  }
  return browserClient;
}
