// A drawn curve needs no more points than the eye can tell apart: an ROC over
// a million items has one point per distinct confidence (ten thousand at four
// decimals), which costs a megabyte on the wire and a slow first draw for a
// line that is the same to the pixel with a few hundred.

/**
 * Indices of the points of the polyline (x[i], y[i]) to keep so that every
 * dropped point lies within `tolerance` of the kept line (Ramer-Douglas-
 * Peucker, in the units of x and y), ascending; the first, the last and every
 * index in `keep` are always kept.
 */
export function thinnedIndices(x: ArrayLike<number>, y: ArrayLike<number>, tolerance: number, keep: Iterable<number> = []): number[] {
  const n = x.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const kept = new Uint8Array(n);
  kept[0] = 1;
  kept[n - 1] = 1;
  for (const i of keep) if (i >= 0 && i < n) kept[i] = 1;
  // Segments between points already kept, split at their farthest point while it lies beyond the tolerance.
  const stack: Array<[number, number]> = [];
  let from = 0;
  for (let i = 1; i < n; i++) {
    if (kept[i]) {
      stack.push([from, i]);
      from = i;
    }
  }
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (b - a < 2) continue;
    const dx = x[b]! - x[a]!;
    const dy = y[b]! - y[a]!;
    const length = Math.hypot(dx, dy);
    let farthest = -1;
    let distance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = length === 0 ? Math.hypot(x[i]! - x[a]!, y[i]! - y[a]!) : Math.abs(dy * (x[i]! - x[a]!) - dx * (y[i]! - y[a]!)) / length;
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest < 0) continue;
    kept[farthest] = 1;
    stack.push([a, farthest], [farthest, b]);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (kept[i]) out.push(i);
  return out;
}
