// Progress through the queue, undo/redo, and the bulk actions: accept the
// imported or the suggested grade for everything the queue holds, or mark the
// selection as one outcome. A bulk action is one batch, undone as one.
import { useState } from 'react';
import type { LabelProgress, UndoStack } from '../../../../shared/api/labeling.ts';
import { OUTCOMES, type Outcome } from '../../../../shared/domain.ts';
import { OUTCOME_SYMBOL } from '../../components/OutcomeBadge.tsx';
import { fmtCount, fmtPercent } from '../../lib/format.ts';
import { redoTitle, undoLabel, undoTitle } from '../../lib/undo.ts';
import type { LabelMode } from './query.ts';

interface Props {
  mode: LabelMode;
  progress: LabelProgress | null;
  sessionCount: number;
  rate: number | null;
  /** The annotator's undo stack in this run, shared with the Item and Items views. */
  stack: UndoStack;
  selection: number;
  blind: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onAcceptImported: () => void;
  onAcceptSuggested: () => void;
  onMarkSelection: (outcome: Outcome) => void;
  onClearSelection: () => void;
}

/** The two accept-all actions, each asked for before it runs. */
const ACCEPT = {
  imported: {
    button: 'Accept imported grades…',
    question:
      'Write the imported grade as your label on every item of this queue and its filters that has one? One batch: undo takes it all back.',
  },
  suggested: {
    button: 'Accept suggested grades…',
    question:
      'Write the suggested grade as your label on every item of this queue and its filters that has one? Suggestions are automatic (exact match, containment, abstention phrase). One batch: undo takes it all back.',
  },
} as const;
type AcceptKind = keyof typeof ACCEPT;

export function BulkBar(props: Props) {
  const [asking, setAsking] = useState<AcceptKind | null>(null);
  const { progress } = props;
  const adjudicating = props.mode === 'adjudicate';
  return (
    <div className="bulk-bar">
      <span className="progress" data-testid="label-progress" title="Items in this queue's scope that carry your current label">
        {progress ? (
          adjudicating ? (
            <>
              <strong data-testid="progress-total">{fmtCount(progress.total)}</strong> disputed left
            </>
          ) : (
            <>
              labeled by me <strong data-testid="progress-mine">{fmtCount(progress.mine)}</strong> / <span data-testid="progress-total">{fmtCount(progress.total)}</span>{' '}
              <span className="muted">({fmtPercent(progress.mine, progress.total)})</span>
              <span className="progress-track" aria-hidden="true">
                <span className="progress-fill" style={{ width: `${progress.total ? (100 * progress.mine) / progress.total : 0}%` }} />
              </span>
            </>
          )
        ) : (
          'counting…'
        )}
      </span>
      <span className="muted" data-testid="session-rate">
        {fmtCount(props.sessionCount)} this session · {props.rate === null ? '— /min' : `${props.rate.toFixed(1)} /min`}
      </span>
      <button type="button" className="button undo-what" data-testid="undo-button" disabled={!props.stack.undo} onClick={props.onUndo} title={undoTitle(props.stack)}>
        {undoLabel(props.stack)}
      </button>
      <button
        type="button"
        className="button"
        data-testid="redo-button"
        disabled={!props.stack.redo}
        onClick={props.onRedo}
        title={redoTitle(props.stack)}
      >
        ↷ Redo
      </button>
      <span className="spacer" />
      {props.selection > 0 && !adjudicating ? (
        <span className="selection-actions" data-testid="selection-actions">
          {fmtCount(props.selection)} selected: mark
          {OUTCOMES.map((outcome) => (
            <button
              key={outcome}
              type="button"
              className={`button label-button outcome-${outcome}`}
              data-testid={`mark-selection-${outcome}`}
              onClick={() => props.onMarkSelection(outcome)}
            >
              <span className="badge-symbol" aria-hidden="true">
                {OUTCOME_SYMBOL[outcome]}
              </span>
              {outcome}
            </button>
          ))}
          <button type="button" className="link-button" onClick={props.onClearSelection}>
            clear selection
          </button>
        </span>
      ) : null}
      {!adjudicating && !props.blind ? (
        asking ? (
          <span className="confirm" role="group" aria-label={`Confirm: ${ACCEPT[asking].button.replace('…', '')}`} data-testid={`accept-${asking}-question`}>
            {ACCEPT[asking].question}
            <button
              type="button"
              className="button"
              data-testid={`accept-${asking}-confirm`}
              onClick={() => {
                const kind = asking;
                setAsking(null);
                if (kind === 'imported') props.onAcceptImported();
                else props.onAcceptSuggested();
              }}
            >
              Accept all
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)} autoFocus>
              Cancel
            </button>
          </span>
        ) : (
          <span className="accept-actions">
            {(Object.keys(ACCEPT) as AcceptKind[]).map((kind) => (
              <button key={kind} type="button" className="button" data-testid={`accept-${kind}`} onClick={() => setAsking(kind)}>
                {ACCEPT[kind].button}
              </button>
            ))}
          </span>
        )
      ) : null}
    </div>
  );
}
