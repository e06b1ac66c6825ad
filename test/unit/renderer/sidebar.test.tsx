// @vitest-environment jsdom
// The sidebar's grouping: by model, by task or none, remembered, each group
// with its run count; the run test ids and multi-select work the same in groups.
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../../shared/domain.ts';
import { Sidebar } from '../../../renderer/src/components/Sidebar.tsx';
import { groupRuns } from '../../../renderer/src/lib/run-list.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function run(id: number, name: string, model: string | null, task: string | null): RunSummary {
  return {
    id, name, model, task, format: 'csv', sourcePath: `/data/${name}`, sourceSha256: 'x', sourceSize: 1,
    importedAt: '2026-01-01T00:00:00Z', metadata: {}, tags: [], itemCount: 6, labeledCount: 3, confidenceCount: 6,
    counts: { correct: 2, incorrect: 2, abstained: 1, unlabeled: 1 }, abstentionKinds: { 'dont-know': 0, refusal: 0, hedge: 0, clarification: 0, other: 0, unspecified: 1 }, partialCount: 0,
  };
}
const RUNS = [
  run(1, 'a.csv', 'o4-mini', 'simpleqa'),
  run(2, 'b.csv', 'gpt-5-thinking-mini', 'simpleqa'),
  run(3, 'c.csv', 'o4-mini', 'trivia'),
  run(4, 'd.csv', null, 'trivia'),
];

let host: HTMLDivElement;
let root: Root;
const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const onSelect = vi.fn();
const onToggle = vi.fn();

const onRunAction = vi.fn();
const onUndoEdit = vi.fn();

function Harness(props: { selected: number[]; runs: RunSummary[]; undoable: boolean }) {
  const [filter, setFilter] = useState('');
  const { selected } = props;
  return (
      <Sidebar
        runs={props.runs}
        filter={filter}
        onFilter={setFilter}
        onRunAction={onRunAction}
        editNote={props.undoable ? { text: 'Renamed “a” to “b”.', undoable: true } : null}
        onUndoEdit={props.undoable ? onUndoEdit : undefined}
        selectedRunId={selected[0] ?? null}
        selectedRunIds={selected}
        jobs={[]}
        theme="light"
        onSelect={onSelect}
        onToggle={onToggle}
        onClearSelection={() => undefined}
        onImport={() => undefined}
        onImportFolder={() => undefined}
        onCancelJob={() => undefined}
        onToggleTheme={() => undefined}
        onHelp={() => undefined}
      />
  );
}

