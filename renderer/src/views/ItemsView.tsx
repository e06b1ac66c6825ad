// The items table: virtualized rows over paged data, searchable and filterable.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { EFFECTIVE_OUTCOMES, type EffectiveOutcome } from '../../../shared/domain.ts';
import { OutcomeBadge } from '../components/OutcomeBadge.tsx';
import { useItemPages, type ItemsQuery } from '../hooks/useItemPages.ts';
import { fmt3, fmtCount } from '../lib/format.ts';

const ROW_HEIGHT = 28;
// Where each list was scrolled, so coming back from an item lands on the same rows.
const savedOffsets = new Map<string, number>();
const SEARCH_DEBOUNCE_MS = 200;

interface Props {
  runId: number;
  query: ItemsQuery;
  version: number;
  onQuery: (query: ItemsQuery) => void;
  onOpen: (itemId: number) => void;
}

export function ItemsView({ runId, query, version, onQuery, onOpen }: Props) {
  const { total, error, ensure, rowAt } = useItemPages(runId, query, version);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [searchDraft, setSearchDraft] = useState(query.search);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  useEffect(() => setSearchDraft(query.search), [query.search]);
  useEffect(() => {
    if (searchDraft === query.search) return;
    const timer = window.setTimeout(() => onQuery({ ...query, search: searchDraft }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [searchDraft, query, onQuery]);

  const listKey = `${runId}|${query.search}|${query.outcome}`;
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
        <span className="muted small" aria-live="polite">
          {total === null ? 'Loading…' : `${fmtCount(total)} item${total === 1 ? '' : 's'}`}
        </span>
        {error ? <span className="inline-error">{error}</span> : null}
      </div>
      <div className="items-table" role="grid" aria-rowcount={total ?? 0} data-testid="items-table">
        <div className="items-row items-head" role="row">
          <span role="columnheader">key</span>
          <span role="columnheader">prompt</span>
          <span role="columnheader">answer</span>
          <span role="columnheader">gold</span>
          <span role="columnheader" className="num-col">
            confidence
          </span>
          <span role="columnheader">outcome</span>
        </div>
        <div className="items-scroll" ref={scrollRef} onScroll={onScroll}>
          {total === 0 ? (
            <div className="view-message muted">
              {query.search || query.outcome !== 'all' ? 'No items match this search and filter.' : 'This run has no items.'}
            </div>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualRows.map((v) => {
              const row = rowAt(v.index);
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  className={v.index % 2 ? 'items-row odd' : 'items-row'}
                  role="row"
                  aria-rowindex={v.index + 2}
                  tabIndex={row ? 0 : -1}
                  data-testid={row ? `item-row-${row.id}` : undefined}
                  style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => row && onOpen(row.id)}
                  onFocus={() => setFocusIndex(v.index)}
                  onKeyDown={(e) => onRowKey(e, v.index, row?.id)}
                >
                  {row ? (
                    <>
                      <span className="cell mono" title={row.key}>
                        {row.key}
                      </span>
                      <span className="cell">{oneLine(row.prompt)}</span>
                      <span className="cell">{oneLine(row.answer)}</span>
                      <span className="cell">{row.gold === null ? <span className="muted">—</span> : oneLine(row.gold)}</span>
                      <span className="cell num-col">
                        {row.confidence === null ? <span className="muted" title="no confidence stated">—</span> : fmt3(row.confidence)}
                      </span>
                      <span className="cell">
                        <OutcomeBadge outcome={row.outcome} />
                        {row.label ? (
                          <span className="label-mark" title={`labeled by ${row.labelAnnotator ?? 'someone'}`}>
                            ✎
                          </span>
                        ) : null}
                      </span>
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

// Long cells are cut for the table only; the item view shows the full text.
function oneLine(text: string): string {
  const flat = text.length > 400 ? text.slice(0, 400) : text;
  return flat.replace(/\s+/g, ' ');
}
