// The ECE bootstrap split across worker threads. Resample r's draws depend
// only on (seed, r) (shared/metrics/prng.ts), so each thread computes a
// contiguous range of resamples and the values, concatenated in resample
// order, are exactly bootstrapEce's: the interval does not depend on the
// thread count.
import type { BinningOptions } from '../../shared/metrics/binning.ts';
import { percentileInterval, resolveBootstrapOptions, type BootstrapOptions, type BootstrapResult } from '../../shared/metrics/bootstrap.ts';
import type { CalibrationData } from '../../shared/metrics/calibration-data.ts';
import { computeClient, type ComputeClient, type ComputeOptions } from './client.ts';

export interface ParallelBootstrapOptions extends BootstrapOptions, ComputeOptions {
  binning?: BinningOptions;
  /** worker threads, default 2 (this machine class has two cores) */
  threads?: number;
  client?: ComputeClient;
}

/** Resample ranges [from, to) for each thread, in order, as even as integers allow. */
export function splitResamples(resamples: number, threads: number): Array<[number, number]> {
  const parts = Math.max(1, Math.min(threads, resamples));
  const ranges: Array<[number, number]> = [];
  for (let t = 0; t < parts; t++) ranges.push([Math.floor((t * resamples) / parts), Math.floor(((t + 1) * resamples) / parts)]);
  return ranges;
}

export async function bootstrapEceParallel(data: CalibrationData, options: ParallelBootstrapOptions = {}): Promise<BootstrapResult> {
  const { resamples, level, seed } = resolveBootstrapOptions(options);
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const binning = options.binning ?? {};
  const client = options.client ?? computeClient();
  const ranges = splitResamples(resamples, threads);
  const done = new Array<number>(ranges.length).fill(0);
  const parts = await Promise.all(
    ranges.map(([from, to], t) =>
      client.eceResamples(data, binning, seed, from, to, {
        signal: options.signal,
        onProgress: (d) => {
          done[t] = d;
          options.onProgress?.(
            done.reduce((a, b) => a + b, 0),
            resamples,
          );
        },
      }),
    ),
  );
  const values = new Float64Array(data.p.length === 0 ? 0 : resamples);
  let at = 0;
  for (const part of parts) {
    values.set(part.values, at);
    at += part.values.length;
  }
  // Every worker bins the full data first, so the estimate comes with the values, off this thread.
  return { estimate: parts[0]!.estimate, ...percentileInterval(values, level), level, seed, values };
}
