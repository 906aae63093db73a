// Lighthouse (desktop, performance only) on every main page under `next start`: the admin's pages, the
// superadmin's tenant list and the sign-in page, in one Chromium. The target is a performance score of
// at least 95 and a Cumulative Layout Shift of at most 0.05; a page below it gets the audits that say why.
// Each page is measured BENCH_LIGHTHOUSE_RUNS times (default 3) and the median run by score is shown,
// as Lighthouse advises against single runs. BENCH_LIGHTHOUSE=0 skips it; BENCH_LIGHTHOUSE_PAGES=/a,/b
// measures only those pages; BENCH_LIGHTHOUSE_TRACE=<dir> keeps each run's trace there; CHROME_PATH
// names the browser (Debian's Chromium by default).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lighthouse, { desktopConfig, type Result } from 'lighthouse';
import { launch } from 'chrome-launcher';
import type pg from 'pg';
import { mainPages } from '../../e2e/main-pages';
import { DEMO_PASSWORD } from '../lib/seed';
import { signIn } from './server';

const TARGET_SCORE = 95;
const TARGET_CLS = 0.05;
const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));
const TRACE_DIR = process.env.BENCH_LIGHTHOUSE_TRACE;

interface Row {
  page: string;
  score: number | null;
  /** The lowest and highest score over the runs, to tell a slow page from a noisy machine. */
  spread: string;
  cls: number | null;
  lcp: number | null;
  tbt: number | null;
  verdict: string;
  causes: string[];
}

type Item = Record<string, unknown>;

/** The rows of an audit's table (tables, opportunities and lists of tables alike). */
function itemsOf(details: unknown): Item[] {
  if (!details || typeof details !== 'object') return [];
  const d = details as { type?: string; items?: unknown[] };
  if (d.type === 'list') return (d.items ?? []).flatMap(itemsOf);
  return (d.items ?? []).filter((i): i is Item => !!i && typeof i === 'object');
}

/** An element or URL in an audit row, in words a developer can search the code for. */
function describe(value: unknown): string {
  if (!value || typeof value !== 'object') return String(value ?? '');
  const v = value as { type?: string; selector?: string; nodeLabel?: string; value?: unknown };
  if (v.type === 'node') return `${v.selector ?? ''}${v.nodeLabel ? ` “${v.nodeLabel.slice(0, 60)}”` : ''}`;
  if (v.type === 'url') return String(v.value);
  return JSON.stringify(value).slice(0, 80);
}

const shortUrl = (url: unknown) => String(url).replace(/^https?:\/\/[^/]+/, '');

/** What Lighthouse blames for a low score or a layout shift, one line per cause. */
function causesOf(lhr: Result): string[] {
  const audits = lhr.audits;
  const causes: string[] = [];
  for (const audit of Object.values(audits)) {
    const details = audit.details as { type?: string; overallSavingsMs?: number } | undefined;
    if (details?.type !== 'opportunity' || (details.overallSavingsMs ?? 0) < 50 || (audit.score ?? 1) >= 0.9) continue;
    const urls = itemsOf(details)
      .slice(0, 3)
      .map((i) => `${shortUrl(i.url)}${typeof i.wastedMs === 'number' ? ` ${Math.round(i.wastedMs)} ms` : ''}`);
    causes.push(`${audit.title}: ~${Math.round(details.overallSavingsMs ?? 0)} ms (${urls.join(', ')})`);
  }
  for (const shift of itemsOf(audits['layout-shifts']?.details).slice(0, 3)) {
    const why = itemsOf(shift.subItems).map((s) => `${String(s.cause)} ${describe(s.extra)}`);
    causes.push(`Layout shift ${Number(shift.score).toFixed(3)}: ${describe(shift.node)}${why.length ? ` (${why.join('; ')})` : ''}`);
  }
  const lcp = itemsOf(audits['largest-contentful-paint-element']?.details);
  const element = lcp.find((i) => i.node);
  const phases = lcp.filter((i) => typeof i.timing === 'number').map((i) => `${String(i.phase)} ${Math.round(i.timing as number)} ms`);
  if (element) causes.push(`LCP element: ${describe(element.node)}${phases.length ? ` (${phases.join(', ')})` : ''}`);
  const longTasks = itemsOf(audits['long-tasks']?.details)
    .slice(0, 3)
    .map((i) => `${shortUrl(i.url)} ${Math.round(Number(i.duration))} ms`);
  if (longTasks.length) causes.push(`Long main-thread tasks: ${longTasks.join(', ')}`);
  // Where the main thread's time went: script evaluation (hydration) or style, layout and paint.
  const work = itemsOf(audits['mainthread-work-breakdown']?.details)
    .slice(0, 4)
    .map((i) => `${String(i.groupLabel)} ${Math.round(Number(i.duration))} ms`);
  if (work.length) causes.push(`Main thread: ${work.join(', ')}`);
  const scripts = itemsOf(audits['bootup-time']?.details)
    .slice(0, 3)
    .map((i) => `${shortUrl(i.url)} ${Math.round(Number(i.scripting))} ms running, ${Math.round(Number(i.scriptParseCompile))} ms compiling`);
  if (scripts.length) causes.push(`Scripts: ${scripts.join('; ')}`);
  return causes;
}

