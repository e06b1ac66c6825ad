// Labeling one item. Keys 1/2/3/0 label in place (4-8: abstained with a kind);
// Enter, j/k and the arrows move; u or Ctrl/Cmd+Z undoes (Shift redoes) on the
// stack every view shares.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client.ts';
import type { Request } from '../../../shared/api/contract.ts';
import type { AbstentionKind, ItemDetail, LabelRecord, Outcome } from '../../../shared/domain.ts';
import type { RunMetrics } from '../../../shared/metrics/types.ts';
import { KindTag, PartialTag } from '../components/AbstentionTags.tsx';
import { OUTCOME_SYMBOL, OutcomeBadge } from '../components/OutcomeBadge.tsx';
import { queryParams, type ItemsQuery } from '../hooks/useItemPages.ts';
import { useItemKeys, useKeymap } from '../hooks/useItemKeys.ts';
import { rememberStack, undoOrRedo, useUndoStack } from '../hooks/useUndo.ts';
import { useVerb } from '../hooks/useVerb.ts';
import { describeError } from '../lib/errors.ts';
import { fmt3, fmtCount, fmtDateTime } from '../lib/format.ts';
import { redoLabel, redoTitle, undoLabel, undoNotice, undoTitle } from '../lib/undo.ts';
import { ItemSide } from './ItemSide.tsx';
import { ItemTexts } from '../components/ItemTexts.tsx';
import { KindButtons } from './label/KindButtons.tsx';

interface Props {
  itemId: number;
  query: ItemsQuery;
  annotator: string;
  keysEnabled: boolean;
  version: number;
  metrics: RunMetrics | null;
  runItemCount: number;
  onNavigate: (itemId: number) => void;
  onLabeled: () => void;
  onError: (message: string) => void;
  onNotice: (message: string) => void;
}

const LABELS: Array<{ outcome: Outcome; key: string; testId: string }> = [
  { outcome: 'correct', key: '1', testId: 'label-correct' },
  { outcome: 'incorrect', key: '2', testId: 'label-incorrect' },
  { outcome: 'abstained', key: '3', testId: 'label-abstained' },
];