async function render(selected: number[] = [1], runs: RunSummary[] = RUNS, undoable = false) {
  await act(async () => root.render(<Harness selected={selected} runs={runs} undoable={undoable} />));
}
async function groupBy(value: string) {
  const select = byId('run-grouping') as HTMLSelectElement;
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
function groups(): string[] {
  return Array.from(document.querySelectorAll('.run-group'), (group) => {
    const head = group.querySelector('.run-group-head')!;
    const ids = Array.from(group.querySelectorAll('button.run-item'), (b) => b.getAttribute('data-testid')!.replace('run-item-', ''));
    return `${head.querySelector('.run-group-name')!.textContent} (${head.querySelector('.run-group-count')!.textContent}): ${ids.join(',')}`;
  });
}

beforeEach(() => {
  localStorage.clear();
  onSelect.mockClear();
  onToggle.mockClear();
  onRunAction.mockClear();
  onUndoEdit.mockClear();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('groupRuns', () => {
  it('groups alphabetically with the runs lacking a model or task last, keeping run order', () => {
    expect(groupRuns(RUNS, 'model').map((g) => [g.key, g.runs.map((r) => r.id)])).toEqual([
      ['gpt-5-thinking-mini', [2]],
      ['o4-mini', [1, 3]],
      [null, [4]],
    ]);
    expect(groupRuns(RUNS, 'task').map((g) => [g.key, g.runs.map((r) => r.id)])).toEqual([
      ['simpleqa', [1, 2]],
      ['trivia', [3, 4]],
    ]);
  });
});

describe('Sidebar grouping', () => {
  it('lists runs ungrouped by default, groups by model or task with counts, and remembers the choice', async () => {
    await render();
    expect(document.querySelector('.run-group')).toBeNull();
    expect(byId('run-list')!.querySelectorAll('button.run-item')).toHaveLength(4);

    await groupBy('model');
    expect(groups()).toEqual(['gpt-5-thinking-mini (1): 2', 'o4-mini (2): 1,3', 'unknown model (1): 4']);
    expect(localStorage.getItem('candor-run-grouping')).toBe('model');

    await groupBy('task');
    expect(groups()).toEqual(['simpleqa (2): 1,2', 'trivia (2): 3,4']);

    // A new sidebar (a reload) starts grouped the same way.
    act(() => root.unmount());
    root = createRoot(host);
    await render();
    expect((byId('run-grouping') as HTMLSelectElement).value).toBe('task');
    expect(groups()).toHaveLength(2);

    await groupBy('none');
    expect(document.querySelector('.run-group')).toBeNull();
    expect(localStorage.getItem('candor-run-grouping')).toBe('none');
  });

  it('counts the runs the filter leaves in each group', async () => {
    await render();
    await groupBy('model');
    const filter = byId('run-filter') as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    await act(async () => {
      setter.call(filter, 'trivia');
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(groups()).toEqual(['o4-mini (1): 3', 'unknown model (1): 4']);
  });

  it('keeps selection, multi-select and arrow keys across groups', async () => {
    await render([1, 2]);
    await groupBy('model');
    expect(byId('run-item-1')?.getAttribute('aria-current')).toBe('true');
    expect((byId('run-check-2') as HTMLInputElement).checked).toBe(true);
    expect(byId('selection-bar')?.textContent).toContain('2 runs selected');
    await act(async () => byId('run-check-3')!.click());
    expect(onToggle).toHaveBeenCalledWith(3);
    await act(async () => byId('run-item-4')!.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true })));
    expect(onToggle).toHaveBeenCalledWith(4);
    await act(async () => byId('run-item-3')!.click());
    expect(onSelect).toHaveBeenCalledWith(3);
    // Arrow keys walk the runs in the order shown, across group headers.
    byId('run-item-1')!.focus();
    await act(async () => byId('run-item-1')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(document.activeElement).toBe(byId('run-item-3'));
    await act(async () => byId('run-item-3')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(document.activeElement).toBe(byId('run-item-4'));
  });
});

const TAGGED = [
  { ...run(1, 'a.csv', 'o4-mini', 'simpleqa'), tags: ['baseline', 'v2'] },
  { ...run(2, 'b.csv', 'gpt-5-thinking-mini', 'simpleqa'), tags: ['Baseline'] },
  { ...run(3, 'c.csv', 'o4-mini', 'trivia'), tags: ['two words'] },
  run(4, 'd.csv', null, 'trivia'),
];

async function typeFilter(text: string) {
  const filter = byId('run-filter') as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(filter, text);
    filter.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const shown = () => Array.from(document.querySelectorAll('button.run-item'), (b) => Number(b.getAttribute('data-testid')!.replace('run-item-', '')));

describe('Sidebar tags', () => {
  it('shows each run’s tags, filters by words and tag:NAME, and groups by tag (a run under each of its tags)', async () => {
    await render([1], TAGGED);
    expect(byId('run-tags-1')?.textContent).toBe('baselinev2');
    expect(byId('run-tags-4')).toBeNull();
    await typeFilter('tag:BASELINE');
    expect(shown()).toEqual([1, 2]);
    await typeFilter('tag:baseline simpleqa b.csv');
    expect(shown()).toEqual([2]);
    await typeFilter('tag:"two words"');
    expect(shown()).toEqual([3]);
    // A plain word matches tags too.
    await typeFilter('v2');
    expect(shown()).toEqual([1]);
    await typeFilter('');
    await groupBy('tag');
    expect(groups()).toEqual(['baseline (2): 1,2', 'two words (1): 3', 'v2 (1): 1', 'untagged (1): 4']);
  });

  it('opens a run’s menu by right-click or Shift+F10, and F2 / Delete ask for rename / delete', async () => {
    await render([1], TAGGED);
    await act(async () => byId('run-item-2')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, clientX: 40, clientY: 60 })));
    expect(byId('run-menu')?.getAttribute('aria-label')).toBe('Run b.csv');
    expect(document.activeElement).toBe(byId('run-menu-rename'));
    await act(async () => byId('run-menu')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(document.activeElement).toBe(byId('run-menu-edit'));
    await act(async () => byId('run-menu-tags')!.click());
    expect(onRunAction).toHaveBeenLastCalledWith('tags', 2);
    expect(byId('run-menu')).toBeNull();

    byId('run-item-3')!.focus();
    await act(async () => byId('run-item-3')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', shiftKey: true, bubbles: true })));
    expect(byId('run-menu')).not.toBeNull();
    // Escape closes it and gives the focus back to the run.
    await act(async () => byId('run-menu')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(byId('run-menu')).toBeNull();
    expect(document.activeElement).toBe(byId('run-item-3'));

    await act(async () => byId('run-item-3')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true })));
    expect(onRunAction).toHaveBeenLastCalledWith('rename', 3);
    await act(async () => byId('run-item-3')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true })));
    expect(onRunAction).toHaveBeenLastCalledWith('delete', 3);
  });

  it('shows the last edit with Undo, which Ctrl/Cmd+Z in the runs list also does', async () => {
    await render([1], TAGGED, true);
    expect(byId('run-edit-note')?.textContent).toContain('Renamed “a” to “b”.');
    await act(async () => byId('run-edit-undo')!.click());
    expect(onUndoEdit).toHaveBeenCalledTimes(1);
    byId('run-item-1')!.focus();
    await act(async () => byId('run-item-1')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true })));
    expect(onUndoEdit).toHaveBeenCalledTimes(2);
  });
});
