// @vitest-environment jsdom
// The Items table against a fake backend of eight items: the suggested column
// reads as a suggestion, rows are picked by click, shift-click range and
// "select all", the bulk actions send exactly the selection through
// labels/bulk, Undo takes the last action back (labels/undo on the server's
// stack, which the fake keeps as the server does), and "Suggest grades" asks for
// the run and refreshes. The side panel shows a suggestion with its basis,
// and nothing of it in blind mode.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemDetail, ItemRow, Outcome } from '../../../shared/domain.ts';

const backend = vi.hoisted(() => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const suggestions: Array<[Outcome, string] | null> = [
    ['correct', 'exact match'],
    ['abstained', 'abstention phrase'],
    ['incorrect', 'no match'],
    ['correct', 'contains gold'],
    null,
    ['incorrect', 'no match'],
    ['correct', 'exact match'],
    ['abstained', 'abstention phrase'],
  ];
  const row = (i: number, fetches: number): ItemRow => ({
    id: 100 + i,
    runId: 1,
    key: `k${i}`,
    prompt: `prompt ${i}`,
    // Untrusted text: must arrive as text, never markup.
    answer: i === 0 ? '<b onmouseover="x()">bold?</b>' : `answer ${i}`,
    gold: `gold ${i}`,
    importedGrade: null,
    confidence: 0.5,
    label: null,
    labelAnnotator: null,
    labelSource: null,
    disputed: false,
    abstentionKind: null,
    importedPartial: false,
    partial: false,
    suggestedKind: null,
    outcome: 'unlabeled',
    suggestedGrade: fetches > 0 || i < 4 ? (suggestions[i]?.[0] ?? null) : null,
    suggestionBasis: fetches > 0 || i < 4 ? (suggestions[i]?.[1] ?? null) : null,
  });
  // The server's undo stack for this run and annotator, as labels/stack would answer.
  const done: Array<{ id: number; what: string; count: number; itemId: null; createdAt: string }> = [];
  const undone: typeof done = [];
  const stack = () => ({ undo: done.at(-1) ?? null, redo: undone.at(-1) ?? null });
  return { calls, row, suggested: 0, batches: 0, done, undone, stack };
});

vi.mock('../../../renderer/src/api/client.ts', () => ({
  bridge: null,
  runtime: 'browser',
  ApiCallError: class extends Error {},
  call: vi.fn(async (verb: string, request: Record<string, unknown>) => {
    backend.calls.push([verb, request]);
    switch (verb) {
      case 'items/list': {
        const offset = request.offset as number;
        const limit = request.limit as number;
        const rows = Array.from({ length: 8 }, (_, i) => backend.row(i, backend.suggested)).slice(offset, offset + limit);
        return { total: 8, offset, rows };
      }
      case 'runs/suggest':
        backend.suggested++;
        return { suggested: 7 };
      case 'labels/bulk': {
        backend.batches++;
        const count = (request.itemIds as number[] | undefined)?.length ?? 8;
        backend.done.push({ id: backend.batches, what: request.what as string, count, itemId: null, createdAt: 't' });
        backend.undone.length = 0;
        return { batch: `00000000-0000-4000-8000-00000000000${backend.batches}`, count, stack: backend.stack() };
      }
      case 'labels/stack':
        return backend.stack();
      case 'labels/undo': {
        const action = backend.done.pop() ?? null;
        if (action) backend.undone.push(action);
        return { action, count: action ? 2 : 0, skipped: 0, stack: backend.stack() };
      }
      default:
        throw new Error(`unexpected ${verb}`);
    }
  }),
}));

const { ItemsView } = await import('../../../renderer/src/views/ItemsView.tsx');
const { ItemSide } = await import('../../../renderer/src/views/ItemSide.tsx');
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom lays nothing out: give the scroller a height so the virtual list renders rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
});

