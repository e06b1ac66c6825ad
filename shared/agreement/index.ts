/**
 * Inter-annotator agreement for nominal labels (Candor's outcomes: 'correct',
 * 'incorrect', 'abstained'). Pure TypeScript.
 *
 * Input: a LabelMatrix, items x annotators, each cell a category or null
 * (not labelled). Build it from label records with buildLabelMatrix (latest
 * record per item and annotator wins, a null outcome clears), or validate a
 * hand-made one with createLabelMatrix. Every function is generic over the
 * category type; `categories` fixes the order of all count tables.
 *
 * Statistics, and what each covers:
 * - percentAgreement: items with >= 2 labels. `pairwise` is the pooled share
 *   of agreeing label pairs, `meanItemPairwise` the per-item share averaged
 *   over items, `unanimous` the share of items where all labels agree.
 * - cohenKappa / pairwiseCohenKappa: one pair, over the items both labelled;
 *   matches sklearn.metrics.cohen_kappa_score (unweighted).
 * - fleissKappa: items with the modal number of labels only (Fleiss needs a
 *   constant number of raters); method 'fleiss' or 'randolph' (free marginal,
 *   chance = 1 / number of declared categories). Matches statsmodels'
 *   fleiss_kappa on the items used.
 * - krippendorffAlpha: nominal, coincidence matrix, uses every item with >= 2
 *   labels; the statistic to prefer when labels are missing.
 * - confusionMatrix: counts for two annotators, rows = first, columns = second.
 * - specificAgreement: per category, for any number of raters;
 *   specificAgreementFromConfusion is the two-rater 2 n_cc / (row_c + col_c).
 * - abstentionKindAgreement: each annotator's abstentions by kind, and how
 *   often annotators who both call an item an abstention name the same kind.
 * - graderAgreement: an imported/automatic grade as a pseudo-annotator,
 *   against each human and against the human majority, with the rate at which
 *   the grader called 'correct' what humans called 'incorrect'.
 *
 * Undefined values are null with a reason, never NaN: 'no-overlap' (a pair
 * shares no item), 'no-pairable-items' (no item has two labels),
 * 'no-variation' (every label the same category, so chance agreement is 1 and
 * kappa or alpha is 0/0; sklearn returns nan there).
 */
export {
  annotatorIndex,
  buildLabelMatrix,
  categoryCounts,
  confusionMatrix,
  createLabelMatrix,
  selectAnnotators,
  withAnnotator,
  type AgreementRecord,
  type ConfusionMatrix,
  type LabelMatrix,
  type LabelMatrixOptions,
  type UndefinedReason,
} from './matrix.ts';
export {
  cohenKappa,
  cohenKappaFromConfusion,
  fleissKappa,
  pairwiseCohenKappa,
  type CohenKappa,
  type FleissKappa,
  type FleissMethod,
  type PairKappa,
} from './kappa.ts';
export { krippendorffAlpha, type KrippendorffAlpha } from './alpha.ts';
export {
  percentAgreement,
  specificAgreement,
  specificAgreementFromConfusion,
  type PercentAgreement,
  type SpecificAgreement,
} from './percent.ts';
export {
  GRADER,
  HUMAN_CONSENSUS,
  graderAgreement,
  humanConsensus,
  missedHallucinations,
  type AnnotatorVsGrader,
  type GraderAgreement,
  type MissedHallucinations,
} from './grader.ts';
export { abstentionKindAgreement, type AbstentionKindAgreement, type KindRecord } from './kinds.ts';
