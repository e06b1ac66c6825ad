// The shell: sidebar, tabs, status bar, and the state they share (runs, route,
// jobs, errors). Views fetch their own data; the engine computes every number.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bridge, call } from './api/client.ts';
import type { AppInfo } from '../../shared/api/contract.ts';
import type { RunSummary } from '../../shared/domain.ts';
import { CommandPalette } from './components/CommandPalette.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { useAnnotator } from './hooks/useAnnotator.ts';
import { useFileImport } from './hooks/useFileImport.ts';
import { ImportDialog } from './views/import/ImportDialog.tsx';
import { useGlobalKeys } from './hooks/useGlobalKeys.ts';
import { useHashRoute } from './hooks/useHashRoute.ts';
import type { ItemsQuery } from './hooks/useItemPages.ts';
import { useJobs } from './hooks/useJobs.ts';
import { useRunManagement } from './hooks/useRunManagement.ts';
import { useRunMetrics } from './hooks/useRunMetrics.ts';
import { useTheme } from './hooks/useTheme.ts';
import { describeApiError, describeError } from './lib/errors.ts';
import { fmtCount } from './lib/format.ts';
import { selectedRunIds, selectRuns, toggleRun, type Tab } from './lib/route.ts';
import { tagFilter } from './lib/run-list.ts';
import { importedRunIds, importSummary, keptFilesNote, paletteCommands, queryOf } from './shell.ts';
import { EmptyState } from './views/EmptyState.tsx';
import { DeleteRunDialog } from './views/runs/DeleteRunDialog.tsx';
import { RunEditDialog } from './views/runs/RunEditDialog.tsx';
import { RunView } from './views/RunView.tsx';
import { EXTRA_TABS } from './views/tabs/registry.tsx';

/** The modifier the platform's shortcuts use, for the palette's hints. */
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '\u2318' : 'Ctrl+';

/** Every tab of a run, in the order the tab bar shows them. */
const VIEWS: Array<{ tab: Tab; label: string }> = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'items', label: 'Items' },
  { tab: 'item', label: 'Item' },
  ...EXTRA_TABS.map(({ tab, label }) => ({ tab, label })),
];

