// The item being labelled: its outcome buttons, texts, facts and history, the
// note editor and the deliberate reveal of what blind mode hides.
import { useEffect, useRef, useState } from 'react';
import type { AbstentionKind, ItemDetail, Outcome } from '../../../../shared/domain.ts';
import { OUTCOME_SYMBOL } from '../../components/OutcomeBadge.tsx';
import { chordLabel, type Keymap } from '../../hooks/useItemKeys.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { ItemSide } from '../ItemSide.tsx';
import type { LabelMode } from './query.ts';
import { ItemTexts } from '../../components/ItemTexts.tsx';
import { KindButtons } from './KindButtons.tsx';

const OUTCOME_BUTTONS: Array<{ outcome: Outcome; action: 'correct' | 'incorrect' | 'abstained' }> = [
  { outcome: 'correct', action: 'correct' },
  { outcome: 'incorrect', action: 'incorrect' },
  { outcome: 'abstained', action: 'abstained' },
];

interface Props {
  detail: ItemDetail;
  stale: boolean;
  mode: LabelMode;
  /** My label, or in adjudication the current decision. */
  chosen: Outcome | null;
  /** Its abstention kind, when it is an abstention that states one. */
  chosenKind: AbstentionKind | null;
  model: string | null;
  keymap: Keymap;
  selected: boolean;
  blindMode: boolean;
  revealAsked: boolean;
  noteOpen: boolean;
  onLabel: (outcome: Outcome | null, abstentionKind?: AbstentionKind) => void;
  onNote: (note: string) => void;
  onNoteClose: () => void;
  onRevealAsk: (open: boolean) => void;
  onReveal: (scope: 'item' | 'session') => void;
}

const firstKey = (keymap: Keymap, action: keyof Keymap) => (keymap[action][0] ? chordLabel(keymap[action][0]) : '');

export function LabelItem(props: Props) {
  const { detail, mode, chosen, keymap } = props;
  const adjudicating = mode === 'adjudicate';
  return (
    <div className={props.stale ? 'label-item stale' : 'label-item'} aria-busy={props.stale}>
      <div className="label-bar">
        <span className="label-key">
          key <code data-testid="item-key">{detail.key}</code>
          {props.selected ? <span className="badge selected-badge">✓ selected</span> : null}
          {!detail.blind && detail.disputed ? <span className="badge disputed">⚠ disputed</span> : null}
        </span>
        <span className="spacer" />
        <span className="muted small">{adjudicating ? 'decide:' : 'my label:'}</span>
        {OUTCOME_BUTTONS.map(({ outcome, action }) => (
          <button
            key={outcome}
            type="button"
            className={`button label-button outcome-${outcome}`}
            data-testid={`label-${outcome}`}
            data-label-button="true"
            aria-pressed={chosen === outcome}
            onClick={() => props.onLabel(outcome)}
            title={`${adjudicating ? 'Decide' : 'Label'} ${outcome} (${firstKey(keymap, action)})`}
          >
            <span className="badge-symbol" aria-hidden="true">
              {OUTCOME_SYMBOL[outcome]}
            </span>
            {outcome[0]!.toUpperCase() + outcome.slice(1)}
            <kbd>{firstKey(keymap, action)}</kbd>
          </button>
        ))}
        <button type="button" className="button" data-testid="label-clear" data-label-button="true" onClick={() => props.onLabel(null)}>
          Clear <kbd>{firstKey(keymap, 'clear')}</kbd>
        </button>
        <span className="kind-row">
          <KindButtons chosen={props.chosenKind} keymap={keymap} verb={adjudicating ? 'Decide' : 'Label'} onKind={(kind) => props.onLabel('abstained', kind)} />
        </span>
      </div>

      {props.noteOpen ? <NoteEditor onSave={props.onNote} onClose={props.onNoteClose} /> : null}

      {props.blindMode && detail.blind ? (
        <div className="blind-bar" data-testid="blind-bar">
          <span>
            <strong>Blind</strong>: model, confidence, imported and suggested grades and others&apos; labels are hidden.
          </span>
          {props.revealAsked ? (
            <span className="reveal-confirm" role="group" aria-label="Confirm reveal">
              <span>Reveal them? Your judgement of this item may no longer be independent.</span>
              <button type="button" className="button" data-testid="reveal-item" onClick={() => props.onReveal('item')}>
                Reveal this item
              </button>
              <button type="button" className="button" data-testid="reveal-session" onClick={() => props.onReveal('session')}>
                Reveal for the session
              </button>
              <button type="button" className="button" onClick={() => props.onRevealAsk(false)} autoFocus>
                Keep hidden
              </button>
            </span>
          ) : (
            <button type="button" className="link-button" data-testid="reveal-ask" onClick={() => props.onRevealAsk(true)}>
              Reveal… <kbd>{firstKey(keymap, 'reveal')}</kbd>
            </button>
          )}
        </div>
      ) : null}

      <div className="item-body">
        <ItemTexts key={detail.id} prompt={detail.prompt} answer={detail.answer} gold={detail.gold} extra={detail.extra} />
        <ItemSide detail={detail} mine={detail.myLabel} formatTime={fmtDateTime} model={props.model} showAnnotators={adjudicating} />
      </div>
    </div>
  );
}

function NoteEditor({ onSave, onClose }: { onSave: (note: string) => void; onClose: () => void }) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="note-editor">
      <label htmlFor="label-note" className="muted small">
        Note on this item (Enter saves, Shift+Enter new line, Esc cancels)
      </label>
      <textarea
        id="label-note"
        ref={ref}
        data-testid="note-input"
        rows={2}
        maxLength={10000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            if (text.trim()) onSave(text.trim());
            else onClose();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
    </div>
  );
}
