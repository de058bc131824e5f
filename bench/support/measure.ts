import { performance } from 'node:perf_hooks';

export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

/** Runs `fn` after a warm-up and returns the median and 95th percentile; machines are noisy, so quote medians. */
export async function measure(fn: () => Promise<unknown> | unknown, runs = 100, warmup = 10): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { medianMs: round(samples[Math.floor(runs / 2)]), p95Ms: round(samples[Math.floor(runs * 0.95)]), runs };
}

/** Every benchmark ends with exactly one line of JSON holding its figures. */
export function report(name: string, figures: Record<string, unknown>) {
  console.log(JSON.stringify({ benchmark: name, ...figures }));
}