export function App() {
  const { theme, toggle: toggleTheme } = useTheme();
  const [annotator, setAnnotator] = useAnnotator();
  const [route, setRoute] = useHashRoute();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [lastError, setLastError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const [demoBusy, setDemoBusy] = useState(false);
  const [queries, setQueries] = useState<Record<number, ItemsQuery>>({});
  const [runFilter, setRunFilter] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const showError = useCallback((message: string) => {
    setBanner(message);
    setLastError(message);
  }, []);

  const refreshRuns = useCallback(async (): Promise<RunSummary[]> => {
    const list = await call('runs/list', {});
    setRuns(list);
    return list;
  }, []);

  useEffect(() => {
    Promise.all([call('app/info', {}), call('runs/list', {})]).then(
      ([appInfo, list]) => {
        setInfo(appInfo);
        setRuns(list);
        document.body.dataset.ready = 'true';
      },
      (error: unknown) => {
        setRuns((current) => current ?? []);
        showError(describeError(error));
      },
    );
  }, [showError]);

  const openRun = useCallback((runId: number, tab: Tab = 'overview') => setRoute({ runId, tab, itemId: null }), [setRoute]);

  const { jobs, track, cancel } = useJobs({
    onSettled: (job) => {
      if (job.state === 'done') {
        setNotice(importSummary(job));
        refreshRuns().then(
          (list) => {
            const first = importedRunIds(job).find((id) => list.some((run) => run.id === id));
            if (first !== undefined) openRun(first);
          },
          (error: unknown) => showError(describeError(error)),
        );
      } else {
        // Files imported before a failure or a cancel stay (each file is whole or absent): say which.
        const keptNote = keptFilesNote(job);
        if (keptNote) void refreshRuns().catch((error: unknown) => showError(describeError(error)));
        if (job.state === 'failed') showError(`${job.error ? describeApiError(job.error) : job.message || 'The import failed.'}${keptNote}`);
        else setNotice(`Import cancelled.${keptNote}`);
      }
    },
    onPollError: showError,
  });

  const fileImport = useFileImport({ track, onError: showError });
  const { importFiles, dragging } = fileImport;
  const openFilePicker = useCallback(() => fileInput.current?.click(), []);
  const folderInput = useRef<HTMLInputElement>(null);
  // A folder (a HELM run, an lm-eval output folder) is picked whole; its files keep their relative paths.
  const openFolderPicker = useCallback(() => folderInput.current?.click(), []);

  const loadDemo = useCallback(async () => {
    setDemoBusy(true);
    try {
      const { runIds } = await call('demo/load', {});
      const list = await refreshRuns();
      const first = runIds.find((id) => list.some((run) => run.id === id)) ?? list[0]?.id;
      if (first !== undefined) openRun(first, 'overview');
    } catch (error) {
      showError(describeError(error));
    } finally {
      setDemoBusy(false);
    }
  }, [refreshRuns, openRun, showError]);

  const loadExample = useCallback(async () => {
    try {
      const { runIds } = await call('examples/load', {});
      const list = await refreshRuns();
      const first = runIds.find((id) => list.some((run) => run.id === id));
      if (first !== undefined) openRun(first, 'overview');
      setNotice(`Loaded the SimpleQA example (${fmtCount(runIds.length)} runs): tick them in the sidebar to compare them in Rubrics.`);
    } catch (error) {
      showError(describeError(error));
    }
  }, [refreshRuns, openRun, showError]);

  // A tab of the current selection (compared runs stay selected).
  const openTab = useCallback(
    (tab: Tab) => {
      if (route.runId !== null) setRoute({ ...route, tab, itemId: null });
    },
    [route, setRoute],
  );

  const routeRef = useRef(route);
  routeRef.current = route;
  const runManagement = useRunManagement({
    refreshRuns,
    onDeleted: (deleted) => {
      const current = routeRef.current;
      const left = selectedRunIds(current).filter((id) => id !== deleted);
      if (left.length !== selectedRunIds(current).length) setRoute(selectRuns(current, left));
    },
    onError: showError,
    onNotice: setNotice,
  });

  useEffect(() => {
    if (!bridge) return;
    return bridge.onEvent((event) => {
      if (event.type === 'import-paths') void fileImport.importPaths(event.paths);
      else if (event.action === 'import') openFilePicker();
      else if (event.action === 'load-demo') void loadDemo();
      else if (event.action === 'toggle-theme') toggleTheme();
      else if (event.action === 'help') setHelpOpen(true);
    });
  }, [fileImport.importPaths, openFilePicker, loadDemo, toggleTheme]);

  useGlobalKeys({
    openImport: openFilePicker,
    // The Report tab offers every export; in Electron, File > Export report prints to PDF too.
    exportReport: () => openTab('report'),
    toggleHelp: () => setHelpOpen((open) => !open),
    togglePalette: () => {
      setHelpOpen(false);
      setPaletteOpen((open) => !open);
    },
    escape: () => {
      if (runManagement.dialog) return;
      if (paletteOpen) setPaletteOpen(false);
      else if (helpOpen) setHelpOpen(false);
      else setBanner(null);
    },
  });

  const selectedRun = useMemo(() => runs?.find((run) => run.id === route.runId) ?? null, [runs, route.runId]);
  const { metrics, error: metricsError } = useRunMetrics(selectedRun?.id ?? null, version);

  // The window title names the selection, so a window can be told apart (and reopened) by it.
  const alsoSelected = selectedRun ? selectedRunIds(route).length - 1 : 0;
  useEffect(() => {
    const more = alsoSelected > 0 ? ` + ${alsoSelected} more` : '';
    document.title = selectedRun ? `${selectedRun.name}${more} — Candor` : 'Candor';
  }, [selectedRun, alsoSelected]);

  const onLabeled = useCallback(() => {
    setVersion((v) => v + 1);
    refreshRuns().catch((error: unknown) => showError(describeError(error)));
  }, [refreshRuns, showError]);

  const runId = selectedRun?.id;
  const query = queryOf(queries, runId);
  const setQuery = useCallback(
    (next: ItemsQuery) => {
      if (runId !== undefined) setQueries((all) => ({ ...all, [runId]: next }));
    },
    [runId],
  );

  const commands = () =>
    paletteCommands({
      views: VIEWS,
      selectedRun,
      currentTab: route.tab,
      runs,
      theme,
      mod: MOD,
      openTab,
      openRun: (id) => openRun(id),
      importFiles: openFilePicker,
      importFolder: openFolderPicker,
      loadDemo: () => void loadDemo(),
      loadExample: () => void loadExample(),
      toggleTheme,
      openHelp: () => setHelpOpen(true),
      runAction: runManagement.open,
      undoRunEdit: runManagement.undoable ? { what: runManagement.undoable, run: () => void runManagement.undo() } : null,
      tags: [...new Set((runs ?? []).flatMap((run) => run.tags.map((tag) => tag.toLowerCase())))].map(
        (lower) => (runs ?? []).flatMap((run) => run.tags).find((tag) => tag.toLowerCase() === lower)!,
      ),
      filterByTag: (tag) => setRunFilter(tagFilter(tag)),
    });

  let main: React.JSX.Element;
  if (runs === null) {
    main = <div className="view-message muted">Loading…</div>;
  } else if (!selectedRun) {
    main = (
      <>
        {route.runId !== null && runs.length > 0 ? (
          <div className="view-message muted">Run {route.runId} is not in this database.</div>
        ) : null}
        <EmptyState hasRuns={runs.length > 0} onDemo={() => void loadDemo()} busy={demoBusy} />
      </>
    );
  } else {
    main = (
      <RunView
        run={selectedRun}
        runs={runs}
        route={route}
        setRoute={setRoute}
        metrics={metrics}
        metricsError={metricsError}
        theme={theme}
        query={query}
        onQuery={setQuery}
        version={version}
        annotator={annotator}
        keysEnabled={!helpOpen && !paletteOpen && !fileImport.pending && !runManagement.dialog}
        onLabeled={onLabeled}
        onError={showError}
        onNotice={setNotice}
      />
    );
  }

  return (
    <div className="app">
      <Sidebar
        runs={runs}
        selectedRunId={selectedRun?.id ?? null}
        selectedRunIds={selectedRun ? selectedRunIds(route) : []}
        jobs={jobs}
        theme={theme}
        onSelect={(id) => openRun(id)}
        onToggle={(id) => setRoute(toggleRun(route, id))}
        onClearSelection={() => setRoute(selectRuns(route, route.runId === null ? [] : [route.runId]))}
        onImport={openFilePicker}
        onImportFolder={openFolderPicker}
        onCancelJob={(id) => void cancel(id)}
        onToggleTheme={toggleTheme}
        onHelp={() => setHelpOpen(true)}
        filter={runFilter}
        onFilter={setRunFilter}
        onRunAction={runManagement.open}
        editNote={runManagement.note}
        onUndoEdit={runManagement.undoable ? () => void runManagement.undo() : undefined}
        onDismissEdit={runManagement.dismissNote}
      />
      <main className="main">
        {banner ? (
          <ErrorBanner
            message={banner}
            onDismiss={() => {
              setBanner(null);
              // The dismiss button goes away with the banner; keep focus in the app.
              document.querySelector<HTMLElement>('.tabs [aria-selected="true"], [data-testid="import-button"]')?.focus();
            }}
          />
        ) : null}
        {main}
      </main>
      <StatusBar info={info} annotator={annotator} onAnnotator={setAnnotator} jobs={jobs} lastError={lastError} notice={notice} />
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Reset so choosing the same file again still fires change.
          event.currentTarget.value = '';
          void importFiles(files);
        }}
      />
      <input
        ref={(element) => {
          folderInput.current = element;
          // Not in React's input props: the attribute that makes the picker choose folders.
          element?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        data-testid="import-folder-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          void importFiles(files);
        }}
      />
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-box">Drop run files to import</div>
        </div>
      ) : null}
      {helpOpen ? <HelpOverlay onClose={() => setHelpOpen(false)} /> : null}
      {paletteOpen ? (
        <CommandPalette
          commands={commands()}
          onClose={() => setPaletteOpen(false)}
          onRun={(command) => {
            // Close first: the palette hands focus back before the command moves it.
            setPaletteOpen(false);
            command.run();
          }}
        />
      ) : null}
      {runManagement.dialog?.kind === 'edit' ? (
        <RunEditDialog
          key={runManagement.dialog.run.id}
          run={runManagement.dialog.run}
          focus={runManagement.dialog.focus}
          knownTags={[...new Set((runs ?? []).flatMap((run) => run.tags))]}
          onSave={(fields) => runManagement.dialog && void runManagement.save(runManagement.dialog.run.id, fields)}
          onCancel={runManagement.close}
        />
      ) : null}
      {runManagement.dialog?.kind === 'delete' ? (
        <DeleteRunDialog
          run={runManagement.dialog.run}
          busy={runManagement.busy}
          onConfirm={() => runManagement.dialog && void runManagement.confirmDelete(runManagement.dialog.run)}
          onCancel={runManagement.close}
        />
      ) : null}
      {fileImport.pending ? (
        <ImportDialog
          pending={fileImport.pending}
          upload={fileImport.upload}
          onOption={(index, key, value) => void fileImport.setOption(index, key, value)}
          onConfirm={() => void fileImport.confirm()}
          onCancel={fileImport.cancel}
        />
      ) : null}
    </div>
  );
}
