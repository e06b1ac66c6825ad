// One line per statistic, and plain words for why one has no value.
import type { UndefinedReason } from '../../../../shared/agreement/index.ts';

export const EXPLAIN = {
  percent: 'Share of pairs of labels on the same item that agree (items with two or more labels); not corrected for chance.',
  cohen: "Cohen's kappa: agreement of two annotators beyond what their own label frequencies give by chance (1 perfect, 0 chance level); over items both labelled.",
  fleiss: "Fleiss' kappa: chance-corrected agreement of all annotators at once; needs the same number of labels per item, so only items with the most common count are used.",
  alpha: "Krippendorff's alpha (nominal): chance-corrected agreement that uses every item with two or more labels, whatever the number; prefer it when labels are missing.",
  specific: 'Per outcome: given one label on an item is this outcome, the chance another label on the same item is too.',
  confusion: 'Counts of items both annotators labelled: rows are the first annotator, columns the second; the diagonal is agreement.',
  grader: 'The imported grade treated as one more annotator: kappa against each human and against the human majority.',
  missed: 'Missed hallucinations: of the items humans labelled incorrect, the share the grader called correct.',
} as const;

export function reasonText(reason: UndefinedReason | null): string {
  switch (reason) {
    case 'no-overlap':
      return 'undefined: these annotators share no labelled item';
    case 'no-pairable-items':
      return 'undefined: no item has labels from two annotators yet';
    case 'no-variation':
      return 'undefined: every label is the same outcome, so chance agreement is 1 and the ratio is 0/0';
    default:
      return '';
  }
}
