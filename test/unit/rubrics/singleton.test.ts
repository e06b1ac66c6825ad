import { singletonBound, singletonPanel } from '../../../shared/rubrics/index.ts';
import { runOf } from './helpers.ts';

describe('singletonPanel', () => {
  // frequency:  1   1   1   2   3   5   50  200 NaN 0   2.5 -1
  // outcome:    i   i   c   c   i   a   c   c   i   i   c   c
  const freq = Float64Array.from([1, 1, 1, 2, 3, 5, 50, 200, NaN, 0, 2.5, -1]);
  const run = runOf('s', 'iicciacciicc');
  const panel = singletonPanel(run.columns, freq);

  it('counts singletons, unknown and invalid frequencies', () => {
    expect([panel.n, panel.unknownFrequency, panel.invalidFrequency, panel.singletons]).toEqual([9, 1, 2, 3]);
    // 1+1+1+2+3+5+50+200+0 = 263 training examples
    expect(panel.trainingSize).toBe(263);
    expect(panel.trainingSizeSource).toBe('sum-of-frequencies');
    expect(panel.goodTuringMissingMass).toBeCloseTo(3 / 263, 15);
  });

  // science.md section 4, corrected: sr = N1 / N over training examples, not the share of evaluated items.
  it('puts sr = N1 / N in the bound, N the sum of the frequencies unless given', () => {
    expect(panel.sr).toBeCloseTo(3 / 263, 15);
    expect(panel.bound!.sr).toBe(panel.sr);
    expect(panel.bound!.trainingSize).toBe(263);
    const given = singletonPanel(run.columns, freq, { bound: { trainingSize: 1e6 } });
    expect(given.sr).toBe(3e-6);
    expect([given.trainingSize, given.trainingSizeSource]).toEqual([1e6, 'given']);
    expect(given.bound!.sampleTerm).toBeCloseTo(0.1178933, 6);
  });

  it('sets the bound beside the overall error rate of every graded item', () => {
    // 12 items, all graded; incorrect: i i _ _ i _ _ _ i i _ _ = 5
    expect(panel.graded).toBe(12);
    expect(panel.overallErrorRate).toBeCloseTo(5 / 12, 15);
    const withUnlabeled = singletonPanel(runOf('u', 'iiuc').columns, Float64Array.from([1, 2, 1, 1]));
    expect([withUnlabeled.graded, withUnlabeled.overallErrorRate]).toEqual([3, 2 / 3]);
  });

  it('keeps the share of evaluated items that are singletons and the buckets as a descriptive view', () => {
    expect(panel.singletonShare).toBeCloseTo(3 / 9, 15);
    expect(panel.buckets.map((b) => [b.label, b.items, b.errorRate, b.abstentionRate])).toEqual([
      ['0', 1, 1, 0],
      ['1', 3, 2 / 3, 0],
      ['2-3', 2, 0.5, 0],
      ['4-10', 1, 0, 1],
      ['11-100', 1, 0, 0],
      ['>100', 1, 0, 0],
    ]);
    expect(panel.buckets[3]!.errorRateOnAttempted).toBeNull();
    expect(panel.singletonErrorRate).toBeCloseTo(2 / 3, 15);
  });

  it('has no sr and no bound when every frequency is 0', () => {
    const none = singletonPanel(runOf('z', 'ci').columns, Float64Array.from([0, 0]));
    expect([none.trainingSize, none.sr, none.bound]).toEqual([0, null, null]);
  });

  it('takes the bound terms as inputs', () => {
    const b = singletonPanel(run.columns, freq, { bound: { sr: 0.5, minErrorSetSize: 10, trainingSize: 1e6, delta: 0.01 } }).bound!;
    // (35 + 6 ln 1e6) / 1000 = 0.117893...
    expect(b.sampleTerm).toBeCloseTo(0.1178933, 6);
    expect(b.errorSetTerm).toBe(0.2);
    expect(b.value).toBeCloseTo(0.5 - 0.2 - 0.1178933 - 0.01, 6);
    expect(b.vacuous).toBe(false);
    expect(singletonBound(0.3, { trainingSize: 1e12 }).value).toBeCloseTo(0.3 - (35 + 6 * Math.log(1e12)) / 1e6, 12);
    expect(() => singletonBound(0.3, { trainingSize: 0 })).toThrow(RangeError);
  });

  it('accepts custom buckets', () => {
    const p = singletonPanel(run.columns, freq, { buckets: [{ label: '1', lo: 1, hi: 1 }, { label: '>10', lo: 11, hi: Infinity }] });
    expect(p.buckets.map((b) => [b.label, b.items])).toEqual([['1', 3], ['>10', 2]]);
  });
});
