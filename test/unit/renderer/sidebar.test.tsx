// @vitest-environment jsdom
// The sidebar's grouping: by model, by task or none, remembered, each group
// with its run count; the run test ids and multi-select work the same in groups.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '../../../shared/domain.ts';
import { groupRuns, Sidebar } from '../../../renderer/src/components/Sidebar.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function run(id: number, name: string, model: string | null, task: string | null): RunSummary {
  return {
    id, name, model, task, format: 'csv', sourcePath: `/data/${name}`, sourceSha256: 'x', sourceSize: 1,
    importedAt: '2026-01-01T00:00:00Z', metadata: {}, itemCount: 6, labeledCount: 3, confidenceCount: 6,
    counts: { correct: 2, incorrect: 2, abstained: 1, unlabeled: 1 },
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

async function render(selected: number[] = [1]) {
  await act(async () =>
    root.render(
      <Sidebar
        runs={RUNS}
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
      />,
    ),
  );
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
