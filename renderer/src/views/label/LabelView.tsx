// The Label tab: work through a queue by keyboard (or mouse), blind or not,
// label or adjudicate, with progress, undo and bulk actions always at hand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { OUTCOME_RULE } from '../../../../shared/domain.ts';
import { OUTCOME_SYMBOL } from '../../components/OutcomeBadge.tsx';
import { useAnnotator } from '../../hooks/useAnnotator.ts';
import { useItemKeys, useKeymap } from '../../hooks/useItemKeys.ts';
import { useVerb } from '../../hooks/useVerb.ts';
import { fmt3, fmtCount } from '../../lib/format.ts';
import type { TabProps } from '../tabs/types.ts';
import { BulkBar } from './BulkBar.tsx';
import { KeymapDialog } from './KeymapDialog.tsx';
import { LabelItem } from './LabelItem.tsx';
import { LabelToolbar } from './LabelToolbar.tsx';
import { loadMode, loadQuery, requestMode, saveQuery, type LabelMode, type LabelQuery } from './query.ts';
import { ratePerMinute } from './session.ts';
import { currentDecision, currentDecisionKind, useLabelSession } from './useLabelSession.ts';
import './label.css';

function storedFlag(key: string, fallback: boolean): boolean {
  try {
    const value = localStorage.getItem(key);
    return value === null ? fallback : value === 'true';
  } catch {
    return fallback;
  }
}

function storeFlag(key: string, value: boolean): void {
  try {
    localStorage.setItem(key, String(value));
  } catch {
    // This session only.
  }
}

