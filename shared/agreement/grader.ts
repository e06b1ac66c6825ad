// Agreement between human labels and an automatic or imported grade. The
// grader is one more column of the label matrix, so the same kappa and
// confusion code applies; what is specific here is the human consensus and
// the missed-hallucination rate.
import type { Outcome } from '../domain.ts';
import { cohenKappa, type CohenKappa } from './kappa.ts';
import {
  categoryCounts,
  confusionMatrix,
  createLabelMatrix,
  selectAnnotators,
  withAnnotator,
  type ConfusionMatrix,
  type LabelMatrix,
} from './matrix.ts';

export const GRADER = 'grader';
/** Annotator name of the consensus column in GraderAgreement.consensus.confusion. */
export const HUMAN_CONSENSUS = 'human-consensus';

export interface MissedHallucinations {
  /** missed / humanIncorrect; null when humans called nothing incorrect among graded items */
  rate: number | null;
  /** items humans labelled 'incorrect' that the grader called 'correct' */
  missed: number;
  /** items humans labelled 'incorrect' that the grader graded at all (any grade) */
  humanIncorrect: number;
}

/** From a confusion matrix whose rows are the human and columns the grader. */
export function missedHallucinations(confusion: ConfusionMatrix<Outcome>): MissedHallucinations {
  const incorrect = confusion.categories.indexOf('incorrect');
  const correct = confusion.categories.indexOf('correct');
  if (incorrect < 0 || correct < 0) throw new Error("categories must include 'correct' and 'incorrect'");
  const row = confusion.counts[incorrect]!;
  const humanIncorrect = row.reduce((s, x) => s + x, 0);
  const missed = row[correct]!;
  return { rate: humanIncorrect === 0 ? null : missed / humanIncorrect, missed, humanIncorrect };
}

/**
 * Per item, the category most of the listed annotators chose (all annotators
 * by default); null when nobody labelled the item or the top categories tie,
 * since a tie is not a human verdict a grader can be judged against.
 */
export function humanConsensus<C extends string>(matrix: LabelMatrix<C>, annotators?: readonly string[]): (C | null)[] {
  const sub = annotators ? selectAnnotators(matrix, annotators) : matrix;
  return categoryCounts(sub).map((counts) => {
    let top = 0;
    let winner: C | null = null;
    for (let c = 0; c < counts.length; c++) {
      const x = counts[c]!;
      if (x > top) {
        top = x;
        winner = matrix.categories[c]!;
      } else if (x === top && x > 0) {
        winner = null;
      }
    }
    return winner;
  });
}

export interface AnnotatorVsGrader {
  annotator: string;
  kappa: CohenKappa;
  /** rows: the annotator; columns: the grader */
  confusion: ConfusionMatrix<Outcome>;
  missed: MissedHallucinations;
}

export interface GraderAgreement {
  grader: string;
  /** the human matrix with the grader as its last column, for any other statistic */
  matrix: LabelMatrix<Outcome>;
  perAnnotator: AnnotatorVsGrader[];
  consensus: {
    /** per item of the matrix, see humanConsensus */
    labels: (Outcome | null)[];
    /** items some human labelled where the humans tie, left out of the comparison */
    tiedItems: number;
    kappa: CohenKappa;
    /** rows: HUMAN_CONSENSUS; columns: the grader */
    confusion: ConfusionMatrix<Outcome>;
    missed: MissedHallucinations;
  };
}

/**
 * The grader against each human and against the human consensus. Kappa and
 * the confusion counts cover items that both sides labelled; grades for items
 * outside the matrix are ignored.
 */
export function graderAgreement(
  humans: LabelMatrix<Outcome>,
  grades: ReadonlyMap<string, Outcome | null>,
  options: { grader?: string } = {},
): GraderAgreement {
  const grader = options.grader ?? GRADER;
  const matrix = withAnnotator(humans, grader, grades);
  const perAnnotator = humans.annotators.map((annotator) => {
    const confusion = confusionMatrix(matrix, annotator, grader);
    return { annotator, kappa: cohenKappa(matrix, annotator, grader), confusion, missed: missedHallucinations(confusion) };
  });

  const labels = humanConsensus(humans);
  const tiedItems = humans.cells.filter((row, i) => labels[i] === null && row.some((x) => x !== null)).length;
  const gradeColumn = matrix.annotators.length - 1;
  const pairMatrix = createLabelMatrix<Outcome>({
    categories: humans.categories,
    items: humans.items,
    annotators: [HUMAN_CONSENSUS, grader],
    cells: matrix.cells.map((row, i) => [labels[i] ?? null, row[gradeColumn] ?? null]),
  });
  const confusion = confusionMatrix(pairMatrix, HUMAN_CONSENSUS, grader);
  return {
    grader,
    matrix,
    perAnnotator,
    consensus: {
      labels,
      tiedItems,
      kappa: cohenKappa(pairMatrix, HUMAN_CONSENSUS, grader),
      confusion,
      missed: missedHallucinations(confusion),
    },
  };
}
