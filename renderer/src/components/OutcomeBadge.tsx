// Outcome colour always travels with a symbol and a word, never colour alone.
import type { EffectiveOutcome } from '../../../shared/domain.ts';

export const OUTCOME_SYMBOL: Record<EffectiveOutcome, string> = {
  correct: '\u2713',
  incorrect: '\u2717',
  abstained: '?',
  unlabeled: '\u25CB',
};

export function OutcomeBadge({ outcome, compact = false }: { outcome: EffectiveOutcome; compact?: boolean }) {
  return (
    <span className={`badge outcome-${outcome}`} title={outcome}>
      <span className="badge-symbol" aria-hidden="true">
        {OUTCOME_SYMBOL[outcome]}
      </span>
      {compact ? null : <span className="badge-word">{outcome}</span>}
    </span>
  );
}
