// The Lighthouse section of `npm run bench` on its own, on the main pages' data (as pages-main.ts) and a
// production server: `npx tsx --conditions=react-server scripts/bench/lighthouse-main.ts`
// (BENCH_LIGHTHOUSE_PAGES=/a,/b limits the pages, BENCH_LIGHTHOUSE_RUNS the runs per page,
// BENCH_LIGHTHOUSE_TRACE=<dir> keeps each run's trace).
import { benchLighthouse } from './lighthouse';
import { runMainPagesSection } from './main-pages-data';

await runMainPagesSection(3201, (base, owner) => benchLighthouse(base, owner));