export function LabelView(props: TabProps) {
  const { run, annotator, onError, onNotice } = props;
  const [, setAnnotator] = useAnnotator();
  const [query, setQueryState] = useState<LabelQuery>(() => loadQuery(run.id));
  const [mode, setModeState] = useState<LabelMode>(() => loadMode(run.id));
  const [blind, setBlindState] = useState(() => storedFlag('candor-blind', false));
  const [autoAdvance, setAutoAdvanceState] = useState(() => storedFlag('candor-auto-advance', true));
  const [revealAll, setRevealAll] = useState(false);
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const [revealAsked, setRevealAsked] = useState(false);
  const [noteOpen, setNoteOpen] = useState(false);
  const [keysOpen, setKeysOpen] = useState(false);
  const [selection, setSelection] = useState<ReadonlySet<number>>(new Set());
  const [now, setNow] = useState(() => Date.now());
  const rootRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const keymap = useKeymap();

  const blindActive = blind && mode === 'label';
  const blindFor = useCallback((id: number) => blindActive && !revealAll && !revealed.has(id), [blindActive, revealAll, revealed]);

  const session = useLabelSession({
    runId: run.id,
    annotator,
    query,
    mode,
    blindFor,
    blindKey: `${blindActive}:${revealAll}:${revealed.size}`,
    autoAdvance,
    version: props.version,
    onLabeled: props.onLabeled,
    onError,
    onNotice,
  });

  const focusView = useCallback(() => rootRef.current?.focus({ preventScroll: true }), []);
  useEffect(() => focusView(), [focusView]);

  const listed = useVerb('annotators/list', { runId: run.id }, props.version, { keepPrevious: true });
  const annotators = listed.value ?? [];
  useEffect(() => {
    if (listed.error) onError(listed.error);
  }, [listed.error, onError]);

  // The rate fades as time passes without labels, so the clock ticks.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => setRevealAsked(false), [session.itemId]);

  const setQuery = (next: LabelQuery) => {
    setQueryState(next);
    saveQuery(run.id, next);
  };
  const setMode = (next: LabelMode) => {
    setModeState(next);
    requestMode(run.id, next);
  };
  const setBlind = (next: boolean) => {
    setBlindState(next);
    storeFlag('candor-blind', next);
    if (next) {
      setRevealAll(false);
      setRevealed(new Set());
    }
  };
  const setAutoAdvance = (next: boolean) => {
    setAutoAdvanceState(next);
    storeFlag('candor-auto-advance', next);
  };

  const itemId = session.itemId;
  const detail = session.detail;
  const overlayOpen = keysOpen || noteOpen;
  useItemKeys(props.keysEnabled && !overlayOpen, {
    label: (outcome, abstentionKind) => void session.label(outcome, { abstentionKind }),
    move: session.move,
    confirm: session.confirm,
    undo: session.undo,
    redo: session.redo,
    note: () => detail && setNoteOpen(true),
    search: () => searchRef.current?.focus(),
    select: () => {
      if (itemId === null || mode !== 'label') return;
      setSelection((current) => {
        const next = new Set(current);
        if (next.has(itemId)) next.delete(itemId);
        else next.add(itemId);
        return next;
      });
    },
    reveal: () => blindActive && setRevealAsked(true),
  });

  const chosen = detail ? (mode === 'adjudicate' ? currentDecision(detail) : detail.myLabel) : null;
  const chosenKind = detail ? (mode === 'adjudicate' ? currentDecisionKind(detail) : detail.myAbstentionKind) : null;
  const counts = props.metrics?.counts;

  return (
    <div className="label-view" data-testid="label-view" data-blind={blindActive && !revealAll ? 'true' : 'false'} ref={rootRef} tabIndex={-1}>
      <LabelToolbar
        query={query}
        onQuery={setQuery}
        mode={mode}
        onMode={setMode}
        blind={blind}
        onBlind={setBlind}
        autoAdvance={autoAdvance}
        onAutoAdvance={setAutoAdvance}
        annotator={annotator}
        annotators={annotators}
        onAnnotator={setAnnotator}
        searchRef={searchRef}
        onDone={focusView}
        onKeys={() => setKeysOpen(true)}
      />
      <BulkBar
        mode={mode}
        progress={session.progress}
        sessionCount={session.times.length}
        rate={ratePerMinute(session.times, now)}
        stack={session.stack}
        selection={selection.size}
        blind={blindActive}
        onUndo={session.undo}
        onRedo={session.redo}
        onAcceptImported={() => void session.bulk({ type: 'accept-imported' }, 'accept imported grades')}
        onAcceptSuggested={() => void session.bulk({ type: 'accept-suggested' }, 'accept suggested grades')}
        onMarkSelection={(outcome) => {
          void session.bulk({ type: 'set', outcome }, `mark ${fmtCount(selection.size)} selected ${outcome}`, [...selection]);
          setSelection(new Set());
        }}
        onClearSelection={() => setSelection(new Set())}
      />
      <div className="label-rule muted small">
        {mode === 'adjudicate'
          ? 'Adjudication: your decision becomes the item’s final label; every earlier label stays in the history. '
          : ''}
        {OUTCOME_RULE}
        {counts && !blindActive ? (
          <span className="mini-counts" data-testid="label-run-counts" title="Run totals under that rule, updated as labels change">
            {(['correct', 'incorrect', 'abstained', 'unlabeled'] as const).map((o) => (
              <span key={o} className={`mini-count outcome-${o}`}>
                <span className="badge-symbol" aria-hidden="true">
                  {OUTCOME_SYMBOL[o]}
                </span>
                {fmtCount(counts[o])}
              </span>
            ))}
            <span>accuracy {fmt3(props.metrics?.accuracy ?? null)}</span>
          </span>
        ) : null}
      </div>

      {session.state === 'empty' ? (
        <div className="view-message muted" data-testid="queue-empty">
          {mode === 'adjudicate' ? 'No disputed items: annotators agree on every item they share.' : 'No items in this queue with these filters.'}
        </div>
      ) : null}
      {session.state === 'end' ? (
        <div className="queue-end" data-testid="queue-end">
          End of the queue. k goes back; change the queue or filters for more.
        </div>
      ) : null}
      {detail && session.state !== 'empty' ? (
        <LabelItem
          detail={detail}
          stale={detail.id !== itemId}
          mode={mode}
          chosen={chosen}
          chosenKind={chosenKind}
          model={run.model}
          keymap={keymap}
          selected={selection.has(detail.id)}
          blindMode={blindActive}
          revealAsked={revealAsked}
          noteOpen={noteOpen}
          onLabel={(outcome, abstentionKind) => void session.label(outcome, { abstentionKind })}
          onNote={(note) => {
            setNoteOpen(false);
            focusView();
            void session.label(chosen, { note, abstentionKind: chosenKind });
          }}
          onNoteClose={() => {
            setNoteOpen(false);
            focusView();
          }}
          onRevealAsk={setRevealAsked}
          onReveal={(scope) => {
            if (scope === 'session') setRevealAll(true);
            else setRevealed((current) => new Set([...current, detail.id]));
            setRevealAsked(false);
            focusView();
          }}
        />
      ) : null}
      {session.state === 'loading' && !detail ? <div className="view-message muted">Loading the queue…</div> : null}
      {keysOpen ? (
        <KeymapDialog
          onClose={() => {
            setKeysOpen(false);
            focusView();
          }}
        />
      ) : null}
    </div>
  );
}
