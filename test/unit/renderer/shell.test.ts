// The shell's state as data: what an import job brought, each run's Items
// query, and the command palette's list.
import { describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { DEFAULT_QUERY, importedRunIds, importSummary, keptFilesNote, paletteCommands, queryOf } from '../../../renderer/src/shell.ts';

const file = (name: string, runIds: number[], items: number, duplicateOf: number[] | null = null) => ({ file: name, runIds, items, duplicateOf });
const job = (result: ReturnType<typeof file>[] | null): Job => ({ id: 'j', kind: 'import', state: 'done', message: '', done: 0, total: null, result } as unknown as Job);

describe('import jobs', () => {
  it('names the runs created or found again, and sums what came in', () => {
    const done = job([file('a.csv', [3], 1200), file('b.csv', [], 40, [1]), file('c.jsonl', [4, 5], 10)]);
    expect(importedRunIds(done)).toEqual([3, 1, 4, 5]);
    expect(importSummary(done)).toBe('Imported 1,250 items from 3 files (1 already imported before)');
    expect(importSummary(job([file('a.csv', [3], 7)]))).toBe('Imported 7 items from 1 file');
  });

  it('says which files a failed import kept', () => {
    expect(keptFilesNote(job([file('a.csv', [3], 5), file('b.csv', [], 2, [1])]))).toBe(' Imported before it: a.csv.');
    expect(keptFilesNote(job(null))).toBe('');
  });
});

describe('per-run queries', () => {
  it('gives each run its own, and the default to a run without one', () => {
    const mine = { search: 'paris', outcome: 'incorrect' as const, sort: 'order' as const, sortDirection: 'asc' as const };
    expect(queryOf({ 2: mine }, 2)).toBe(mine);
    expect(queryOf({ 2: mine }, 3)).toBe(DEFAULT_QUERY);
    expect(queryOf({}, undefined)).toBe(DEFAULT_QUERY);
  });
});

describe('command palette', () => {
  const run = (id: number, name: string) => ({ id, name, model: 'm', task: null, itemCount: 1000 }) as RunSummary;
  const actions = { openTab: vi.fn(), openRun: vi.fn(), importFiles: vi.fn(), importFolder: vi.fn(), loadDemo: vi.fn(), loadExample: vi.fn(), toggleTheme: vi.fn(), openHelp: vi.fn() };

  it("lists the run's views, the runs, then the actions, and marks what is open", () => {
    const commands = paletteCommands({
      views: [{ tab: 'overview', label: 'Overview' }, { tab: 'report', label: 'Report' }],
      selectedRun: run(1, 'a.csv'),
      currentTab: 'report',
      runs: [run(1, 'a.csv'), run(2, 'b.csv')],
      theme: 'dark',
      mod: 'Ctrl+',
      ...actions,
    });
    expect(commands.map((c) => c.id)).toEqual(['view-overview', 'view-report', 'run-1', 'run-2', 'import', 'import-folder', 'demo', 'example', 'theme', 'help', 'export']);
    expect(commands.filter((c) => c.current).map((c) => c.id)).toEqual(['view-report', 'run-1']);
    expect(commands.find((c) => c.id === 'run-2')!.detail).toBe('m · unknown task · 1,000 items');
    expect(commands.find((c) => c.id === 'theme')!.detail).toBe('switch to light');
    commands.find((c) => c.id === 'run-2')!.run();
    expect(actions.openRun).toHaveBeenCalledWith(2);
    commands.find((c) => c.id === 'export')!.run();
    expect(actions.openTab).toHaveBeenCalledWith('report');
  });

  it('offers only the actions before any run is open', () => {
    const commands = paletteCommands({ views: [{ tab: 'overview', label: 'Overview' }], selectedRun: null, currentTab: 'overview', runs: [], theme: 'light', mod: '⌘', ...actions });
    expect(commands.map((c) => c.group)).toEqual(['Action', 'Action', 'Action', 'Action', 'Action', 'Action']);
    expect(commands[0]!.keys).toBe('⌘O');
  });
});
