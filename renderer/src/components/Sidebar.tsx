// The runs list: filter, group, select, import. Arrow keys move through the list.
// Ctrl/Cmd-click or a run's checkbox adds it to the selection: several selected
// runs are compared (the Rubrics tab). Runs can be grouped by model or by task;
// the choice is remembered.
import { useCallback, useMemo, useState } from 'react';
import '../styles/selection.css';
import type { Job } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { fmtCount, fmtPercent } from '../lib/format.ts';
import { JobProgress } from './JobProgress.tsx';

interface SidebarProps {
  runs: RunSummary[] | null;
  selectedRunId: number | null;
  /** Every selected run, the current one first. */
  selectedRunIds: number[];
  jobs: Job[];
  theme: 'light' | 'dark';
  onSelect: (runId: number) => void;
  /** Adds the run to the selection or takes it out. */
  onToggle: (runId: number) => void;
  onClearSelection: () => void;
  onImport: () => void;
  onImportFolder: () => void;
  onCancelJob: (jobId: string) => void;
  onToggleTheme: () => void;
  onHelp: () => void;
}

export type RunGrouping = 'none' | 'model' | 'task';
const GROUPING_KEY = 'candor-run-grouping';

function storedGrouping(): RunGrouping {
  try {
    const value = localStorage.getItem(GROUPING_KEY);
    return value === 'model' || value === 'task' ? value : 'none';
  } catch {
    return 'none';
  }
}

export interface RunGroup {
  /** the model or task, or null for runs without one */
  key: string | null;
  runs: RunSummary[];
}

/** Runs in groups by model or task, named groups alphabetically, the unnamed group last; runs keep their order. */
export function groupRuns(runs: readonly RunSummary[], by: Exclude<RunGrouping, 'none'>): RunGroup[] {
  const groups = new Map<string | null, RunSummary[]>();
  for (const run of runs) {
    const key = (by === 'model' ? run.model : run.task) || null;
    const list = groups.get(key);
    if (list) list.push(run);
    else groups.set(key, [run]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, runs: list }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key, undefined, { numeric: true, sensitivity: 'base' })));
}

function matches(run: RunSummary, needle: string): boolean {
  if (!needle) return true;
  return [run.name, run.model ?? '', run.task ?? '', run.format].some((text) => text.toLowerCase().includes(needle));
}

