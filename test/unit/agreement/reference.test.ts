// Every number in test/fixtures/agreement/reference.json (sklearn 1.2.1,
// statsmodels' Fleiss formula, an independent pair-walking alpha, and the
// published alpha values), recomputed by shared/agreement.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  confusionMatrix,
  createLabelMatrix,
  fleissKappa,
  graderAgreement,
  krippendorffAlpha,
  pairwiseCohenKappa,
  percentAgreement,
  specificAgreement,
  type LabelMatrix,
} from '../../../shared/agreement/index.ts';
import type { Outcome } from '../../../shared/domain.ts';

const TOL = 1e-12;

interface Dataset {
  name: string;
  categories: string[];
  annotators: string[];
  items: string[];
  cells: (string | null)[][];
  cohen: { a: string; b: string; n: number; kappa: number | null; confusion: number[][] | null }[];
  fleiss: { raters: number; itemsUsed: number; fleiss: number | null; randolph: number | null };
  alpha: number | null;
  percent: { items: number; pairs: number; agreeingPairs: number; pairwise: number; meanItemPairwise: number; unanimous: number };
  specific: Record<string, number | null>;
  grader?: {
    grades: (Outcome | null)[];
    consensus: (Outcome | null)[];
    consensusN: number;
    consensusKappa: number | null;
    consensusConfusion: number[][];
    missedHallucinations: number;
    humanIncorrect: number;
    missedHallucinationRate: number | null;
    perAnnotator: { annotator: string; n: number; kappa: number | null }[];
  };
  published?: { alpha: number; decimals: number };
}

const fixture = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'agreement', 'reference.json'), 'utf8'),
) as { sklearn: string; numpy: string; datasets: Dataset[] };

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
}

function matrixOf(d: Dataset): LabelMatrix<string> {
  return createLabelMatrix({ categories: d.categories, items: d.items, annotators: d.annotators, cells: d.cells });
}

it('fixture was generated with the pinned reference versions', () => {
  expect(fixture.sklearn).toBe('1.2.1');
  expect(fixture.numpy).toBe('1.24.2');
  expect(fixture.datasets.map((d) => d.name)).toEqual([
    'dense_4x60',
    'sparse_5x80',
    'skewed_3x50_grader',
    'single_category',
    'krippendorff2011_nominal',
    'wikipedia_nominal',
    'strings_nominal',
  ]);
});

describe.each(fixture.datasets.map((d) => [d.name, d] as const))('%s', (_name, d) => {
  const matrix = matrixOf(d);

  it('Cohen kappa per pair matches sklearn cohen_kappa_score (nan -> null)', () => {
    const pairs = pairwiseCohenKappa(matrix);
    expect(pairs.map((p) => [p.a, p.b, p.n])).toEqual(d.cohen.map((c) => [c.a, c.b, c.n]));
    pairs.forEach((p, i) => {
      const ref = d.cohen[i]!;
      close(p.value, ref.kappa, `${p.a}-${p.b}`);
      if (ref.kappa === null) expect(p.reason).toBe(ref.n === 0 ? 'no-overlap' : 'no-variation');
      else expect(p.reason).toBeNull();
      // Swapping the annotators transposes the table and leaves kappa alone.
      close(cohenKappa(matrix, p.b, p.a).value, ref.kappa, `${p.b}-${p.a}`);
    });
  });

  it('confusion matrices match sklearn confusion_matrix(labels=categories)', () => {
    for (const ref of d.cohen) {
      const cm = confusionMatrix(matrix, ref.a, ref.b);
      expect(cm.n).toBe(ref.n);
      if (ref.confusion) expect(cm.counts).toEqual(ref.confusion);
      else expect(cm.counts.flat().every((x) => x === 0)).toBe(true);
    }
  });

  it("Fleiss and Randolph kappa match statsmodels' formula on the modal-count items", () => {
    for (const method of ['fleiss', 'randolph'] as const) {
      const f = fleissKappa(matrix, { method });
      expect(f.raters).toBe(d.fleiss.raters);
      expect(f.itemsUsed).toBe(d.fleiss.itemsUsed);
      close(f.value, d.fleiss[method], method);
    }
  });

  it('Krippendorff alpha matches the independent pair-walking implementation', () => {
    const a = krippendorffAlpha(matrix);
    close(a.value, d.alpha, 'alpha');
    if (d.published) expect(Number(a.value!.toFixed(d.published.decimals))).toBe(d.published.alpha);
  });

  it('percent and specific agreement match the plain-loop reference', () => {
    const p = percentAgreement(matrix);
    expect([p.items, p.pairs, p.agreeingPairs]).toEqual([d.percent.items, d.percent.pairs, d.percent.agreeingPairs]);
    close(p.pairwise, d.percent.pairwise, 'pairwise');
    close(p.meanItemPairwise, d.percent.meanItemPairwise, 'meanItemPairwise');
    close(p.unanimous, d.percent.unanimous, 'unanimous');
    const s = specificAgreement(matrix);
    for (const c of d.categories) close(s[c]!.value, d.specific[c]!, `specific ${c}`);
  });
});

const graded = fixture.datasets.filter((d) => d.grader !== undefined);

describe.each(graded.map((d) => [d.name, d] as const))('%s grader', (_name, d) => {
  it('grader agreement matches sklearn on the grader pseudo-annotator', () => {
    const g = d.grader!;
    const matrix = matrixOf(d);
    const grades = new Map(d.items.map((key, i) => [key, g.grades[i] ?? null]));
    const result = graderAgreement(matrix as LabelMatrix<Outcome>, grades);
    expect(result.consensus.labels).toEqual(g.consensus);
    expect(result.consensus.kappa.n).toBe(g.consensusN);
    close(result.consensus.kappa.value, g.consensusKappa, 'consensus kappa');
    expect(result.consensus.confusion.counts).toEqual(g.consensusConfusion);
    expect(result.consensus.missed.missed).toBe(g.missedHallucinations);
    expect(result.consensus.missed.humanIncorrect).toBe(g.humanIncorrect);
    close(result.consensus.missed.rate, g.missedHallucinationRate, 'missed rate');
    expect(result.perAnnotator.map((r) => [r.annotator, r.kappa.n])).toEqual(g.perAnnotator.map((r) => [r.annotator, r.n]));
    result.perAnnotator.forEach((r, i) => close(r.kappa.value, g.perAnnotator[i]!.kappa, r.annotator));
    // The grader column is an ordinary annotator to the generic statistics.
    const grader = pairwiseCohenKappa(result.matrix).filter((p) => p.b === 'grader');
    grader.forEach((p, i) => close(p.value, g.perAnnotator[i]!.kappa, `pairwise ${p.a}`));
  });
});

it('the fixture exercises a grader, a no-overlap pair and sklearn nan for one category', () => {
  expect(fixture.datasets.some((d) => d.grader && d.grader.missedHallucinations > 0)).toBe(true);
  expect(fixture.datasets.some((d) => d.cohen.some((c) => c.n === 0))).toBe(true);
  expect(fixture.datasets.some((d) => d.cohen.some((c) => c.n > 0 && c.kappa === null))).toBe(true);
});
