// One run: its header, the three tabs, and the view the route names.
import { useCallback, useEffect, useRef } from 'react';
import type { RunSummary } from '../../../shared/domain.ts';
import type { RunMetrics } from '../../../shared/metrics/types.ts';
import type { PlotTheme } from '../../../shared/plots/reliability.ts';
import { queryParams, type ItemsQuery } from '../hooks/useItemPages.ts';
import { useVerb } from '../hooks/useVerb.ts';
import { fmtCount } from '../lib/format.ts';
import type { Route, Tab } from '../lib/route.ts';
import { ItemsView } from './ItemsView.tsx';
import { ItemView } from './ItemView.tsx';
import { useItemsQueryInUrl } from './items/useItemsQueryInUrl.ts';
import { Overview } from './Overview.tsx';
import { EXTRA_TABS } from './tabs/registry.tsx';

interface Props {
  run: RunSummary;
  runs: RunSummary[];
  route: Route;
  setRoute: (route: Route, replace?: boolean) => void;
  metrics: RunMetrics | null;
  metricsError: string | null;
  theme: PlotTheme;
  query: ItemsQuery;
  onQuery: (query: ItemsQuery) => void;
  version: number;
  annotator: string;
  keysEnabled: boolean;
  onLabeled: () => void;
  onError: (message: string) => void;
  onNotice: (message: string) => void;
}

const TABS: Array<{ tab: Tab; label: string }> = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'items', label: 'Items' },
  { tab: 'item', label: 'Item' },
  ...EXTRA_TABS.map(({ tab, label }) => ({ tab, label })),
];

export function RunView(props: Props) {
  const { run, route, setRoute, onError } = props;
  // On the Items tab the URL carries the search, filter and order.
  const [query, setQuery] = useItemsQueryInUrl(route.tab === 'items', route, setRoute, props.query, props.onQuery);
  // The item the Item tab returns to, per run.
  const lastItem = useRef(new Map<number, number>());
  if (route.tab === 'item' && route.itemId !== null) lastItem.current.set(run.id, route.itemId);

  const openItem = useCallback((itemId: number) => setRoute({ runId: run.id, tab: 'item', itemId }), [run.id, setRoute]);

  // The Item tab without an item opens the first one the current filter shows.
  const wantsFirst = route.tab === 'item' && route.itemId === null;
  const first = useVerb('items/list', wantsFirst ? { runId: run.id, offset: 0, limit: 1, ...queryParams(query) } : null);
  const firstId = wantsFirst ? (first.value?.rows[0]?.id ?? null) : null;
  useEffect(() => {
    if (firstId !== null) setRoute({ runId: run.id, tab: 'item', itemId: firstId }, true);
  }, [firstId, run.id, setRoute]);
  useEffect(() => {
    if (first.error) onError(first.error);
  }, [first.error, onError]);

  // What a tab reads before it can ask for its numbers (the Calibration tab's remembered
  // settings) is read as the run opens, so a first visit asks at once.
  useEffect(() => {
    for (const extra of EXTRA_TABS) extra.prefetch?.(run.id);
  }, [run.id]);

  // A run opened from a button that then disappears (demo, empty state) would
  // leave focus on <body>; give it to the current tab instead.
  const tabsRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) {
      tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus({ preventScroll: true });
    }
  }, [run.id]);

  const selectTab = (tab: Tab) => {
    const itemId = tab === 'item' ? (lastItem.current.get(run.id) ?? null) : null;
    // The compared runs stay selected (as the palette's tab commands keep them).
    setRoute({ runId: run.id, tab, itemId, ...(route.compare?.length ? { compare: route.compare } : {}) });
  };

  return (
    <div className="run-view">
      <header className="run-header">
        <h1 className="run-title" title={run.sourcePath}>
          {run.name}
        </h1>
        <span className="run-facts muted">
          {run.model ?? 'unknown model'} · {run.task ?? 'unknown task'} · {fmtCount(run.itemCount)} items ·{' '}
          {fmtCount(run.labeledCount)} labeled · {run.format}
          {run.metadata.confidenceScale === 'percent' ? (
            <span data-testid="run-percent">
              {' '}
              · confidences stated in percent, divided by 100
              {typeof run.metadata.confidenceScaleReason === 'string' ? ` (${run.metadata.confidenceScaleReason})` : ''}
            </span>
          ) : null}
        </span>
      </header>
      <nav className="tabs" role="tablist" aria-label="Run views" ref={tabsRef}>
        {TABS.map(({ tab, label }) => (
          <button
            key={tab}
            type="button"
            role="tab"
            className="tab"
            data-testid={`tab-${tab}`}
            aria-selected={route.tab === tab}
            onClick={() => selectTab(tab)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div className="tab-body">
        {route.tab === 'overview' ? (
          <Overview run={run} metrics={props.metrics} error={props.metricsError} theme={props.theme} />
        ) : null}
        {route.tab === 'items' ? (
          <ItemsView
            runId={run.id}
            query={query}
            version={props.version}
            onQuery={setQuery}
            onOpen={openItem}
            annotator={props.annotator}
            keysEnabled={props.keysEnabled}
            onLabeled={props.onLabeled}
            onError={onError}
            onNotice={props.onNotice}
          />
        ) : null}
        {route.tab === 'item' && route.itemId !== null ? (
          <ItemView
            itemId={route.itemId}
            query={query}
            annotator={props.annotator}
            keysEnabled={props.keysEnabled}
            version={props.version}
            metrics={props.metrics}
            runItemCount={run.itemCount}
            onNavigate={openItem}
            onLabeled={props.onLabeled}
            onError={onError}
            onNotice={props.onNotice}
          />
        ) : null}
        {route.tab === 'item' && route.itemId === null ? <div className="view-message muted">No item to show.</div> : null}
        {EXTRA_TABS.filter(({ tab }) => tab === route.tab).map(({ tab, render }) => (
          <div key={tab} className="extra-tab">
            {render({
              run,
              runs: props.runs,
              route,
              setRoute,
              metrics: props.metrics,
              theme: props.theme,
              annotator: props.annotator,
              keysEnabled: props.keysEnabled,
              version: props.version,
              onLabeled: props.onLabeled,
              onError,
              onNotice: props.onNotice,
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