export function Sidebar(props: SidebarProps) {
  const { runs, selectedRunId, selectedRunIds, jobs, theme } = props;
  const [filter, setFilter] = useState('');
  const [grouping, setGroupingState] = useState<RunGrouping>(storedGrouping);
  const setGrouping = useCallback((next: RunGrouping) => {
    setGroupingState(next);
    try {
      localStorage.setItem(GROUPING_KEY, next);
    } catch {
      // Private mode or quota: the choice still holds for this session.
    }
  }, []);
  const visible = useMemo(() => (runs ?? []).filter((run) => matches(run, filter.trim().toLowerCase())), [runs, filter]);
  const groups = useMemo(() => (grouping === 'none' ? null : groupRuns(visible, grouping)), [visible, grouping]);

  const entry = (run: RunSummary) => (
    <li key={run.id} className="run-row">
      <RunEntry
        run={run}
        selected={run.id === selectedRunId}
        inSelection={selectedRunIds.includes(run.id)}
        onSelect={props.onSelect}
        onToggle={props.onToggle}
      />
    </li>
  );

  const onListKey = (event: React.KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button.run-item'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <aside className="sidebar">
      <div className="sidebar-head">
        <span className="brand">Candor</span>
        <span className="spacer" />
        <label className="run-grouping" title="Group the runs by model or by task">
          <span className="muted small">Group</span>
          <select
            className="select compact"
            data-testid="run-grouping"
            aria-label="Group runs by"
            value={grouping}
            onChange={(event) => setGrouping(event.target.value as RunGrouping)}
          >
            <option value="none">none</option>
            <option value="model">model</option>
            <option value="task">task</option>
          </select>
        </label>
        <button
          type="button"
          className="icon-button"
          data-testid="theme-toggle"
          onClick={props.onToggleTheme}
          title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '\u263C' : '\u263E'}
        </button>
        <button type="button" className="icon-button" onClick={props.onHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
      <div className="sidebar-actions">
        <button type="button" className="button primary" data-testid="import-button" onClick={props.onImport} title="Import run files (Ctrl/⌘+O)">
          Import…
        </button>
        <button type="button" className="button" data-testid="import-folder-button" onClick={props.onImportFolder} title="Import every run in a folder (a HELM run, an lm-eval output folder)">
          Folder…
        </button>
        <span className="muted small">or drop files or folders anywhere</span>
      </div>
      {jobs.map((job) => (
        <JobProgress key={job.id} job={job} onCancel={props.onCancelJob} />
      ))}
      <input
        className="text-input run-filter"
        type="search"
        placeholder="Filter runs"
        aria-label="Filter runs"
        data-testid="run-filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {selectedRunIds.length > 1 ? (
        <div className="selection-bar" data-testid="selection-bar">
          <span>
            {selectedRunIds.length} runs selected: compared in Rubrics
          </span>
          <button type="button" className="link-button" data-testid="selection-clear" onClick={props.onClearSelection}>
            Clear
          </button>
        </div>
      ) : null}
      <ul className="run-list" data-testid="run-list" aria-label="Runs" onKeyDown={onListKey}>
        {runs === null ? <li className="muted small pad">Loading runs…</li> : null}
        {runs !== null && runs.length === 0 ? <li className="muted small pad">No runs yet.</li> : null}
        {runs !== null && runs.length > 0 && visible.length === 0 ? (
          <li className="muted small pad">No run matches “{filter}”.</li>
        ) : null}
        {groups === null
          ? visible.map(entry)
          : groups.map((group, index) => {
              const name = group.key ?? `unknown ${grouping}`;
              const count = `${fmtCount(group.runs.length)} run${group.runs.length === 1 ? '' : 's'}`;
              return (
                <li key={`${grouping}:${group.key ?? ''}`} className="run-group">
                  <div className="run-group-head" data-testid={`run-group-${index}`} title={`${grouping}: ${name}, ${count}`}>
                    <span className={group.key === null ? 'run-group-name muted' : 'run-group-name'}>{name}</span>
                    <span className="run-group-count" data-testid={`run-group-count-${index}`} aria-label={count}>
                      {fmtCount(group.runs.length)}
                    </span>
                  </div>
                  <ul className="run-group-list" aria-label={`${name}, ${count}`}>
                    {group.runs.map(entry)}
                  </ul>
                </li>
              );
            })}
      </ul>
    </aside>
  );
}

interface RunEntryProps {
  run: RunSummary;
  selected: boolean;
  inSelection: boolean;
  onSelect: (id: number) => void;
  onToggle: (id: number) => void;
}

function RunEntry({ run, selected, inSelection, onSelect, onToggle }: RunEntryProps) {
  const share = run.itemCount > 0 ? run.labeledCount / run.itemCount : 0;
  const className = ['run-item', selected ? 'selected' : '', inSelection && !selected ? 'in-selection' : ''].filter(Boolean).join(' ');
  return (
    <>
    <input
      type="checkbox"
      className="run-check"
      data-testid={`run-check-${run.id}`}
      checked={inSelection}
      onChange={() => onToggle(run.id)}
      aria-label={`Compare ${run.name}`}
      title="Add to the runs compared (or Ctrl/⌘-click the run)"
    />
    <button
      type="button"
      className={className}
      data-testid={`run-item-${run.id}`}
      aria-current={selected ? 'true' : undefined}
      aria-pressed={inSelection}
      onClick={(event) => (event.ctrlKey || event.metaKey ? onToggle(run.id) : onSelect(run.id))}
      title={`${run.sourcePath}\nCtrl/⌘-click to compare with the selected runs`}
    >
      <span className="run-name">{run.name}</span>
      <span className="run-meta">
        <span className="run-model" title="model">
          {run.model ?? 'unknown model'}
        </span>
        <span className="sep">·</span>
        <span title="task">{run.task ?? 'unknown task'}</span>
      </span>
      <span className="run-stats">
        <span>{fmtCount(run.itemCount)} items</span>
        <span className="labeled-share" title={`${fmtCount(run.labeledCount)} of ${fmtCount(run.itemCount)} items carry a human label`}>
          <span className="share-bar">
            <span className="share-fill" style={{ width: `${Math.round(share * 100)}%` }} />
          </span>
          {fmtPercent(run.labeledCount, run.itemCount)} labeled
        </span>
      </span>
    </button>
    </>
  );
}
