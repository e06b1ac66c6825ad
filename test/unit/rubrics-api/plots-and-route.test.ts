// The sweep and panel figures as data, and the selection of several runs in the hash.
import { describe, expect, it } from 'vitest';
import { COMPARE_TAB, formatHash, parseHash, selectedRunIds, selectRuns, toggleRun, type Route } from '../../../renderer/src/lib/route.ts';
import { auditFigure, rocFigure } from '../../../shared/plots/rubric-panels.ts';
import { describeCrossover, escapeHover, sweepFigure } from '../../../shared/plots/sweep.ts';
import { behavioralAudit, iivAnalysis, thresholdSweep, type RunInput } from '../../../shared/rubrics/index.ts';

function run(runId: number, name: string, outcomes: number[], confidence?: number[]): RunInput {
  return {
    runId,
    name,
    keys: outcomes.map((_, i) => `k${i}`),
    columns: { outcome: Uint8Array.from(outcomes), confidence: Float64Array.from(confidence ?? outcomes.map(() => Number.NaN)) },
  };
}

// A: 3 right 1 wrong; B: 2 right 2 abstained; they cross at t = 1/2.
const A = run(1, 'A <b>', [1, 1, 1, 2], [0.9, 0.8, 0.7, 0.6]);
const B = run(2, 'B', [1, 1, 3, 3]);

describe('sweepFigure', () => {
  const sweep = thresholdSweep([A, B], { resamples: 20, grid: [0, 0.25, 0.5, 0.75, 0.9] });

  it('draws a band and a line per run, a policy curve only where confidences exist, and marks each crossover', () => {
    const fig = sweepFigure(sweep, 'light');
    const names = fig.data.map((trace) => trace.name ?? null);
    expect(names).toEqual([null, null, 'A &#60;b&#62;', 'A &#60;b&#62;: answer iff confidence > t', null, null, 'B']);
    expect(fig.data[1]!.fill).toBe('tonexty');
    expect(fig.data[2]!.y).toEqual(sweep.runs[0]!.score);
    expect(fig.data[3]!.y).toEqual(sweep.runs[0]!.policy.score);
    const layout = fig.layout as { shapes: Array<{ x0: number }>; annotations: Array<{ text: string; x: number }>; yaxis: { range: [number, number] } };
    expect(layout.annotations).toHaveLength(1);
    expect(layout.annotations[0]!.x).toBe(0.5);
    expect(layout.annotations[0]!.text).toBe('× t = 0.500');
    expect(layout.shapes[0]!.x0).toBe(0.5);
    // The y range covers every curve up to t = 0.8 and zero.
    expect(layout.yaxis.range[0]).toBeLessThan(Math.min(...(sweep.runs[0]!.lo.slice(0, 4) as number[])));
    expect(layout.yaxis.range[1]).toBeGreaterThan(0.5);
    expect(sweepFigure(sweep, 'dark', { showPolicy: false }).data).toHaveLength(6);
  });

  it('says who leads on each side of a crossover', () => {
    expect(describeCrossover(sweep, sweep.crossovers[0]!)).toBe('A <b> and B cross at t = 0.500: A <b> leads below, B above');
    expect(escapeHover('<i>&"')).toBe('&#60;i&#62;&#38;&#34;');
  });
});

describe('audit and ROC figures', () => {
  it('plots each rate against the stated target with the accuracy interval as whiskers', () => {
    const [audit] = behavioralAudit([
      { ...A, model: 'm', target: 0 },
      { ...B, model: 'm', target: 0.75 },
    ]);
    const fig = auditFigure(audit!, 'light');
    expect(fig.data.map((t) => t.name)).toEqual(['accuracy = t', 'accuracy on attempted', 'error rate', 'abstention rate']);
    expect(fig.data[1]!.x).toEqual([0, 0.75]);
    expect(fig.data[1]!.y).toEqual([0.75, 1]);
    const whiskers = fig.data[1]!.error_y as { array: number[]; arrayminus: number[] };
    expect(whiskers.array[0]! + 0.75).toBeCloseTo(audit!.rows[0]!.interval!.hi, 12);
    expect(fig.data[2]!.y).toEqual([0.25, 0]);
    expect(fig.data[3]!.y).toEqual([0, 0.5]);
  });

  it('draws the ROC from the wire form and marks the best threshold', () => {
    const iiv = iivAnalysis(A.columns);
    const wire = { ...iiv, roc: iiv.roc.map((p) => ({ ...p, threshold: Number.isFinite(p.threshold) ? p.threshold : null })) };
    const fig = rocFigure(wire, 'dark');
    expect(fig.data[1]!.x).toEqual(iiv.roc.map((p) => p.fpr));
    expect(fig.data[2]!.x).toEqual([0]);
    expect(fig.data[2]!.y).toEqual([1]);
  });
});

describe('several runs in the hash', () => {
  const base: Route = { runId: 3, tab: 'overview', itemId: null };

  it('round-trips ?with= and keeps the single-run hashes as they were', () => {
    const route = parseHash('#/run/3/rubrics?with=5,7', ['rubrics']);
    expect(route).toEqual({ runId: 3, tab: 'rubrics', itemId: null, compare: [5, 7] });
    expect(formatHash(route)).toBe('#/run/3/rubrics?with=5,7');
    expect(parseHash('#/run/3/overview')).toEqual(base);
    expect(formatHash(base)).toBe('#/run/3/overview');
    expect(parseHash('#/run/3/rubrics?with=3,x,5,5', ['rubrics']).compare).toEqual([5]);
    expect(parseHash('#/run/3/item/9?with=4')).toEqual({ runId: 3, tab: 'item', itemId: 9, compare: [4] });
  });

  it('toggles runs in and out, switching a single-run tab to the comparison', () => {
    const two = toggleRun(base, 5);
    expect(two).toEqual({ runId: 3, tab: COMPARE_TAB, itemId: null, compare: [5] });
    expect(selectedRunIds(toggleRun(two, 7))).toEqual([3, 5, 7]);
    // Taking out the current run makes the next one current; the last one stays.
    expect(toggleRun(two, 3)).toEqual({ runId: 5, tab: COMPARE_TAB, itemId: null });
    expect(toggleRun({ runId: 5, tab: 'rubrics', itemId: null }, 5)).toEqual({ runId: 5, tab: 'rubrics', itemId: null });
    // A tab that is not single-run (here 'agreement') is kept.
    expect(toggleRun({ runId: 3, tab: 'agreement', itemId: null }, 4).tab).toBe('agreement');
    expect(selectRuns(base, [])).toEqual({ runId: null, tab: 'overview', itemId: null });
  });
});
