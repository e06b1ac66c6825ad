// @vitest-environment jsdom
// The command palette: which commands a query finds and in what order, and the
// keyboard (arrows move, Enter runs, Escape closes, focus goes back).
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandPalette, filterCommands, type Command } from '../../../renderer/src/components/CommandPalette.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function command(id: string, group: Command['group'], label: string, detail?: string): Command {
  return { id, group, label, detail, run: vi.fn() };
}

const COMMANDS: Command[] = [
  command('view-overview', 'View', 'Overview', 'six.csv'),
  command('view-calibration', 'View', 'Calibration', 'six.csv'),
  command('view-recalibration', 'View', 'Recalibrate', 'six.csv'),
  command('view-report', 'View', 'Report', 'six.csv'),
  command('run-1', 'Run', 'six.csv', 'gpt-4o · trivia · 6 items'),
  command('run-2', 'Run', 'simpleqa-o4-mini.jsonl', 'o4-mini · simpleqa · 1,000 items'),
  command('import', 'Action', 'Import files…'),
  command('theme', 'Action', 'Toggle theme', 'switch to dark'),
  command('export', 'Action', 'Export report'),
];
const labels = (list: Command[]) => list.map((c) => c.label);

describe('filterCommands', () => {
  it('keeps every command, in order, for an empty or blank query', () => {
    expect(labels(filterCommands(COMMANDS, ''))).toEqual(labels(COMMANDS));
    expect(labels(filterCommands(COMMANDS, '   '))).toEqual(labels(COMMANDS));
  });

  it('matches substrings case-insensitively, label starts before word starts before inner matches', () => {
    expect(labels(filterCommands(COMMANDS, 'CALIB'))).toEqual(['Calibration', 'Recalibrate']);
    // "report" starts "Report" and starts a word of "Export report".
    expect(labels(filterCommands(COMMANDS, 'report'))).toEqual(['Report', 'Export report']);
  });

  it('finds a command by its detail or group when the label does not match', () => {
    expect(labels(filterCommands(COMMANDS, 'o4-mini'))).toEqual(['simpleqa-o4-mini.jsonl']);
    expect(labels(filterCommands(COMMANDS, 'gpt-4o'))).toEqual(['six.csv']);
    expect(labels(filterCommands(COMMANDS, 'dark'))).toEqual(['Toggle theme']);
  });

  it('needs every token, and falls back to letters in order (fuzzy-ish), ranked last', () => {
    expect(labels(filterCommands(COMMANDS, 'view calib'))).toEqual(['Calibration', 'Recalibrate']);
    expect(labels(filterCommands(COMMANDS, 'clbr'))).toEqual(['Calibration', 'Recalibrate']);
    expect(labels(filterCommands(COMMANDS, 'theme import'))).toEqual([]);
    expect(filterCommands(COMMANDS, 'zzz')).toEqual([]);
  });
});

let host: HTMLDivElement;
let root: Root;
const byId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const input = () => byId('command-palette-input') as HTMLInputElement;
const activeLabel = () => document.querySelector('[role="option"][aria-selected="true"] .palette-label')?.textContent;

async function type(value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input(), value);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function press(key: string) {
  await act(async () => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('CommandPalette', () => {
  let opener: HTMLButtonElement;
  let onRun: ReturnType<typeof vi.fn<(command: Command) => void>>;
  let onClose: ReturnType<typeof vi.fn<() => void>>;

  beforeEach(async () => {
    opener = document.createElement('button');
    opener.textContent = 'where focus was';
    document.body.append(opener);
    opener.focus();
    onRun = vi.fn<(command: Command) => void>();
    onClose = vi.fn<() => void>();
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    await act(async () => root.render(<CommandPalette commands={COMMANDS} onRun={onRun} onClose={onClose} />));
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    opener.remove();
  });

  it('opens as a modal dialog with the filter box focused and every command listed', () => {
    expect(byId('command-palette')?.getAttribute('role')).toBe('dialog');
    expect(byId('command-palette')?.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input());
    expect(byId(`command-item-${COMMANDS.length - 1}`)).not.toBeNull();
    expect(byId(`command-item-${COMMANDS.length}`)).toBeNull();
    expect(activeLabel()).toBe('Overview');
    expect(input().getAttribute('aria-activedescendant')).toBe(byId('command-item-0')!.id);
  });

  it('moves with the arrow keys, wrapping at both ends, and runs the active command on Enter', async () => {
    await press('ArrowDown');
    await press('ArrowDown');
    expect(activeLabel()).toBe('Recalibrate');
    await press('ArrowUp');
    expect(activeLabel()).toBe('Calibration');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(activeLabel()).toBe('Export report');
    await press('ArrowDown');
    expect(activeLabel()).toBe('Overview');
    await press('ArrowDown');
    await press('Enter');
    expect(onRun).toHaveBeenCalledTimes(1);
    expect(onRun.mock.calls[0]![0].id).toBe('view-calibration');
  });

  it('filters as you type, starting again from the best match', async () => {
    await press('ArrowDown');
    await type('calib');
    expect(document.querySelectorAll('[role="option"]')).toHaveLength(2);
    expect(byId('command-item-0')?.textContent).toContain('Calibration');
    expect(byId('command-item-0')?.querySelector('mark')?.textContent).toBe('Calib');
    expect(activeLabel()).toBe('Calibration');
    await press('Enter');
    expect(onRun.mock.calls[0]![0].id).toBe('view-calibration');
  });

  it('says so when nothing matches, and Enter then does nothing', async () => {
    await type('no such thing');
    expect(byId('command-item-0')).toBeNull();
    expect(byId('command-palette')?.textContent).toContain('matches “no such thing”');
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
    await press('ArrowDown');
    await press('Enter');
    expect(onRun).not.toHaveBeenCalled();
  });

  it('closes on Escape and on a click outside, and keeps Tab inside', async () => {
    await press('Tab');
    expect(document.activeElement).toBe(input());
    await press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    await act(async () => {
      document.querySelector('.palette-backdrop')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('runs a command on click', async () => {
    await act(async () => byId('command-item-4')!.click());
    expect(onRun.mock.calls[0]![0].id).toBe('run-1');
  });

  it('gives focus back to where it was when it closes', async () => {
    expect(document.activeElement).toBe(input());
    await act(async () => root.render(<></>));
    expect(document.activeElement).toBe(opener);
  });

  it('shows labels as text, never as markup', async () => {
    const hostile = command('run-9', 'Run', '<img src=x onerror=alert(1)>.csv');
    await act(async () => root.render(<CommandPalette commands={[hostile]} onRun={onRun} onClose={onClose} />));
    await type('img');
    expect(byId('command-item-0')?.textContent).toContain('<img src=x onerror=alert(1)>.csv');
    expect(byId('command-palette')?.querySelector('img')).toBeNull();
  });
});
