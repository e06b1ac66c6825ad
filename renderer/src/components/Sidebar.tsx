// The runs list: filter, group, select, import, and each run's own actions.
// Arrow keys move through the list. Ctrl/Cmd-click or a run's checkbox adds it
// to the selection: several selected runs are compared (the Rubrics tab). Runs
// can be grouped by model, task or tag; the choice is remembered. A run's
// context menu (right-click, the Menu key or Shift+F10), F2 and Delete rename,
// correct, tag or delete it; Ctrl/Cmd+Z here undoes the last such edit.
import { useCallback, useMemo, useState } from 'react';
import '../styles/selection.css';
import '../views/runs/runs.css';
import type { Job } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { fmtCount, fmtPercent } from '../lib/format.ts';
import { groupRuns, matchesRun, parseRunFilter, RUN_GROUPINGS, unnamedGroup, type RunGrouping } from '../lib/run-list.ts';
import { JobProgress } from './JobProgress.tsx';
import { RunMenu, type RunAction } from './RunMenu.tsx';

export { groupRuns, type RunGroup, type RunGrouping } from '../lib/run-list.ts';

interface SidebarProps {
  runs: RunSummary[] | null;
  selectedRunId: number | null;
  /** Every selected run, the current one first. */
  selectedRunIds: number[];
  jobs: Job[];
  theme: 'light' | 'dark';
  /** The filter box's text (words and tag:NAME tokens; lib/run-list.ts). */
  filter: string;
  onFilter: (text: string) => void;
  onSelect: (runId: number) => void;
  /** Adds the run to the selection or takes it out. */
  onToggle: (runId: number) => void;
  onClearSelection: () => void;
  onImport: () => void;
  onImportFolder: () => void;
  onCancelJob: (jobId: string) => void;
  onToggleTheme: () => void;
  onHelp: () => void;
  /** Rename, correct, tag or delete a run (the App opens the dialog). */
  onRunAction?: (action: RunAction, runId: number) => void;
  /** The last run edit or delete, said once, with Undo when it can be taken back. */
  editNote?: { text: string; undoable: boolean } | null;
  /** Undoes the last run edit; absent when there is none to undo. */
  onUndoEdit?: (() => void) | undefined;
  onDismissEdit?: () => void;
}

const GROUPING_KEY = 'candor-run-grouping';

function storedGrouping(): RunGrouping {
  try {
    const value = localStorage.getItem(GROUPING_KEY);
    return RUN_GROUPINGS.find((grouping) => grouping === value) ?? 'none';
  } catch {
    return 'none';
  }
}

export function Sidebar(props: SidebarProps) {
  const { runs, selectedRunId, selectedRunIds, jobs, theme, filter } = props;
  const [menu, setMenu] = useState<{ runId: number; x: number; y: number } | null>(null);
  const [grouping, setGroupingState] = useState<RunGrouping>(storedGrouping);
  const setGrouping = useCallback((next: RunGrouping) => {
    setGroupingState(next);
    try {
      localStorage.setItem(GROUPING_KEY, next);
    } catch {
      // Private mode or quota: the choice still holds for this session.
    }
  }, []);
  const visible = useMemo(() => {
    const parsed = parseRunFilter(filter);
    return (runs ?? []).filter((run) => matchesRun(run, parsed));
  }, [runs, filter]);
  const groups = useMemo(() => (grouping === 'none' ? null : groupRuns(visible, grouping).map((group) => ({ ...group, name: group.key ?? unnamedGroup(grouping) }))), [visible, grouping]);

  const entry = (run: RunSummary) => (
    <li key={run.id} className="run-row">
      <RunEntry
        run={run}
        selected={run.id === selectedRunId}
        inSelection={selectedRunIds.includes(run.id)}
        onSelect={props.onSelect}
        onToggle={props.onToggle}
        onKeyAction={(action, element) => {
          if (!props.onRunAction) return;
          if (action === 'menu') {
            const box = element.getBoundingClientRect();
            setMenu({ runId: run.id, x: box.left + 24, y: box.bottom - 4 });
          } else props.onRunAction(action, run.id);
        }}
        onContextMenu={(event) => {
          if (!props.onRunAction) return;
          event.preventDefault();
          setMenu({ runId: run.id, x: event.clientX, y: event.clientY });
        }}
      />
    </li>
  );
  const closeMenu = useCallback(() => {
    const runId = menu?.runId;
    setMenu(null);
    if (runId !== undefined) document.querySelector<HTMLElement>(`[data-testid="run-item-${runId}"]`)?.focus();
  }, [menu]);
  const menuRun = menu ? (runs ?? []).find((run) => run.id === menu.runId) : undefined;

  const onListKey = (event: React.KeyboardEvent<HTMLUListElement>) => {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z') {
      // The last run edit, not a label: the runs list has the focus.
      if (props.onUndoEdit) {
        event.preventDefault();
        props.onUndoEdit();
      }
      return;
    }
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
        <label className="run-grouping" title="Group the runs by model, task or tag">
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
            <option value="tag">tag</option>
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
        placeholder="Filter runs (words, tag:NAME)"
        aria-label="Filter runs"
        title="Words match a run's name, model, task, format or tags; tag:NAME keeps the runs carrying that tag"
        data-testid="run-filter"
        value={filter}
        onChange={(e) => props.onFilter(e.target.value)}
      />
      {props.editNote ? (
        <div className="run-edit-bar" role="status" data-testid="run-edit-note">
          <span className="run-edit-text">{props.editNote.text}</span>
          {props.editNote.undoable && props.onUndoEdit ? (
            <button type="button" className="link-button" data-testid="run-edit-undo" onClick={props.onUndoEdit} title="Undo this run edit (Ctrl/⌘+Z in the runs list)">
              Undo
            </button>
          ) : null}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={props.onDismissEdit}>
            {'\u00D7'}
          </button>
        </div>
      ) : null}
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
              const name = group.name;
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
      {menu && menuRun ? (
        <RunMenu
          runName={menuRun.name}
          at={menu}
          onClose={closeMenu}
          onChoose={(action) => {
            setMenu(null);
            props.onRunAction?.(action, menuRun.id);
          }}
        />
      ) : null}
    </aside>
  );
}

interface RunEntryProps {
  run: RunSummary;
  selected: boolean;
  inSelection: boolean;
  onSelect: (id: number) => void;
  onToggle: (id: number) => void;
  onKeyAction: (action: 'rename' | 'delete' | 'menu', element: HTMLElement) => void;
  onContextMenu: (event: React.MouseEvent) => void;
}

function RunEntry({ run, selected, inSelection, onSelect, onToggle, onKeyAction, onContextMenu }: RunEntryProps) {
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
      onContextMenu={onContextMenu}
      onKeyDown={(event) => {
        const action =
          event.key === 'F2' ? 'rename' : event.key === 'Delete' ? 'delete' : event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey) ? 'menu' : null;
        if (action === null || event.ctrlKey || event.metaKey || event.altKey) return;
        event.preventDefault();
        onKeyAction(action, event.currentTarget);
      }}
      title={`${run.sourcePath}\nCtrl/⌘-click to compare with the selected runs; right-click, F2 or Delete to rename, tag or delete`}
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
      {run.tags.length > 0 ? (
        <span className="run-tags" data-testid={`run-tags-${run.id}`} aria-label={`tags: ${run.tags.join(', ')}`}>
          {run.tags.map((tag) => (
            <span key={tag} className="tag-chip" title={`tag ${tag} (filter: tag:${tag})`}>
              {tag}
            </span>
          ))}
        </span>
      ) : null}
    </button>
    </>
  );
}
