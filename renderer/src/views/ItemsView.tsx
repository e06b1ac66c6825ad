// The items table: virtualized rows over paged data, searchable, filterable
// and sortable by any column (the server keeps each column's order, so a
// million-item run sorts once and pages fast), with the columns of one's
// choosing, suggested grades beside the outcomes, a "confidently wrong" view,
// and a row selection for bulk labels. Each bulk action is one action on the
// annotator's undo stack, the same stack the Item and Label views use (kept
// by the server). Search, filter and order live in the URL (RunView).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Request } from '../../../shared/api/contract.ts';
import { CONFIDENTLY_WRONG, EFFECTIVE_OUTCOMES, ITEM_SORTS, type EffectiveOutcome, type ItemSort } from '../../../shared/domain.ts';
import { call } from '../api/client.ts';
import { useAnnotator } from '../hooks/useAnnotator.ts';
import { useUndoKeys } from '../hooks/useItemKeys.ts';
import { queryParams, useItemPages, type ItemsQuery } from '../hooks/useItemPages.ts';
import { rememberStack, undoOrRedo, useUndoStack } from '../hooks/useUndo.ts';
import { describeError } from '../lib/errors.ts';
import { fmtCount } from '../lib/format.ts';
import { undoNotice } from '../lib/undo.ts';
import { ColumnsMenu } from './items/ColumnsMenu.tsx';
import { firstDirection, gridTemplate, loadColumns, nextSort, saveColumns, SORT_LABELS, toggleColumn, type ItemColumn } from './items/columns.ts';
import { ItemCells } from './items/ItemCells.tsx';
import { ItemsBulkBar } from './items/ItemsBulkBar.tsx';
import { ItemsHead } from './items/ItemsHead.tsx';
import { bulkNotice, bulkScope, isSelected, NO_SELECTION, selectionCount, selectionWord as wordFor, setRows, type RowSelection } from './items/selection.ts';

const ROW_HEIGHT = 28;
// Where each list was scrolled, so coming back from an item lands on the same rows.
const savedOffsets = new Map<string, number>();
const SEARCH_DEBOUNCE_MS = 200;
const LIST_LIMIT = 1000;

interface Props {
  runId: number;
  query: ItemsQuery;
  version: number;
  onQuery: (query: ItemsQuery) => void;
  onOpen: (itemId: number) => void;
  /** Who the bulk labels are written for; defaults to the remembered annotator. */
  annotator?: string;
  /** Undo and redo by key (off while an overlay is open). */
  keysEnabled?: boolean;
  /** Labels changed here: the shell refetches metrics and run counts. */
  onLabeled?: () => void;
  onError?: (message: string) => void;
  onNotice?: (message: string) => void;
}

