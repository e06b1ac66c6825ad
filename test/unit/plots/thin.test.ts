// A drawn curve thinned to the points its line needs (shared/plots/thin.ts):
// every dropped point within the tolerance of the line kept, the ends and
// the points asked for always kept, a straight run reduced to its ends.
import { describe, expect, it } from 'vitest';
import { thinnedIndices } from '../../../shared/plots/thin.ts';
import { OUTCOME_CODE } from '../../../shared/metrics/types.ts';
import { iivAnalysis } from '../../../shared/rubrics/iiv.ts';

/** Distance of (px, py) from the polyline through the kept points. */
function distanceToLine(x: number[], y: number[], kept: number[], px: number, py: number): number {
  let best = Infinity;
  for (let k = 1; k < kept.length; k++) {
    const [ax, ay, bx, by] = [x[kept[k - 1]!]!, y[kept[k - 1]!]!, x[kept[k]!]!, y[kept[k]!]!];
    const dx = bx - ax;
    const dy = by - ay;
    const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
  }
  return best;
}

describe('thinnedIndices', () => {
  it('keeps the ends of a straight line only, and short lines whole', () => {
    const x = Array.from({ length: 50 }, (_, i) => i / 49);
    expect(thinnedIndices(x, x, 1e-9)).toEqual([0, 49]);
    expect(thinnedIndices([0, 1], [0, 1], 0.1)).toEqual([0, 1]);
    expect(thinnedIndices([], [], 0.1)).toEqual([]);
    expect(thinnedIndices(x, x, 1e-9, [7, 30])).toEqual([0, 7, 30, 49]);
  });

  it('leaves every dropped point of a real ROC within the tolerance, with far fewer points', () => {
    // A run of 200,000 items, confidences to 4 decimals: an ROC point per distinct confidence.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 200_000;
    const outcome = new Uint8Array(n);
    const confidence = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      confidence[i] = Math.round(random() * 10_000) / 10_000;
      outcome[i] = random() < confidence[i]! ? OUTCOME_CODE.correct : OUTCOME_CODE.incorrect;
    }
    const { roc } = iivAnalysis({ outcome, confidence });
    const x = roc.map((p) => p.fpr);
    const y = roc.map((p) => p.tpr);
    expect(roc.length).toBeGreaterThan(5000);
    const kept = thinnedIndices(x, y, 2e-4, [4321]);
    expect(kept.length).toBeLessThan(roc.length / 3);
    expect(kept).toContain(4321);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(roc.length - 1);
    let worst = 0;
    for (let i = 0; i < roc.length; i++) worst = Math.max(worst, distanceToLine(x, y, kept, x[i]!, y[i]!));
    expect(worst).toBeLessThanOrEqual(2e-4);
    expect(worst).toBeGreaterThan(0);
  });
});
