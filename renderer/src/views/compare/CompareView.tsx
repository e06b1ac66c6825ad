// The Compare tab: the same item keys across the selected runs, one row per
// key, one column per run (answer, outcome, confidence), filterable to the keys
// the runs disagree on or to one cell of a pair's outcome table. Paged by the
// server and virtualized here, so runs of a million items scroll as smoothly as
// ten; model text is shown as text, cut to a line (the Item view shows it whole).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MatrixCell, MatrixPage } from '../../../../shared/api/contract.ts';
import { MAX_MATRIX_RUNS } from '../../../../shared/compare/matrix.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { fmt3, fmtCount } from '../../lib/format.ts';
import { selectedRunIds, selectRuns, viewParamsOf, withViewParams } from '../../lib/route.ts';
import type { TabProps } from '../tabs/types.ts';
import { PairPanel } from './PairPanel.tsx';
import { matrixParams, parseMatrixParams, type MatrixState } from './params.ts';
import { useMatrixPages } from './useMatrixPages.ts';
import './compare.css';

const ROW_HEIGHT = 46;
const CELL_MIN = 150;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function Cell({ cell, focused, onOpen }: { cell: MatrixCell | null; focused: boolean; onOpen: () => void }) {
  if (!cell) {
    return (
      <span className={`matrix-cell absent${focused ? ' focused' : ''}`} title="this run has no item with this key">
        <span className="muted">not in this run</span>
      </span>
    );
  }
  const cut = cell.answerLength > cell.answer.length ? '\u2026' : '';
  return (
    <span
      className={`matrix-cell outcome-edge-${cell.outcome}${focused ? ' focused' : ''}`}
      data-testid={`matrix-cell-${cell.itemId}`}
      data-outcome={cell.outcome}
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      <span className="matrix-cell-head">
        <OutcomeBadge outcome={cell.outcome} />
        {cell.label ? (
          <span className="label-mark" title={`labeled ${cell.label}; imported grade ${cell.importedGrade ?? 'none'}`}>
            ✎
          </span>
        ) : null}
        <span className="matrix-confidence" title="stated confidence">
          {cell.confidence === null ? <span className="muted">no conf.</span> : fmt3(cell.confidence)}
        </span>
      </span>
      <span className="matrix-answer" title={cut ? undefined : cell.answer}>
        {oneLine(cell.answer)}
        {cut}
      </span>
    </span>
  );
}

function Header({ page, state }: { page: Omit<MatrixPage, 'rows' | 'offset'>; state: MatrixState }) {
  const { counts, runs } = page;
  if (counts.shared === 0) {
    return (
      <div className="matrix-warning" role="status" data-testid="matrix-no-shared">
        <strong>These runs share no item keys.</strong> {runs.map((run) => `${run.name} has ${fmtCount(run.items)}`).join(', ')}, and no key is in two of them
        (another task or benchmark, or keys written differently?). There is nothing to pair: their scores are over different questions.
      </div>
    );
  }
  const few = runs.filter((run) => run.onlyHere > 0);
  return (
    <p className="matrix-summary" data-testid="matrix-summary">
      <strong>{fmtCount(counts.shared)}</strong> item keys in two runs or more ({fmtCount(counts.inAll)} in all {runs.length}).
      {few.length ? <> Not shared: {few.map((run) => `${fmtCount(run.onlyHere)} of ${run.name}`).join(', ')}.</> : null}
      {state.filter === 'all' ? null : ' Filtered below.'}
    </p>
  );
}