export function ItemsView({ runId, query, version, onQuery, onOpen, ...props }: Props) {
  const [remembered] = useAnnotator();
  const annotator = props.annotator ?? remembered;
  const [localVersion, setLocalVersion] = useState(0);
  const { total, error, ensure, rowAt } = useItemPages(runId, query, version + localVersion);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [searchDraft, setSearchDraft] = useState(query.search);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const stack = useUndoStack(runId, annotator, version);
  const [columns, setColumns] = useState<ItemColumn[]>(loadColumns);
  const grid = gridTemplate(columns);
  const onToggleColumn = (column: ItemColumn) =>
    setColumns((current) => {
      const next = toggleColumn(current, column);
      saveColumns(next);
      return next;
    });
  const confidentlyWrong =
    query.outcome === CONFIDENTLY_WRONG.outcome && query.sort === CONFIDENTLY_WRONG.sort && query.sortDirection === CONFIDENTLY_WRONG.sortDirection;

  useEffect(() => setSearchDraft(query.search), [query.search]);
  useEffect(() => {
    if (searchDraft === query.search) return;
    const timer = window.setTimeout(() => onQuery({ ...query, search: searchDraft }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [searchDraft, query, onQuery]);

  const listKey = `${runId}|${query.search}|${query.outcome}|${query.sort}|${query.sortDirection}`;
  // A selection belongs to one list: another run, search or filter starts empty.
  const [picked, setPicked] = useState<{ key: string; selection: RowSelection }>({ key: listKey, selection: NO_SELECTION });
  const selection = picked.key === listKey ? picked.selection : NO_SELECTION;
  const anchor = useRef<{ key: string; index: number } | null>(null);
  const updateSelection = useCallback(
    (update: (current: RowSelection) => RowSelection) =>
      setPicked((current) => ({ key: listKey, selection: update(current.key === listKey ? current.selection : NO_SELECTION) })),
    [listKey],
  );
  const selectedCount = selectionCount(selection, total ?? 0);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Restore once the list has its height (before that the browser clamps to 0);
  // only then start recording, so the reset to the top is not saved over it.
  const restoredKey = useRef<string | null>(null);
  useEffect(() => {
    if (total === null || restoredKey.current === listKey) return;
    restoredKey.current = listKey;
    const offset = savedOffsets.get(listKey);
    if (offset && scrollRef.current) scrollRef.current.scrollTop = offset;
  }, [total, listKey]);
  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    if (restoredKey.current === listKey) savedOffsets.set(listKey, event.currentTarget.scrollTop);
  };
  const virtualRows = virtualizer.getVirtualItems();
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => ensure(first, last), [ensure, first, last]);

  // Keyboard focus follows the virtual row once it is rendered.
  useEffect(() => {
    if (focusIndex === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    if (el && document.activeElement !== el) el.focus({ preventScroll: true });
  });

  const moveFocus = (index: number) => {
    if (total === null || total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setFocusIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onRowKey = (event: React.KeyboardEvent<HTMLDivElement>, index: number, itemId: number | undefined) => {
    if (event.key === 'Enter' && itemId !== undefined) {
      event.preventDefault();
      onOpen(itemId);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(index + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveFocus(event.key === 'Home' ? 0 : (total ?? 1) - 1);
    }
  };

  const report = (message: string) => (props.onNotice ? props.onNotice(message) : setStatus(message));
  const fail = (err: unknown) => {
    const message = describeError(err);
    setStatus(message);
    props.onError?.(message);
  };
  const changed = () => {
    setLocalVersion((v) => v + 1);
    props.onLabeled?.();
  };
  const busyRef = useRef(false);
  const run = async (what: string, work: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(what);
    setStatus(null);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  /** Ids of rows [from, to] of the current list, from loaded pages where possible. */
  const idsInRange = async (from: number, to: number): Promise<number[]> => {
    const ids: number[] = [];
    let missing = false;
    for (let i = from; i <= to; i++) {
      const row = rowAt(i);
      if (row) ids.push(row.id);
      else missing = true;
    }
    if (!missing) return ids;
    const fetched: number[] = [];
    for (let offset = from; offset <= to; offset += LIST_LIMIT) {
      const limit = Math.min(LIST_LIMIT, to - offset + 1);
      const page = await call('items/list', { runId, offset, limit, ...queryParams(query) });
      fetched.push(...page.rows.map((row) => row.id));
    }
    return fetched;
  };

  /** A click or Space on a row's box: toggles it, or with Shift the range from the last one toggled. */
  const toggleRow = (index: number, id: number, range: boolean) => {
    const on = !isSelected(selection, id);
    const from = range && anchor.current?.key === listKey ? anchor.current.index : null;
    anchor.current = { key: listKey, index };
    if (from === null || from === index) {
      updateSelection((current) => setRows(current, [id], on));
      return;
    }
    const [lo, hi] = from < index ? [from, index] : [index, from];
    idsInRange(lo, hi).then((ids) => updateSelection((current) => setRows(current, ids, on)), fail);
  };

  const toggleAll = () => {
    anchor.current = null;
    updateSelection((current) => (selectionCount(current, total ?? 0) === (total ?? 0) && (total ?? 0) > 0 ? NO_SELECTION : { all: true, except: new Set() }));
  };

  const bulk = (action: Request<'labels/bulk'>['action'], what: string) =>
    run(what, async () => {
      const scope = await bulkScope(selection, queryParams(query), () => idsInRange(0, (total ?? 0) - 1));
      const { count, stack: after } = await call('labels/bulk', { runId, annotator, ...scope, action, what });
      rememberStack(runId, annotator, after);
      setPicked({ key: listKey, selection: NO_SELECTION });
      changed();
      report(bulkNotice(what, count, fmtCount));
    });

  const replay = (from: 'undo' | 'redo') =>
    run(from, async () => {
      const result = await undoOrRedo(from, runId, annotator);
      if (result.action) changed();
      report(undoNotice(from, result));
    });
  useUndoKeys(props.keysEnabled ?? true, { undo: () => void replay('undo'), redo: () => void replay('redo') });

  const suggest = () =>
    run('suggest', async () => {
      const { suggested } = await call('runs/suggest', { runId });
      changed();
      report(`Suggested a grade for ${fmtCount(suggested)} item${suggested === 1 ? '' : 's'}; suggestions count only once accepted.`);
    });

  const selectionWord = wordFor(selection, fmtCount(selectedCount));
  const headChecked = (total ?? 0) > 0 && selectedCount === total;
  const headMixed = selectedCount > 0 && !headChecked;

  return (
    <div className="items-view">
      <div className="toolbar">
        <input
          className="text-input items-search"
          type="search"
          placeholder="Search prompt, answer, gold, key"
          aria-label="Search items"
          data-testid="items-search"
          value={searchDraft}
          onChange={(e) => setSearchDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              moveFocus(0);
            }
          }}
        />
        <select
          className="select"
          aria-label="Filter by outcome"
          data-testid="items-outcome-filter"
          value={query.outcome}
          onChange={(e) => onQuery({ ...query, outcome: e.target.value as EffectiveOutcome | 'all' })}
        >
          <option value="all">all outcomes</option>
          {EFFECTIVE_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
        <label className="items-sort">
          <span className="muted small">sort</span>
          <select
            className="select"
            aria-label="Sort by"
            data-testid="items-sort"
            value={query.sort}
            onChange={(e) => {
              const sort = e.target.value as ItemSort;
              onQuery({ ...query, sort, sortDirection: firstDirection(sort) });
            }}
          >
            {ITEM_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="icon-button"
            data-testid="items-sort-direction"
            aria-label={query.sortDirection === 'asc' ? 'Ascending: reverse' : 'Descending: reverse'}
            title={`${query.sortDirection === 'asc' ? 'Ascending' : 'Descending'}; click to reverse`}
            onClick={() => onQuery({ ...query, sortDirection: query.sortDirection === 'asc' ? 'desc' : 'asc' })}
          >
            {query.sortDirection === 'asc' ? '\u2191' : '\u2193'}
          </button>
        </label>
        <button
          type="button"
          className={confidentlyWrong ? 'button toggle active' : 'button toggle'}
          data-testid="items-confidently-wrong"
          aria-pressed={confidentlyWrong}
          onClick={() => onQuery(confidentlyWrong ? { ...query, outcome: 'all', sort: 'order', sortDirection: 'asc' } : { ...query, ...CONFIDENTLY_WRONG })}
          title="Incorrect items (by the outcome the metrics count), highest confidence first: the Label queue “most expensive first” restricted to incorrect items"
        >
          Confidently wrong
        </button>
        <ColumnsMenu columns={columns} onToggle={onToggleColumn} />
        <span className="muted small items-total" aria-live="polite" data-testid="items-total">
          {total === null ? 'Loading…' : `${fmtCount(total)} item${total === 1 ? '' : 's'}`}
        </span>
        {error ? <span className="inline-error">{error}</span> : null}
        <span className="spacer" />
        <button
          type="button"
          className="button"
          data-testid="suggest-grades"
          disabled={busy !== null}
          onClick={() => void suggest()}
          title="Suggest a grade for every item of this run: an abstention phrase is abstained; the answer equal to the gold, or containing it, is correct; otherwise incorrect. Suggestions never count until accepted and never change a label."
        >
          {busy === 'suggest' ? 'Suggesting…' : 'Suggest grades'}
        </button>
      </div>
      <ItemsBulkBar
        selectedCount={selectedCount}
        selectionWord={selectionWord}
        annotator={annotator}
        busy={busy !== null}
        status={status}
        stack={stack}
        onBulk={(action, what) => void bulk(action, what)}
        onClearSelection={() => setPicked({ key: listKey, selection: NO_SELECTION })}
        onUndo={() => void replay('undo')}
        onRedo={() => void replay('redo')}
      />
      <div className="items-table" role="grid" aria-rowcount={total ?? 0} data-testid="items-table">
        <ItemsHead
          columns={columns}
          grid={grid}
          sort={query.sort}
          sortDirection={query.sortDirection}
          onSort={(sort) => onQuery({ ...query, ...nextSort(query, sort) })}
          select={{ checked: headChecked, mixed: headMixed, disabled: !total, onToggle: toggleAll, total: total ?? 0 }}
        />
        <div className="items-scroll" ref={scrollRef} onScroll={onScroll}>
          {total === 0 ? (
            <div className="view-message muted">
              {query.search || query.outcome !== 'all' ? 'No items match this search and filter.' : 'This run has no items.'}
            </div>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualRows.map((v) => {
              const row = rowAt(v.index);
              const checked = row ? isSelected(selection, row.id) : false;
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  className={`items-row${v.index % 2 ? ' odd' : ''}${checked ? ' selected' : ''}`}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={row ? checked : undefined}
                  tabIndex={row ? 0 : -1}
                  data-testid={row ? `item-row-${row.id}` : undefined}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: grid }}
                  onClick={() => row && onOpen(row.id)}
                  onFocus={() => setFocusIndex(v.index)}
                  onKeyDown={(e) => {
                    if (e.key === ' ' && row && e.target === e.currentTarget) {
                      e.preventDefault();
                      toggleRow(v.index, row.id, e.shiftKey);
                    } else onRowKey(e, v.index, row?.id);
                  }}
                >
                  {row ? (
                    <>
                      {/* The whole cell toggles, so a near miss does not open the item. */}
                      <label className="cell check-col" onClick={(e) => e.stopPropagation()}>
                        <input
                          type="checkbox"
                          aria-label={`Select item ${row.key}`}
                          data-testid={`item-select-${row.id}`}
                          checked={checked}
                          tabIndex={-1}
                          onChange={(e) => toggleRow(v.index, row.id, (e.nativeEvent as MouseEvent).shiftKey === true)}
                        />
                      </label>
                      <ItemCells row={row} columns={columns} />
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
  );
}