function verdict(score: number | null, cls: number | null): string {
  if (score === null || cls === null) return 'no result';
  const misses = [score < TARGET_SCORE ? `score < ${TARGET_SCORE}` : null, cls > TARGET_CLS ? `CLS > ${TARGET_CLS}` : null].filter(Boolean);
  return misses.length ? `below target (${misses.join(', ')})` : 'ok';
}

export async function benchLighthouse(base: string, owner: pg.Client): Promise<void> {
  const acme = (await owner.query<{ id: string }>(`select id from organizations where slug = 'acme'`)).rows[0]?.id ?? '';
  const admin = await signIn(base, 'admin@acme.example', DEMO_PASSWORD);
  const superadmin = await signIn(base, 'superadmin@switchboard.example', DEMO_PASSWORD);
  const only = process.env.BENCH_LIGHTHOUSE_PAGES?.split(',');
  const visits = [
    ...mainPages('admin', { acme }).map((p) => ({ path: p.path, cookie: admin })),
    { path: '/admin/tenants', cookie: superadmin },
    { path: '/login', cookie: '' },
  ].filter((v) => !only || only.includes(v.path));

  const chrome = await launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
    logLevel: 'silent',
  });
  const rows: Row[] = [];
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  try {
    // A server just started renders its first requests slowly (JIT, modules loading) and a browser just
    // launched starts slowly too: without a warm-up the first page measured paid for both (93 first, 99 later).
    for (const visit of visits) {
      for (let i = 0; i < 5; i++) await (await fetch(`${base}${visit.path}`, { headers: visit.cookie ? { cookie: visit.cookie } : {} })).arrayBuffer();
    }
    await lighthouse(`${base}/login`, { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'] }, desktopConfig).catch(() => undefined);
    for (const visit of visits) {
      const runs: Result[] = [];
      let failure: string | null = null;
      for (let i = 0; i < RUNS && !failure; i++) {
        try {
          const result = await lighthouse(
            `${base}${visit.path}`,
            { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'], extraHeaders: visit.cookie ? { Cookie: visit.cookie } : null },
            desktopConfig,
          );
          if (result) runs.push(result.lhr);
          // The run's trace, to open in Chrome's DevTools (Performance) and see what a long task did.
          if (result && TRACE_DIR) writeFileSync(path.join(TRACE_DIR, `${visit.path.replace(/\W+/g, '_')}-${i}.json`), JSON.stringify(result.artifacts.Trace));
          failure = result?.lhr.runtimeError?.message ?? null;
        } catch (error) {
          // One page that cannot be measured leaves the others' numbers standing.
          failure = error instanceof Error ? error.message : String(error);
        }
      }
      runs.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
      const lhr = runs[Math.floor(runs.length / 2)];
      const metric = (id: string) => lhr?.audits[id]?.numericValue ?? null;
      const score = lhr?.categories.performance?.score ?? null;
      const row: Row = {
        page: visit.path,
        score: score === null ? null : Math.round(score * 100),
        spread: runs.length > 1 ? `${Math.round((runs[0]?.categories.performance?.score ?? 0) * 100)}–${Math.round((runs.at(-1)?.categories.performance?.score ?? 0) * 100)}` : '',
        cls: metric('cumulative-layout-shift'),
        lcp: metric('largest-contentful-paint'),
        tbt: metric('total-blocking-time'),
        verdict: '',
        causes: [],
      };
      row.verdict = failure ? `error: ${failure}` : verdict(row.score, row.cls);
      if (lhr && !failure && row.verdict !== 'ok') row.causes = causesOf(lhr);
      rows.push(row);
    }
  } finally {
    chrome.kill();
  }

  const width = Math.max(...rows.map((r) => r.page.length), 4);
  const num = (n: number | null, digits = 0, unit = '') => (n === null ? '–' : `${n.toFixed(digits)}${unit}`);
  console.log(`Median of ${RUNS} run${RUNS === 1 ? '' : 's'} per page.`);
  console.log(`${'page'.padEnd(width)}  score  (runs)     CLS      LCP      TBT  target (score ≥ ${TARGET_SCORE}, CLS ≤ ${TARGET_CLS})`);
  for (const r of rows) {
    console.log(
      `${r.page.padEnd(width)}  ${num(r.score).padStart(5)}  ${r.spread.padStart(7)}  ${num(r.cls, 3).padStart(5)}  ${num(r.lcp, 0, ' ms').padStart(7)}  ${num(r.tbt, 0, ' ms').padStart(7)}  ${r.verdict}`,
    );
  }
  for (const r of rows.filter((row) => row.causes.length)) {
    console.log(`\n${r.page}:`);
    for (const cause of r.causes) console.log(`  - ${cause}`);
  }
}
