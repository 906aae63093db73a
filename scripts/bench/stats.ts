import { performance } from 'node:perf_hooks';

export const ms = (n: number) => `${n.toFixed(2)} ms`;

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/** One line: the subject's p50/p95, the baseline's, and their ratio. */
export function report(label: string, subject: number[], baseline: number[], baselineLabel: string) {
  const s = percentiles(subject);
  const b = percentiles(baseline);
  console.log(
    `${label.padEnd(48)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}  | ${baselineLabel} p50 ${ms(b.p50)} p95 ${ms(b.p95)}  | ratio p50 ${(s.p50 / b.p50).toFixed(2)}x p95 ${(s.p95 / b.p95).toFixed(2)}x`,
  );
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