let host: HTMLDivElement;
let root: Root;
const onLabeled = vi.fn();
const onOpen = vi.fn();
const notices: string[] = [];

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function renderTable() {
  await act(async () =>
    root.render(
      <ItemsView
        runId={1}
        query={{ search: '', outcome: 'unlabeled', sort: 'order', sortDirection: 'asc' }}
        version={0}
        annotator="ada"
        onQuery={() => undefined}
        onOpen={onOpen}
        onLabeled={onLabeled}
        onError={(message) => {
          throw new Error(message);
        }}
        onNotice={(message) => notices.push(message)}
      />,
    ),
  );
  await settle();
}

const el = (testId: string) => host.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const box = (i: number) => el(`item-select-${100 + i}`) as HTMLInputElement;
async function click(target: Element, init: MouseEventInit = {}) {
  await act(async () => {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
  });
  await settle();
}
const checkedKeys = () =>
  [...host.querySelectorAll<HTMLInputElement>('[data-testid^="item-select-"]')].filter((input) => input.checked).map((input) => input.getAttribute('aria-label'));
const lastCall = (verb: string) => backend.calls.filter(([v]) => v === verb).at(-1)?.[1];

beforeEach(() => {
  backend.calls.length = 0;
  backend.suggested = 0;
  backend.batches = 0;
  backend.done.length = 0;
  backend.undone.length = 0;
  notices.length = 0;
  onLabeled.mockReset();
  onOpen.mockReset();
  sessionStorage.clear();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('Items table', () => {
  it('shows suggestions as outlined suggestions with their basis, apart from the outcome, and answers as text', async () => {
    await renderTable();
    expect(host.querySelectorAll('[data-testid^="item-row-"]')).toHaveLength(8);
    const suggested = el('item-suggested-101')!.querySelector('.badge')!;
    expect(suggested.classList.contains('suggested')).toBe(true);
    expect(suggested.textContent).toBe('?abstained');
    expect(suggested.getAttribute('title')).toBe('suggested: abstained — abstention phrase (not counted until accepted)');
    // The outcome column still says unlabeled: a suggestion never counts by itself.
    expect(el('item-outcome-101')!.textContent).toContain('unlabeled');
    expect(el('item-suggested-104')!.textContent).toBe('—');
    expect(host.querySelector('b')).toBeNull();
    expect(el('item-row-100')!.textContent).toContain('<b onmouseover="x()">bold?</b>');
    expect(el('items-undo')!.hasAttribute('disabled')).toBe(true);
  });

  it('picks rows by click and shift-click range without opening them, and accepts exactly their suggestions', async () => {
    await renderTable();
    await click(box(1));
    await click(box(3), { shiftKey: true });
    expect(onOpen).not.toHaveBeenCalled();
    expect(checkedKeys()).toEqual(['Select item k1', 'Select item k2', 'Select item k3']);
    // A shift-click on a ticked row unticks the range back to it.
    await click(box(2), { shiftKey: true });
    expect(checkedKeys()).toEqual(['Select item k1']);
    await click(box(5));
    expect(el('items-selected-count')!.textContent).toBe('2 selected:');
    expect(el('item-row-105')!.getAttribute('aria-selected')).toBe('true');

    await click(el('items-accept-suggested')!);
    expect(lastCall('labels/bulk')).toEqual({
      runId: 1,
      annotator: 'ada',
      filter: {},
      action: { type: 'accept-suggested' },
      itemIds: [101, 105],
      what: 'accept suggestions for 2 selected',
    });
    expect(onLabeled).toHaveBeenCalledTimes(1);
    expect(checkedKeys()).toEqual([]);
    expect(el('items-undo')!.textContent).toBe('↶ Undo: accept suggestions for 2 selected');

    await click(el('items-undo')!);
    expect(lastCall('labels/undo')).toEqual({ runId: 1, annotator: 'ada' });
    expect(onLabeled).toHaveBeenCalledTimes(2);
    expect(el('items-undo')!.hasAttribute('disabled')).toBe(true);
    expect(notices.at(-1)).toBe('Undone: accept suggestions for 2 selected (2 labels)');
  });

  it('selects all of the filter as one filtered request, or names the ids once a row is left out', async () => {
    await renderTable();
    await click(el('items-select-all')!);
    expect(checkedKeys()).toHaveLength(8);
    expect(el('items-selected-count')!.textContent).toBe('all 8 selected:');
    await click(el('items-mark-incorrect')!);
    expect(lastCall('labels/bulk')).toEqual({
      runId: 1,
      annotator: 'ada',
      filter: { outcome: 'unlabeled' },
      action: { type: 'set', outcome: 'incorrect' },
      what: 'mark all 8 selected incorrect',
    });

    await click(el('items-select-all')!);
    await click(box(0));
    expect(el('items-selected-count')!.textContent).toBe('7 selected:');
    expect((el('items-select-all') as HTMLInputElement).indeterminate).toBe(true);
    await click(el('items-mark-abstained')!);
    expect(lastCall('labels/bulk')).toMatchObject({
      filter: { outcome: 'unlabeled' },
      action: { type: 'set', outcome: 'abstained' },
      itemIds: [101, 102, 103, 104, 105, 106, 107],
    });
    // Two batches: Undo takes back the newest first.
    expect(el('items-undo')!.textContent).toContain('mark 7 selected abstained');
    await click(el('items-undo')!);
    expect(lastCall('labels/undo')).toEqual({ runId: 1, annotator: 'ada' });
    expect(el('items-undo')!.textContent).toContain('mark all 8 selected incorrect');
  });

  it('Space on a focused row toggles it; Suggest grades asks for the run and shows the new suggestions', async () => {
    await renderTable();
    const row = el('item-row-104')!;
    await act(async () => {
      row.focus();
      row.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(checkedKeys()).toEqual(['Select item k4']);

    expect(el('item-suggested-104')!.textContent).toBe('—');
    await click(el('suggest-grades')!);
    expect(lastCall('runs/suggest')).toEqual({ runId: 1 });
    expect(notices.at(-1)).toContain('Suggested a grade for 7 items');
    expect(el('item-suggested-105')!.textContent).toBe('✗incorrect');
    expect(onLabeled).toHaveBeenCalledTimes(1);
  });
});

describe('Item side panel', () => {
  const detail = (overrides: Partial<ItemDetail> = {}): ItemDetail => ({
    ...backend.row(1, 1),
    label: 'correct',
    outcome: 'correct',
    labelAnnotator: 'bo',
    labelSource: 'agreed',
    extra: {},
    history: [],
    index: 1,
    myLabel: null,
    myAbstentionKind: null,
    blind: false,
    ...overrides,
  });
  const renderSide = (d: ItemDetail) => act(async () => root.render(<ItemSide detail={d} mine={null} formatTime={(iso) => iso} />));

  it('shows the suggestion as a suggestion, with its basis, beside a human label it does not replace', async () => {
    await renderSide(detail());
    const shown = el('item-suggestion')!;
    expect(shown.textContent).toBe('?abstained— abstention phrase');
    expect(shown.querySelector('.badge')!.classList.contains('suggested')).toBe(true);
    expect(shown.querySelector('.badge')!.getAttribute('title')).toBe('suggested: abstained — abstention phrase (not counted until accepted)');
    expect(host.textContent).toContain('human label✓correct');
  });

  it('says none without a suggestion, and hidden in blind mode', async () => {
    await renderSide(detail({ suggestedGrade: null, suggestionBasis: null }));
    expect(el('item-suggestion')!.textContent).toBe('none');
    // The API blanks the suggestion in blind mode; the panel says why it is empty.
    await renderSide(detail({ blind: true, suggestedGrade: null, suggestionBasis: null }));
    expect(el('item-suggestion')!.textContent).toBe('hidden (blind)');
    await renderSide(detail({ blind: true }));
    expect(el('item-suggestion')!.textContent).toBe('hidden (blind)');
  });
});
