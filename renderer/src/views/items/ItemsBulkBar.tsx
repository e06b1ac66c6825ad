// The Items table's bar above the rows: what is selected and the bulk actions
// on it, the last notice, and Undo / Redo on the stack every view shares.
import type { Request } from '../../../../shared/api/contract.ts';
import type { UndoStack } from '../../../../shared/api/labeling.ts';
import { OUTCOMES, type Outcome } from '../../../../shared/domain.ts';
import { OUTCOME_SYMBOL } from '../../components/OutcomeBadge.tsx';
import { redoLabel, redoTitle, undoLabel, undoTitle } from '../../lib/undo.ts';

interface Props {
  selectedCount: number;
  /** "3", or "all 8" when every row of the list is selected. */
  selectionWord: string;
  annotator: string;
  busy: boolean;
  status: string | null;
  stack: UndoStack;
  onBulk: (action: Request<'labels/bulk'>['action'], what: string) => void;
  onClearSelection: () => void;
  onUndo: () => void;
  onRedo: () => void;
}

export function ItemsBulkBar(props: Props) {
  return (
  <div className="items-bulk" role="group" aria-label="Selected rows" data-testid="items-bulk">
    {props.selectedCount > 0 ? (
      <>
        <span data-testid="items-selected-count">
          <strong>{props.selectionWord}</strong> selected:
        </span>
        <span className="items-bulk-group">
          mark
          {OUTCOMES.map((outcome: Outcome) => (
            <button
              key={outcome}
              type="button"
              className={`button label-button outcome-${outcome}`}
              data-testid={`items-mark-${outcome}`}
              disabled={props.busy}
              onClick={() => props.onBulk({ type: 'set', outcome }, `mark ${props.selectionWord} selected ${outcome}`)}
            >
              <span className="badge-symbol" aria-hidden="true">
                {OUTCOME_SYMBOL[outcome]}
              </span>
              {outcome}
            </button>
          ))}
        </span>
        <button
          type="button"
          className="button"
          data-testid="items-accept-suggested"
          disabled={props.busy}
          onClick={() => props.onBulk({ type: 'accept-suggested' }, `accept suggestions for ${props.selectionWord} selected`)}
          title="Write each selected item's suggested grade as your label (items without a suggestion are left as they are)"
        >
          Accept suggestions for selected
        </button>
        <button type="button" className="link-button" data-testid="items-clear-selection" onClick={props.onClearSelection}>
          clear selection
        </button>
      </>
    ) : (
      <span className="muted">Tick rows (Shift for a range, Space on a row) to label them together or accept their suggestions, as {props.annotator}.</span>
    )}
    <span className="spacer" />
    {props.status ? (
      <span className="muted" role="status" data-testid="items-status">
        {props.status}
      </span>
    ) : null}
    <button
      type="button"
      className="button undo-what"
      data-testid="items-undo"
      disabled={!props.stack.undo || props.busy}
      onClick={props.onUndo}
      title={undoTitle(props.stack)}
    >
      {undoLabel(props.stack)}
    </button>
    <button
      type="button"
      className="button undo-what"
      data-testid="items-redo"
      disabled={!props.stack.redo || props.busy}
      onClick={props.onRedo}
      title={redoTitle(props.stack)}
    >
      {redoLabel(props.stack)}
    </button>
  </div>
  );
}