export function ItemView(props: Props) {
  const { itemId, query, annotator, onNavigate, onLabeled, onError, onNotice } = props;
  const [reload, setReload] = useState(0);
  // Naming the annotator lets the backend answer with this annotator's view.
  const loaded = useVerb('items/get', { itemId, annotator } as Request<'items/get'>, props.version + reload, { keepPrevious: true });
  const detail: ItemDetail | null = loaded.value;
  const setDetail = loaded.set;
  const loadError = loaded.error;
  const rootRef = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  // Opening an item from the table unmounts the row that had focus; catch it here.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) rootRef.current?.focus({ preventScroll: true });
  }, [itemId]);

  const label = useCallback(
    async (outcome: Outcome | null, abstentionKind?: AbstentionKind) => {
      if (!detail || detail.id !== itemId || busy.current) return;
      busy.current = true;
      try {
        const result = await call('labels/set', { itemId, annotator, outcome, ...(abstentionKind ? { abstentionKind } : {}) });
        rememberStack(detail.runId, annotator, result.stack);
        if (detail.id === itemId) setDetail({ ...detail, ...result.item, history: [...detail.history, result.label] });
        onLabeled();
        onNotice(outcome ? `Labeled ${detail.key} ${outcome}${abstentionKind ? ` (${abstentionKind})` : ''}` : `Cleared label on ${detail.key}`);
      } catch (error) {
        onError(describeError(error));
      } finally {
        busy.current = false;
      }
    },
    [detail, itemId, annotator, onLabeled, onError, onNotice],
  );

  const move = useCallback(
    async (direction: 'next' | 'prev') => {
      try {
        const row = await call('items/neighbor', { itemId, direction, ...queryParams(query) });
        if (row) onNavigate(row.id);
        else onNotice(direction === 'next' ? 'This is the last item.' : 'This is the first item.');
      } catch (error) {
        onError(describeError(error));
      }
    },
    [itemId, query, onNavigate, onError, onNotice],
  );

  const runId = detail?.runId ?? null;
  const stack = useUndoStack(runId, annotator, props.version);
  const replay = useCallback(
    async (from: 'undo' | 'redo') => {
      if (runId === null || busy.current) return;
      busy.current = true;
      try {
        const result = await undoOrRedo(from, runId, annotator);
        onNotice(undoNotice(from, result));
        if (!result.action) return;
        onLabeled();
        // Show the item a single label was undone on, as the Label view does.
        if (result.action.itemId !== null && result.action.itemId !== itemId) onNavigate(result.action.itemId);
        else setReload((n) => n + 1);
      } catch (error) {
        onError(describeError(error));
      } finally {
        busy.current = false;
      }
    },
    [runId, annotator, itemId, onLabeled, onNavigate, onError, onNotice],
  );

  const keymap = useKeymap();
  useItemKeys(props.keysEnabled, { label: (o, kind) => void label(o, kind), move: (d) => void move(d), undo: () => void replay('undo'), redo: () => void replay('redo') });

  // While the next item loads the previous one stays up (dimmed), so buttons keep
  // focus and nothing flickers; label() refuses to act on the stale one.
  if (!detail) {
    return (
      <div className="item-view" data-testid="item-view" ref={rootRef} tabIndex={-1}>
        <div className="view-message muted">{loadError ? `Could not load the item: ${loadError}` : 'Loading item…'}</div>
      </div>
    );
  }

  const counts = props.metrics?.counts;
  const myRecord = myLatest(detail, annotator);
  const mine = myRecord?.outcome ?? null;
  const disputed = 'disputed' in detail && detail.disputed === true;
  const stale = detail.id !== itemId;
  return (
    <div className={stale ? 'item-view stale' : 'item-view'} data-testid="item-view" ref={rootRef} tabIndex={-1} aria-busy={stale}>
      <div className="item-toolbar">
        <button type="button" className="button" data-testid="item-prev" onClick={() => void move('prev')} title="Previous item (k or ↑)">
          ↑ Prev
        </button>
        <button type="button" className="button" data-testid="item-next" onClick={() => void move('next')} title="Next item (j, ↓ or Enter)">
          ↓ Next
        </button>
        <span className="item-position muted">
          item {fmtCount(detail.index + 1)}
          {props.runItemCount ? ` of ${fmtCount(props.runItemCount)}` : ''}
        </span>
        <span className="item-key-wrap">
          key <code data-testid="item-key">{detail.key}</code>
        </span>
        <button type="button" className="button undo-what" data-testid="item-undo" disabled={!stack.undo} onClick={() => void replay('undo')} title={undoTitle(stack)}>
          {undoLabel(stack)}
        </button>
        <button type="button" className="button undo-what" data-testid="item-redo" disabled={!stack.redo} onClick={() => void replay('redo')} title={redoTitle(stack)}>
          {redoLabel(stack)}
        </button>
        <span className="spacer" />
        {counts ? (
          <span className="mini-counts" title="run totals, updated after each label">
            {(['correct', 'incorrect', 'abstained', 'unlabeled'] as const).map((o) => (
              <span key={o} className={`mini-count outcome-${o}`}>
                <span className="badge-symbol" aria-hidden="true">
                  {OUTCOME_SYMBOL[o]}
                </span>
                {fmtCount(counts[o])}
              </span>
            ))}
            <span className="muted">accuracy {fmt3(props.metrics?.accuracy ?? null)}</span>
          </span>
        ) : null}
      </div>

      <div className="label-bar">
        <span className={`current-outcome outcome-${detail.outcome}`}>
          <OutcomeBadge outcome={detail.outcome} compact />
          <span data-testid="item-outcome">{detail.outcome}</span>
          {detail.abstentionKind ? <KindTag kind={detail.abstentionKind} testId="item-abstention-kind" /> : null}
          {detail.partial ? <PartialTag testId="item-partial" /> : null}
        </span>
        <span className="muted small">
          {detail.label
            ? `labeled by ${detail.labelAnnotator ?? 'unknown'}`
            : detail.importedGrade
              ? 'from the imported grade'
              : 'no grade or label'}
        </span>
        {disputed ? (
          <span className="badge disputed" title="Annotators disagree and no adjudication settles it">
            ⚠ disputed
          </span>
        ) : null}
        <span className="spacer" />
        {LABELS.map(({ outcome, key, testId }) => (
          <button
            key={outcome}
            type="button"
            className={`button label-button outcome-${outcome}`}
            data-testid={testId}
            data-label-button="true"
            aria-pressed={mine === outcome}
            onClick={() => void label(outcome)}
            title={`Label ${outcome} (${key})`}
          >
            <span className="badge-symbol" aria-hidden="true">
              {OUTCOME_SYMBOL[outcome]}
            </span>
            {outcome[0]!.toUpperCase() + outcome.slice(1)}
            <kbd>{key}</kbd>
          </button>
        ))}
        <button
          type="button"
          className="button"
          data-testid="label-clear"
          data-label-button="true"
          onClick={() => void label(null)}
          title="Clear my label (0 or Backspace)"
        >
          Clear <kbd>0</kbd>
        </button>
        <span className="kind-row">
          <KindButtons chosen={mine === 'abstained' ? (myRecord?.abstentionKind ?? null) : null} keymap={keymap} verb="Label" onKind={(kind) => void label('abstained', kind)} />
        </span>
      </div>

      <div className="item-body">
        <ItemTexts key={detail.id} prompt={detail.prompt} answer={detail.answer} gold={detail.gold} extra={detail.extra} />
        <ItemSide detail={detail} mine={mine} formatTime={fmtDateTime} />
      </div>
    </div>
  );
}

/** This annotator's current label: their latest record (a clear records null). */
function myLatest(detail: ItemDetail, annotator: string): LabelRecord | null {
  for (let i = detail.history.length - 1; i >= 0; i--) {
    const record = detail.history[i]!;
    if (record.annotator === annotator) return record;
  }
  return null;
}
