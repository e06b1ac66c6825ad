// Small cases worked out by hand (arithmetic in the comments), including the
// edges where the statistics are undefined.
import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  cohenKappaFromConfusion,
  confusionMatrix,
  createLabelMatrix,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  specificAgreement,
  specificAgreementFromConfusion,
  type LabelMatrix,
} from '../../../shared/agreement/index.ts';
import { OUTCOMES, type Outcome } from '../../../shared/domain.ts';

const TOL = 1e-12;
const C = 'correct';
const I = 'incorrect';
const A = 'abstained';

/** rows are items, columns annotators a, b, c, ... */
function m(rows: (Outcome | null)[][]): LabelMatrix {
  const width = rows[0]?.length ?? 0;
  return createLabelMatrix({
    categories: OUTCOMES,
    items: rows.map((_, i) => `i${i}`),
    annotators: 'abcdefgh'.slice(0, width).split(''),
    cells: rows,
  });
}

function near(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(TOL);
}

describe('perfect agreement', () => {
  const x = m([[C, C, C], [I, I, I], [A, A, A], [C, C, C]]);
  it('every statistic is 1', () => {
    near(cohenKappa(x, 'a', 'b').value, 1);
    near(fleissKappa(x).value, 1);
    near(fleissKappa(x, { method: 'randolph' }).value, 1);
    near(krippendorffAlpha(x).value, 1);
    const p = percentAgreement(x);
    expect([p.pairwise, p.meanItemPairwise, p.unanimous]).toEqual([1, 1, 1]);
    for (const o of OUTCOMES) near(specificAgreement(x)[o].value, 1);
  });
});

describe('total disagreement, two raters swapping two categories', () => {
  // items (c, i) and (i, c)
  const x = m([[C, I], [I, C]]);
  it('kappa -1, Fleiss -1, alpha -0.5', () => {
    // confusion [[0,1],[1,0]], marginals 1/1 each: off-diagonal expected 2 - (1+1)/2 = 1, kappa = 1 - 2/1
    const k = cohenKappa(x, 'a', 'b');
    near(k.value, -1);
    near(k.observed, 0);
    near(k.expected, 0.5);
    // each item P_i = (1 + 1 - 2) / 2 = 0, p = (1/2, 1/2), Pe = 1/2: (0 - 1/2) / (1/2)
    near(fleissKappa(x).value, -1);
    // coincidences o_ci = o_ic = 2, n_c = n_i = 2, n = 4: 1 - 3 * 4 / (16 - 8)
    const a = krippendorffAlpha(x);
    near(a.value, -0.5);
    expect(a.coincidences).toEqual([[0, 2, 0], [2, 0, 0], [0, 0, 0]]);
    expect(percentAgreement(x).pairwise).toBe(0);
    expect(specificAgreement(x).correct.value).toBe(0);
    expect(specificAgreement(x).abstained.value).toBeNull();
  });
});

describe('one category only', () => {
  const x = m([[C, C, C], [C, C, null], [C, C, C]]);
  it('kappa, Fleiss and alpha are undefined (no-variation); raw agreement is 1', () => {
    const k = cohenKappa(x, 'a', 'b');
    expect(k).toEqual({ value: null, reason: 'no-variation', n: 3, observed: 1, expected: 1 });
    const f = fleissKappa(x);
    expect([f.value, f.reason, f.raters, f.itemsUsed, f.itemsDropped]).toEqual([null, 'no-variation', 3, 2, 1]);
    // Randolph's chance level is 1/3 regardless of the data, so it is defined.
    near(fleissKappa(x, { method: 'randolph' }).value, 1);
    const a = krippendorffAlpha(x);
    expect([a.value, a.reason, a.pairableValues]).toEqual([null, 'no-variation', 8]);
    expect(percentAgreement(x).unanimous).toBe(1);
    expect(specificAgreement(x).correct.value).toBe(1);
    expect(specificAgreement(x).incorrect).toEqual({ value: null, agreeing: 0, possible: 0 });
  });
});

