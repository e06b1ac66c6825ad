// Small marks beside an outcome: the kind an abstention states, and a partial
// imported grade (counted as incorrect). Words, never colour alone.
import { ABSTENTION_KIND_LABELS, type AbstentionKind } from '../../../shared/domain.ts';

export function KindTag({ kind, testId }: { kind: AbstentionKind; testId?: string }) {
  return (
    <span className="kind-tag" data-testid={testId} title={`abstention kind: ${ABSTENTION_KIND_LABELS[kind]}`}>
      {ABSTENTION_KIND_LABELS[kind]}
    </span>
  );
}

export const PARTIAL_TITLE =
  'A partial grade (Inspect’s “P”, or a score between 0 and 1): counted as incorrect by every metric; a rubric may score it as abstained or with partial credit';

export function PartialTag({ testId }: { testId?: string }) {
  return (
    <span className="kind-tag partial-tag" data-testid={testId} title={PARTIAL_TITLE}>
      partial
    </span>
  );
}
