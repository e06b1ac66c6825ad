import { wilsonInterval } from '../../../shared/metrics/intervals.ts';
import { behavioralAudit, policyGaps, type TargetRun } from '../../../shared/rubrics/index.ts';
import { runOf, runWithCounts } from './helpers.ts';

const at = (model: string, target: number, c: number, i: number, a: number): TargetRun => ({ ...runWithCounts(`${model}@${target}`, c, i, a), model, target });

describe('behavioralAudit', () => {
  const audit = behavioralAudit([at('m', 0.9, 30, 10, 60), at('other', 0, 1, 1, 0), at('m', 0, 60, 40, 0), at('m', 0.5, 50, 20, 30)]);

  it('groups by model and sorts by target', () => {
    expect(audit.map((a) => a.model)).toEqual(['m', 'other']);
    expect(audit[0]!.rows.map((r) => r.target)).toEqual([0, 0.5, 0.9]);
  });

  it('computes abstention, accuracy on attempted and error rates per target', () => {
    const rows = audit[0]!.rows;
    expect(rows.map((r) => r.abstentionRate)).toEqual([0, 0.3, 0.6]);
    expect(rows.map((r) => r.accuracyOnAttempted)).toEqual([0.6, 50 / 70, 0.75]);
    expect(rows.map((r) => r.errorRate)).toEqual([0.4, 0.2, 0.1]);
    expect(rows.map((r) => r.scoreAtTarget)).toEqual([0.6, expect.closeTo(0.3, 15), expect.closeTo(-0.6, 12)]);
  });

  it('checks accuracy on attempted >= t with a Wilson lower bound', () => {
    const row = audit[0]!.rows[1]!;
    expect(row.interval!.lo).toBeCloseTo(0.5995, 3);
    expect(row.interval).toEqual(wilsonInterval(50, 70));
    expect([row.meetsTarget, row.lowerBoundMeetsTarget, row.clearlyBelowTarget]).toEqual([true, true, false]);
    const high = audit[0]!.rows[2]!; // 30/40 = 0.75 at t = 0.9
    expect([high.meetsTarget, high.lowerBoundMeetsTarget, high.clearlyBelowTarget]).toEqual([false, false, true]);
    expect(audit[0]!.errorRateIncreases).toEqual([]);
    expect(audit[0]!.consistent).toBe(false);
  });

  it('flags an error rate that rises with the target', () => {
    const [a] = behavioralAudit([at('x', 0, 90, 10, 0), at('x', 0.5, 80, 15, 5)]);
    expect(a!.errorRateIncreases).toEqual([[0, 1]]);
    expect(a!.abstentionDecreases).toEqual([]);
    expect(a!.consistent).toBe(false);
    const [ok] = behavioralAudit([at('y', 0, 90, 10, 0), at('y', 0.5, 85, 5, 10)]);
    expect(ok!.consistent).toBe(true);
  });
});

describe('policyGaps', () => {
  // 0 c .9, 1 i .4, 2 c .5, 3 a .8, 4 a .2, 5 i NaN, 6 u .1, 7 a .5
  const run = runOf('g', 'cicaaiua', { confidence: [0.9, 0.4, 0.5, 0.8, 0.2, NaN, 0.1, 0.5] });

  it('lists answers at confidence <= t and abstentions at confidence > t', () => {
    const g = policyGaps(run.columns, 0.5);
    expect(g.shouldHaveAbstained).toEqual({ count: 2, indices: [1, 2], wrong: 1, correct: 1 });
    expect(g.needlessAbstentions).toEqual({ count: 1, indices: [3] });
    expect([g.agreedAnswers, g.agreedAbstentions, g.noConfidence]).toEqual([1, 2, 1]);
  });

  it('follows the target', () => {
    const g = policyGaps(run.columns, 0.1);
    expect(g.shouldHaveAbstained.count).toBe(0);
    expect(g.needlessAbstentions.indices).toEqual([3, 4, 7]);
    expect(() => policyGaps(run.columns, 1)).toThrow(RangeError);
  });
});
