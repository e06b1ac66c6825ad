// Deleting a run asks first, says what goes, and that the labels are kept in
// a label set on disk (written before anything is deleted). Cancel has the
// focus, so Enter on an accidental Delete key does no harm.
import { useEffect, useId, useRef } from 'react';
import type { RunSummary } from '../../../../shared/domain.ts';
import { useVerb } from '../../hooks/useVerb.ts';
import { fmtCount } from '../../lib/format.ts';
import './runs.css';

interface Props {
  run: RunSummary;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteRunDialog({ run, busy, onConfirm, onCancel }: Props) {
  const ids = useId();
  // Asked now, not taken from the list: a label written a moment ago counts.
  const annotators = useVerb('annotators/list', { runId: run.id });
  const records = annotators.value?.reduce((sum, annotator) => sum + annotator.labels, 0) ?? null;
  const people = annotators.value?.length ?? 0;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <div className="overlay-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onCancel()}>
      <div
        className="overlay run-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={`${ids}-body`}
        data-testid="run-delete-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !busy) {
            event.preventDefault();
            event.stopPropagation();
            onCancel();
          }
        }}
      >
        <div className="overlay-head">
          <h2 id={`${ids}-title`}>Delete “{run.name}”?</h2>
        </div>
        <div id={`${ids}-body`}>
          <p>
            Its {fmtCount(run.itemCount)} item{run.itemCount === 1 ? '' : 's'} leave the database ({run.model ?? 'unknown model'} ·{' '}
            {run.task ?? 'unknown task'}). The file it was imported from is not touched.
          </p>
          <p data-testid="run-delete-labels">
            {records === null
              ? 'Counting its labels…'
              : records > 0
                ? `Its ${fmtCount(records)} label record${records === 1 ? '' : 's'} (by ${fmtCount(people)} annotator${people === 1 ? '' : 's'}) ${records === 1 ? 'is' : 'are'} written first to a label set in the label-sets folder beside the database, which Agreement › Label sets can merge back into the run imported again.`
                : 'It has no labels, so there is nothing to export.'}
          </p>
        </div>
        <div className="run-dialog-actions">
          <button ref={cancelRef} type="button" className="button" data-testid="run-delete-cancel" disabled={busy} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button danger" data-testid="run-delete-confirm" disabled={busy} onClick={onConfirm}>
            {busy ? 'Deleting…' : 'Delete run'}
          </button>
        </div>
      </div>
    </div>
  );
}
