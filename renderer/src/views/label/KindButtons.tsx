// The abstention kinds beside the outcome buttons: each labels "abstained"
// with that kind (keys 4 to 8 by default, remappable), so the common case
// stays one key (3) and a kind is one key too.
import { ABSTENTION_KIND_LABELS, ABSTENTION_KINDS, type AbstentionKind } from '../../../../shared/domain.ts';
import { chordLabel, KIND_ACTIONS, type Keymap } from '../../hooks/useItemKeys.ts';

interface Props {
  /** The kind of the label shown as chosen (mine, or the decision), when it is an abstention. */
  chosen: AbstentionKind | null;
  keymap: Keymap;
  verb: 'Label' | 'Decide';
  onKind: (kind: AbstentionKind) => void;
}

export function KindButtons({ chosen, keymap, verb, onKind }: Props) {
  return (
    <span className="kind-buttons" role="group" aria-label="Abstention kind">
      <span className="muted small">kind:</span>
      {ABSTENTION_KINDS.map((kind) => {
        const key = keymap[KIND_ACTIONS[kind]][0];
        return (
          <button
            key={kind}
            type="button"
            className="button kind-button"
            data-testid={`label-kind-${kind}`}
            data-label-button="true"
            aria-pressed={chosen === kind}
            onClick={() => onKind(kind)}
            title={`${verb} abstained: ${ABSTENTION_KIND_LABELS[kind]}${key ? ` (${chordLabel(key)})` : ''}`}
          >
            {ABSTENTION_KIND_LABELS[kind]}
            {key ? <kbd>{chordLabel(key)}</kbd> : null}
          </button>
        );
      })}
    </span>
  );
}
