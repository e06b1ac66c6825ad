// The ECE bootstrap on worker threads: the same interval, bit for bit, with
// one thread, two, or in-process (docs/metrics.md: the bootstrap stream).
import { afterAll, describe, expect, it } from 'vitest';
import { ComputeCancelled, ComputeClient, ComputeRefused } from '../../../main/compute/client.ts';
import { bootstrapEceParallel, splitResamples } from '../../../main/compute/parallel-bootstrap.ts';
import { bootstrapEce } from '../../../shared/metrics/bootstrap.ts';
import { loadCalibrationData } from '../metrics/reference.ts';

const client = new ComputeClient();
afterAll(() => client.close());

describe('ECE bootstrap on worker threads', () => {
  const data = loadCalibrationData('beta');

  it('1 and 2 threads give bit-identical intervals, equal to the in-process bootstrap', async () => {
    const options = { resamples: 301, seed: 13, binning: { nBins: 15 }, client };
    const one = await bootstrapEceParallel(data, { ...options, threads: 1 });
    const two = await bootstrapEceParallel(data, { ...options, threads: 2 });
    const inProcess = bootstrapEce(data, { resamples: 301, seed: 13, binning: { nBins: 15 } });
    expect(Object.is(one.lo, two.lo) && Object.is(one.hi, two.hi)).toBe(true);
    expect(Array.from(two.values)).toEqual(Array.from(one.values));
    expect([two.estimate, two.lo, two.hi]).toEqual([inProcess.estimate, inProcess.lo, inProcess.hi]);
    expect(Array.from(two.values)).toEqual(Array.from(inProcess.values));
  });

  it('splits resamples into contiguous ranges covering each once', () => {
    expect(splitResamples(1000, 2)).toEqual([
      [0, 500],
      [500, 1000],
    ]);
    expect(splitResamples(5, 3)).toEqual([
      [0, 1],
      [1, 3],
      [3, 5],
    ]);
    expect(splitResamples(1, 4)).toEqual([[0, 1]]);
  });

  it('reports progress, honours cancellation and refuses bad settings', async () => {
    const seen: number[] = [];
    await bootstrapEceParallel(data, { resamples: 60, client, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(60);
    const controller = new AbortController();
    controller.abort();
    await expect(bootstrapEceParallel(data, { resamples: 60, client, signal: controller.signal })).rejects.toBeInstanceOf(ComputeCancelled);
    await expect(bootstrapEceParallel(data, { client, binning: { convention: 'relplot', strategy: 'equal-mass' } })).rejects.toBeInstanceOf(ComputeRefused);
    await expect(bootstrapEceParallel(data, { client, threads: 0 })).rejects.toThrow(RangeError);
  });
});