describe('missing data', () => {
  // a: c c i a / b: c i . a / c: . i . c
  const x = m([[C, C, null], [C, I, I], [I, null, null], [A, A, C]]);

  it('pairwise Cohen kappa over each pair’s overlap', () => {
    // a-b on items 0, 1, 3: po 2/3; a = (c2, a1), b = (c1, i1, a1): pe = (2 + 1) / 9; (2/3 - 1/3) / (2/3)
    near(cohenKappa(x, 'a', 'b').value, 0.5);
    expect(cohenKappa(x, 'a', 'b').n).toBe(3);
    // a-c on items 1, 3: po 0, a = (c1, a1), c = (i1, c1): pe = 1/4; -1/4 / 3/4
    near(cohenKappa(x, 'a', 'c').value, -1 / 3);
    // b-c on items 1, 3: po 1/2, b = (i1, a1), c = (i1, c1): pe 1/4; 1/4 / 3/4
    near(cohenKappa(x, 'b', 'c').value, 1 / 3);
  });

  it('Krippendorff alpha 0.3 from the coincidence matrix', () => {
    // item 0 (c,c): o_cc += 2; item 1 (c,i,i): o_ci += 1, o_ic += 1, o_ii += 1;
    // item 3 (a,a,c): o_aa += 1, o_ac += 1, o_ca += 1; item 2 has one label.
    const a = krippendorffAlpha(x);
    expect(a.coincidences).toEqual([[2, 1, 1], [1, 1, 0], [1, 0, 1]]);
    expect([a.pairableItems, a.pairableValues]).toEqual([3, 8]);
    // n = 8, n_c = (4, 2, 2): 1 - 7 * 4 / (64 - 24)
    near(a.value, 0.3);
    near(a.observedDisagreement, 0.5);
    near(a.expectedDisagreement, 40 / 56);
  });

  it('percent agreement: pooled pairs vs per-item mean vs unanimous', () => {
    // item 0: 1 of 1 pair; item 1: 1 of 3; item 3: 1 of 3
    const p = percentAgreement(x);
    expect([p.items, p.pairs, p.agreeingPairs]).toEqual([3, 7, 3]);
    near(p.pairwise, 3 / 7);
    near(p.meanItemPairwise, 5 / 9);
    near(p.unanimous, 1 / 3);
  });

  it('specific agreement generalised to many raters', () => {
    // c: (2*1 + 0 + 0) / (2*1 + 1*2 + 1*2); i: 2 / (2*2); a: 2 / (2*2)
    const s = specificAgreement(x);
    near(s.correct.value, 1 / 3);
    near(s.incorrect.value, 0.5);
    near(s.abstained.value, 0.5);
  });

  it('Fleiss keeps the modal count (3 labels: items 1 and 3) and reports the drop', () => {
    // rows (1,2,0) and (1,0,2): P_i = (1 + 4 - 3) / 6 = 1/3 each; p = (1/3, 1/3, 1/3), Pe = 1/3
    const f = fleissKappa(x);
    expect([f.raters, f.itemsUsed, f.itemsDropped]).toEqual([3, 2, 1]);
    near(f.observed, 1 / 3);
    near(f.expected, 1 / 3);
    near(f.value, 0);
  });

  it('Fleiss ties between counts go to the larger count', () => {
    const y = m([[C, C, null], [C, I, null], [C, C, I], [I, I, I]]);
    const f = fleissKappa(y);
    expect([f.raters, f.itemsUsed, f.itemsDropped]).toEqual([3, 2, 2]);
    // rows (2,1,0), (0,3,0): P = (1/3 + 1) / 2 = 2/3; p = (2/6, 4/6): Pe = 5/9; (2/3 - 5/9) / (4/9)
    near(f.value, 0.25);
  });
});

describe('two annotators with no overlap', () => {
  const x = m([[C, null], [null, I], [A, null]]);
  it('nothing is defined, and says why', () => {
    expect(cohenKappa(x, 'a', 'b')).toEqual({ value: null, reason: 'no-overlap', n: 0, observed: null, expected: null });
    expect(confusionMatrix(x, 'a', 'b').n).toBe(0);
    const f = fleissKappa(x);
    expect([f.value, f.reason, f.raters, f.itemsUsed]).toEqual([null, 'no-pairable-items', 0, 0]);
    const a = krippendorffAlpha(x);
    expect([a.value, a.reason, a.pairableItems]).toEqual([null, 'no-pairable-items', 0]);
    const p = percentAgreement(x);
    expect([p.items, p.pairwise, p.meanItemPairwise, p.unanimous]).toEqual([0, null, null, null]);
    expect(specificAgreement(x).correct.value).toBeNull();
  });
});

describe('two raters: confusion matrix and its derived statistics', () => {
  // a: c c c c i i a a / b: c c c i i c a i
  const x = m([[C, C], [C, C], [C, C], [C, I], [I, I], [I, C], [A, A], [A, I]]);
  const cm = confusionMatrix(x, 'a', 'b');

  it('rows are the first annotator, columns the second, in OUTCOMES order', () => {
    expect(cm.categories).toEqual(OUTCOMES);
    expect(cm.counts).toEqual([[3, 1, 0], [1, 1, 0], [0, 1, 1]]);
    expect(confusionMatrix(x, 'b', 'a').counts).toEqual([[3, 1, 0], [1, 1, 1], [0, 0, 1]]);
  });

  it('kappa: po 5/8, pe (4*4 + 2*3 + 2*1) / 64 = 24/64', () => {
    const k = cohenKappaFromConfusion(cm.counts);
    near(k.observed, 5 / 8);
    near(k.expected, 24 / 64);
    near(k.value, (5 / 8 - 24 / 64) / (1 - 24 / 64));
  });

  it('specific agreement 2 n_cc / (row + col), equal to the many-rater form', () => {
    const two = specificAgreementFromConfusion(cm);
    near(two.correct.value, 6 / 8);
    near(two.incorrect.value, 2 / 5);
    near(two.abstained.value, 2 / 3);
    const many = specificAgreement(x);
    for (const o of OUTCOMES) near(many[o].value, two[o].value!);
  });
});
