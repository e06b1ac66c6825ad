// A worker thread that only draws bootstrap resamples and counts them per
// item (shared/metrics' ResampleCounter): the floor under any exact
// per-item-draw bootstrap of n items with the engine's stream.
import { parentPort, workerData } from 'node:worker_threads';
import { ResampleCounter } from '../../shared/metrics/prng.ts';

const { n, seed, from, to } = workerData as { n: number; seed: number; from: number; to: number };
const counter = new ResampleCounter(n, seed);
let checksum = 0;
for (let r = from; r < to; r++) {
  counter.count(r);
  checksum += counter.times[r % n]!;
}
parentPort!.postMessage(checksum);
