// The shell's state and wording, kept out of App.tsx so they are tested as
// data: what an import job brought, each run's Items query, and the command
// palette's list.
import type { Job } from '../../shared/api/contract.ts';
import type { RunSummary } from '../../shared/domain.ts';
import type { Command } from './components/CommandPalette.tsx';
import type { RunAction } from './components/RunMenu.tsx';
import { DEFAULT_ITEMS_QUERY, type ItemsQuery } from './views/items/query.ts';
import { fmtCount } from './lib/format.ts';
import type { Tab } from './lib/route.ts';

export const DEFAULT_QUERY: ItemsQuery = DEFAULT_ITEMS_QUERY;

/** The runs an import job created, or found already imported. */
export function importedRunIds(job: Job): number[] {
  return (job.result ?? []).flatMap((file) => (file.runIds.length ? file.runIds : (file.duplicateOf ?? [])));
}

export function importSummary(job: Job): string {
  const files = job.result ?? [];
  const items = files.reduce((sum, file) => sum + file.items, 0);
  const duplicates = files.filter((file) => file.duplicateOf?.length).length;
  const base = `Imported ${fmtCount(items)} items from ${fmtCount(files.length)} file${files.length === 1 ? '' : 's'}`;
  return duplicates ? `${base} (${duplicates} already imported before)` : base;
}

/** Files a failed or cancelled import brought in before it stopped (each file is whole or absent), as a sentence to append. */
export function keptFilesNote(job: Job): string {
  const kept = job.result?.filter((file) => file.duplicateOf === null).map((file) => file.file) ?? [];
  return kept.length > 0 ? ` Imported before it: ${kept.join(', ')}.` : '';
}

/** Each run remembers its own Items search and filter. */
export function queryOf(queries: Readonly<Record<number, ItemsQuery>>, runId: number | undefined): ItemsQuery {
  return (runId !== undefined && queries[runId]) || DEFAULT_QUERY;
}

export interface PaletteInput {
  views: Array<{ tab: Tab; label: string }>;
  selectedRun: RunSummary | null;
  currentTab: Tab;
  runs: RunSummary[] | null;
  theme: 'light' | 'dark';
  /** How the platform writes the shortcut modifier ("⌘" or "Ctrl+"). */
  mod: string;
  openTab: (tab: Tab) => void;
  openRun: (runId: number) => void;
  importFiles: () => void;
  /** A folder (a HELM run, an lm-eval or lighteval output folder) picked whole. */
  importFolder: () => void;
  loadDemo: () => void;
  loadExample: () => void;
  toggleTheme: () => void;
  openHelp: () => void;
  /** Rename, correct, tag or delete a run (opens its dialog). */
  runAction?: (action: RunAction, runId: number) => void;
  /** The last run edit, when one can be undone. */
  undoRunEdit?: { what: string; run: () => void } | null;
  /** Every tag in use (one spelling each), and how to show only the runs carrying one. */
  tags?: string[];
  filterByTag?: (tag: string) => void;
}

/** The palette's list: the current run's views first, then the runs, then the actions. */
export function paletteCommands(input: PaletteInput): Command[] {
  const { selectedRun, mod } = input;
  const commands: Command[] = [];
  if (selectedRun) {
    for (const { tab, label } of input.views) {
      commands.push({
        id: `view-${tab}`,
        group: 'View',
        label,
        detail: selectedRun.name,
        keys: tab === 'report' ? `${mod}E` : undefined,
        current: input.currentTab === tab,
        run: () => input.openTab(tab),
      });
    }
  }
  for (const run of input.runs ?? []) {
    commands.push({
      id: `run-${run.id}`,
      group: 'Run',
      label: run.name,
      detail: `${run.model ?? 'unknown model'} · ${run.task ?? 'unknown task'} · ${fmtCount(run.itemCount)} items`,
      current: run.id === selectedRun?.id,
      run: () => input.openRun(run.id),
    });
  }
  commands.push(
    { id: 'import', group: 'Action', label: 'Import files…', detail: 'CSV, JSONL, Inspect, lm-eval, HELM, lighteval, DeepEval, promptfoo', keys: `${mod}O`, run: input.importFiles },
    { id: 'import-folder', group: 'Action', label: 'Import a folder…', detail: 'a HELM run, an lm-eval or lighteval output folder', run: input.importFolder },
    { id: 'demo', group: 'Action', label: 'Load demo run', detail: '400 synthetic questions', run: input.loadDemo },
    { id: 'example', group: 'Action', label: 'Load SimpleQA example', detail: 'two runs whose ranking flips at t = 0.75', run: input.loadExample },
    { id: 'theme', group: 'Action', label: 'Toggle theme', detail: `switch to ${input.theme === 'dark' ? 'light' : 'dark'}`, run: input.toggleTheme },
    { id: 'help', group: 'Action', label: 'Keyboard help', detail: 'every shortcut', keys: '?', run: input.openHelp },
  );
  if (selectedRun) {
    commands.push({ id: 'export', group: 'Action', label: 'Export report', detail: 'HTML, PDF, CSV, JSON (Report tab)', keys: `${mod}E`, run: () => input.openTab('report') });
  }
  const act = input.runAction;
  if (selectedRun && act) {
    const id = selectedRun.id;
    commands.push(
      { id: 'run-rename', group: 'Action', label: 'Rename run…', detail: selectedRun.name, keys: 'F2', run: () => act('rename', id) },
      { id: 'run-edit', group: 'Action', label: 'Set model and task…', detail: `${selectedRun.model ?? 'unknown model'} · ${selectedRun.task ?? 'unknown task'}`, run: () => act('edit', id) },
      { id: 'run-tags', group: 'Action', label: 'Tag run…', detail: selectedRun.tags.length ? selectedRun.tags.join(', ') : 'no tags yet', run: () => act('tags', id) },
      { id: 'run-delete', group: 'Action', label: 'Delete run…', detail: `${selectedRun.name} (its labels are exported first)`, keys: 'Del', run: () => act('delete', id) },
    );
  }
  if (input.undoRunEdit) {
    const undo = input.undoRunEdit;
    commands.push({ id: 'run-undo', group: 'Action', label: 'Undo run edit', detail: undo.what, run: undo.run });
  }
  const filterByTag = input.filterByTag;
  if (filterByTag) {
    for (const tag of input.tags ?? []) {
      commands.push({ id: `tag-${tag.toLowerCase()}`, group: 'Action', label: `Show runs tagged ${tag}`, detail: 'filters the sidebar', run: () => filterByTag(tag) });
    }
  }
  return commands;
}
