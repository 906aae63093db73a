// The main pages' section of `npm run bench` on its own, for working on page speed without the other
// sections' minutes: the same data (scaled by the same BENCH_* variables), the same production server.
// Run: `npx tsx --conditions=react-server scripts/bench/pages-main.ts` (BENCH_PAGES=/settings/audit,/admin/audit
// limits the pages; BENCH_PAGE_SECONDS the time per page).
import { benchPages, MAIN_PAGES } from './pages';
import { runMainPagesSection } from './main-pages-data';

await runMainPagesSection(3200, async (base, _owner, server) => {
  const only = process.env.BENCH_PAGES?.split(',');
  console.log('\n== Main pages: throughput at 10 connections against /api/health ==');
  await benchPages(base, only ? MAIN_PAGES.filter((p) => only.includes(p.path)) : MAIN_PAGES, undefined, server.process.pid);
});