export function CompareView({ run, runs, route, setRoute, version }: TabProps) {
  const selected = selectedRunIds(route).filter((id) => id === run.id || runs.some((r) => r.id === id));
  // The matrix holds MAX_MATRIX_RUNS columns; further selected runs are named, not shown.
  const ids = selected.slice(0, MAX_MATRIX_RUNS);
  const key = ids.join(',');
  const state = useMemo(() => (ids.length >= 2 ? parseMatrixParams(viewParamsOf(route), ids) : null), [route, key]);
  const filter = state
    ? {
        runIds: ids,
        filter: state.filter,
        ...(state.a !== ids[0] || state.b !== ids[1] ? { a: state.a, b: state.b } : {}),
        ...(state.filter === 'pair' && state.outcomeA ? { outcomeA: state.outcomeA } : {}),
        ...(state.filter === 'pair' && state.outcomeB ? { outcomeB: state.outcomeB } : {}),
      }
    : null;
  const { head, error, ensure, rowAt } = useMatrixPages(filter, version);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<{ row: number; col: number } | null>(null);
  const total = head?.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const virtualRows = virtualizer.getVirtualItems();
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  // A new filter starts at the top with nothing focused.
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    setFocus(null);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filterKey]);
  useEffect(() => {
    if (!focus) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focus.row}"]`);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  });
  // Many runs scroll sideways: keep the focused run's cell in view (sideways only; rows scroll by the virtualizer).
  const tableRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const table = tableRef.current;
    const cell = focus && scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focus.row}"] .matrix-cell.focused`)?.parentElement;
    if (!table || !cell) return;
    if (cell.offsetLeft < table.scrollLeft) table.scrollLeft = cell.offsetLeft;
    else if (cell.offsetLeft + cell.offsetWidth > table.scrollLeft + table.clientWidth) table.scrollLeft = cell.offsetLeft + cell.offsetWidth - table.clientWidth;
  }, [focus]);

  if (!state) {
    const others = runs.filter((r) => r.id !== run.id);
    return (
      <div className="compare-view" data-testid="compare-view">
        <div className="view-message muted" data-testid="matrix-one-run">
          <p>Only this run is selected. Ctrl/⌘-click runs in the sidebar, or tick their boxes, to see the same items across runs.</p>
          {others.length ? (
            <label>
              Compare with{' '}
              <select
                className="select"
                data-testid="matrix-add-run"
                value=""
                onChange={(event) => setRoute(selectRuns(route, [...ids, Number(event.target.value)]))}
              >
                <option value="" disabled>
                  a run…
                </option>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </div>
    );
  }

  const setState = (next: MatrixState) => setRoute(withViewParams(route, matrixParams(next, ids)), true);
  const names = new Map(runs.map((r) => [r.id, r.name]));
  const columns = head?.runs ?? ids.map((id) => ({ runId: id, name: names.get(id) ?? `run ${id}`, items: 0, onlyHere: 0 }));
  const grid = `minmax(160px, 1.1fr) repeat(${columns.length}, minmax(${CELL_MIN}px, 1fr))`;
  // Past what fits, the matrix scrolls sideways as a whole (header with it).
  const minWidth = 160 + columns.length * (CELL_MIN + 8) + 20;

  const openCell = (row: number, col: number) => {
    const cell = rowAt(row)?.cells[col];
    const runId = columns[col]?.runId;
    if (!cell || runId === undefined) return;
    // The item opens in its own run; the other runs stay selected, and Back returns here.
    setRoute({ runId, tab: 'item', itemId: cell.itemId, compare: ids.filter((id) => id !== runId) });
  };
  const moveFocus = (row: number, col: number) => {
    if (total === 0) return;
    const next = { row: Math.max(0, Math.min(total - 1, row)), col: Math.max(0, Math.min(columns.length - 1, col)) };
    setFocus(next);
    virtualizer.scrollToIndex(next.row, { align: 'auto' });
  };
  const onKey = (event: React.KeyboardEvent, index: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const col = focus?.col ?? 0;
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveFocus(index + 1, col),
      j: () => moveFocus(index + 1, col),
      ArrowUp: () => moveFocus(index - 1, col),
      k: () => moveFocus(index - 1, col),
      ArrowRight: () => moveFocus(index, col + 1),
      l: () => moveFocus(index, col + 1),
      ArrowLeft: () => moveFocus(index, col - 1),
      h: () => moveFocus(index, col - 1),
      Home: () => moveFocus(0, col),
      End: () => moveFocus(total - 1, col),
      PageDown: () => moveFocus(index + 10, col),
      PageUp: () => moveFocus(index - 10, col),
      Enter: () => openCell(index, col),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    }
  };

  const counts = head?.counts;
  const filterButton = (kind: 'all' | 'disagree', label: string, count: number | undefined, title: string) => (
    <button
      type="button"
      className={state.filter === kind ? 'button toggle active' : 'button toggle'}
      aria-pressed={state.filter === kind}
      data-testid={`matrix-filter-${kind}`}
      title={title}
      onClick={() => setState({ ...state, filter: kind, outcomeA: null, outcomeB: null })}
    >
      {label} <span className="count">{fmtCount(count)}</span>
    </button>
  );

  return (
    <div className="compare-view" data-testid="compare-view">
      {head ? <Header page={head} state={state} /> : <p className="matrix-summary muted">{error ?? 'Aligning the runs by item key…'}</p>}
      {head && head.counts.shared > 0 ? (
        <div className="matrix-controls">
          <div className="toolbar matrix-filters" role="group" aria-label="Which keys">
            {filterButton('all', 'All shared keys', counts?.shared, 'Every item key held by two of the selected runs or more')}
            {filterButton('disagree', 'Runs disagree', counts?.disagree, 'Keys whose runs state different verdicts (correct, incorrect, abstained); unlabeled items state none')}
            <span className="muted small" aria-live="polite" data-testid="matrix-total">
              {fmtCount(total)} row{total === 1 ? '' : 's'}
            </span>
            {error ? <span className="inline-error">{error}</span> : null}
          </div>
          <PairPanel page={head} state={state} names={names} onState={setState} />
        </div>
      ) : null}
      {head && head.counts.shared > 0 ? (
        <div ref={tableRef} className="items-table matrix-table" role="grid" aria-rowcount={total + 1} aria-colcount={columns.length + 1} data-testid="matrix-table">
          <div className="matrix-inner" style={{ minWidth }}>
            <div className="items-row items-head matrix-row" role="row" style={{ gridTemplateColumns: grid }}>
              <span className="cell" role="columnheader">
                item key · prompt · gold
              </span>
              {columns.map((column) => (
                <span key={column.runId} className="cell" role="columnheader" title={column.name} data-testid={`matrix-head-${column.runId}`}>
                  {column.name}
                </span>
              ))}
            </div>
            <div className="items-scroll" ref={scrollRef}>
              {total === 0 ? <div className="view-message muted">No shared key matches this filter.</div> : null}
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualRows.map((v) => {
                  const row = rowAt(v.index);
                  const focusedRow = focus?.row === v.index;
                  return (
                    <div
                      key={v.key}
                      data-index={v.index}
                      className={`items-row matrix-row${v.index % 2 ? ' odd' : ''}`}
                      role="row"
                      aria-rowindex={v.index + 2}
                      tabIndex={row ? 0 : -1}
                      data-testid={row ? `matrix-row-${v.index}` : undefined}
                      data-key={row?.key}
                      style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: grid }}
                      onFocus={() => setFocus((current) => (current?.row === v.index ? current : { row: v.index, col: current?.col ?? 0 }))}
                      onKeyDown={(event) => onKey(event, v.index)}
                    >
                      {row ? (
                        <>
                          <span className="cell matrix-key" role="gridcell">
                            <span className="mono" title={row.key}>
                              {row.key}
                            </span>
                            <span className="matrix-prompt muted" title={row.prompt}>
                              {oneLine(row.prompt)}
                              {row.gold !== null ? <> · gold: {oneLine(row.gold)}</> : null}
                            </span>
                          </span>
                          {row.cells.map((cell, col) => (
                            <span key={columns[col]!.runId} className="cell" role="gridcell">
                              <Cell
                                cell={cell}
                                focused={focusedRow && focus.col === col}
                                onOpen={() => {
                                  setFocus({ row: v.index, col });
                                  openCell(v.index, col);
                                }}
                              />
                            </span>
                          ))}
                        </>
                      ) : (
                        <span className="cell muted">…</span>
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
          </div>
        </div>
      ) : null}
      {selected.length > ids.length ? (
        <p className="footnote matrix-footnote" data-testid="matrix-more-runs">
          The matrix shows the first {MAX_MATRIX_RUNS} selected runs; {selected.length - ids.length} more are selected.
        </p>
      ) : null}
      {head && head.counts.shared > 0 ? (
        <p className="footnote matrix-footnote">
          Runs are matched by item key. ↑↓ or j/k move between keys, ←→ or h/l between runs, Enter or a click opens the item in its run.
        </p>
      ) : null}
    </div>
  );
}
