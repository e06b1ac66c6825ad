// Confidence intervals for a bin's accuracy (a binomial proportion).
import type { BinStats } from './binning.ts';
import { inverseIncompleteBeta, normalQuantile } from './special.ts';

export interface Interval {
  lo: number;
  hi: number;
}

export type IntervalMethod = 'wilson' | 'clopper-pearson';

function checkArgs(k: number, n: number, level: number): void {
  if (!(n > 0) || !(k >= 0 && k <= n)) throw new RangeError(`need 0 <= k <= n, n > 0 (k=${k}, n=${n})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

/** Wilson score interval (no continuity correction), as scipy binomtest(...).proportion_ci('wilson'). */
export function wilsonInterval(k: number, n: number, level = 0.95): Interval {
  checkArgs(k, n, level);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/** Exact (Clopper-Pearson) interval from beta quantiles; 0 and 1 at the ends. */
export function clopperPearsonInterval(k: number, n: number, level = 0.95): Interval {
  checkArgs(k, n, level);
  const alpha = 1 - level;
  const lo = k === 0 ? 0 : inverseIncompleteBeta(alpha / 2, k, n - k + 1);
  const hi = k === n ? 1 : inverseIncompleteBeta(1 - alpha / 2, k + 1, n - k);
  return { lo, hi };
}

export function proportionInterval(k: number, n: number, method: IntervalMethod = 'wilson', level = 0.95): Interval {
  return method === 'wilson' ? wilsonInterval(k, n, level) : clopperPearsonInterval(k, n, level);
}

/** Per-bin accuracy intervals; null for empty bins. */
export function binAccuracyIntervals(stats: BinStats, method: IntervalMethod = 'wilson', level = 0.95): (Interval | null)[] {
  const out: (Interval | null)[] = [];
  for (let b = 0; b < stats.count.length; b++) {
    const n = stats.count[b]!;
    out.push(n === 0 ? null : proportionInterval(stats.sumCorrect[b]!, n, method, level));
  }
  return out;
}
