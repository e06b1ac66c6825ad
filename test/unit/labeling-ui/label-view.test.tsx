// @vitest-environment jsdom
// The Label view against a fake backend of five items: a key labels, writes
// before it advances, shows the prefetched next item, and undo (the server's,
// which the fake keeps as the server does) restores the label that was there
// before.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemDetail, Outcome, RunSummary } from '../../../shared/domain.ts';

const backend = vi.hoisted(() => {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const mine = new Map<number, Outcome | null>();
  const item = (id: number, blind: boolean): ItemDetail => ({
    id,
    runId: 1,
    key: `k${id}`,
    prompt: `prompt ${id}`,
    answer: `answer ${id}`,
    gold: null,
    importedGrade: blind ? null : 'correct',
    confidence: blind ? null : 0.75,
    label: null,
    labelAnnotator: null,
    labelSource: null,
    disputed: false,
    abstentionKind: null,
    importedPartial: false,
    partial: false,
    suggestedKind: null,
    outcome: 'unlabeled',
    // The API blanks suggestions in blind mode.
    suggestedGrade: blind ? null : 'incorrect',
    suggestionBasis: blind ? null : 'no match',
    extra: {},
    history: [],
    index: id - 1,
    myLabel: mine.get(id) ?? null,
    myAbstentionKind: null,
    blind,
  });
  // The server's undo stack: each write is an action; undo restores `before`, redo `after`.
  type Action = { id: number; what: string; count: number; itemId: number | null; createdAt: string; before?: Outcome | null; after?: Outcome | null };
  const done: Action[] = [];
  const undone: Action[] = [];
  const strip = (a: Action | undefined) => (a ? { id: a.id, what: a.what, count: a.count, itemId: a.itemId, createdAt: a.createdAt } : null);
  const stack = () => ({ undo: strip(done.at(-1)), redo: strip(undone.at(-1)) });
  const push = (action: Action) => {
    done.push(action);
    undone.length = 0;
  };
  return { calls, mine, item, done, undone, stack, push };
});

vi.mock('../../../renderer/src/api/client.ts', () => ({
  bridge: null,
  runtime: 'browser',
  ApiCallError: class extends Error {},
  call: vi.fn(async (verb: string, request: Record<string, unknown>) => {
    backend.calls.push([verb, request]);
    const id = request.itemId as number;
    switch (verb) {
      case 'items/list':
        return { total: 5, offset: 0, rows: [backend.item(1, false)] };
      case 'items/get':
        return backend.item(id, request.blind === true);
      case 'items/neighbor': {
        const next = request.direction === 'next' ? id + 1 : id - 1;
        return next >= 1 && next <= 5 ? backend.item(next, false) : null;
      }
      case 'labels/set': {
        const before = backend.mine.get(id) ?? null;
        backend.mine.set(id, request.outcome as Outcome | null);
        backend.push({ id: backend.done.length + 1, what: `${String(request.outcome)} on k${id}`, count: 1, itemId: id, createdAt: 't', before, after: request.outcome as Outcome | null });
        return { label: {}, item: backend.item(id, request.blind === true), stack: backend.stack() };
      }
      case 'labels/progress':
        return { total: 5, mine: [...backend.mine.values()].filter(Boolean).length };
      case 'annotators/list':
        return [];
      case 'labels/bulk':
        backend.push({ id: backend.done.length + 1, what: request.what as string, count: 5, itemId: null, createdAt: 't' });
        return { batch: '00000000-0000-4000-8000-0000000000b1', count: 5, stack: backend.stack() };
      case 'labels/stack':
        return backend.stack();
      case 'labels/undo':
      case 'labels/redo': {
        const [from, to] = verb === 'labels/undo' ? [backend.done, backend.undone] : [backend.undone, backend.done];
        const action = from.pop();
        if (action) to.push(action);
        if (action?.itemId) backend.mine.set(action.itemId, (verb === 'labels/undo' ? action.before : action.after) ?? null);
        return { action: action ? { id: action.id, what: action.what, count: action.count, itemId: action.itemId, createdAt: 't' } : null, count: action ? action.count : 0, skipped: 0, stack: backend.stack() };
      }
      default:
        throw new Error(`unexpected ${verb}`);
    }
  }),
}));

const { LabelView } = await import('../../../renderer/src/views/label/LabelView.tsx');
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const run = { id: 1, name: 'r.csv', model: 'gpt-x', task: null, itemCount: 5, labeledCount: 0 } as RunSummary;
let host: HTMLDivElement;
let root: Root;
// One annotator per test: the view remembers each annotator's session (position, undo) across tab switches.
let annotator = '';
let tests = 0;

beforeEach(async () => {
  backend.calls.length = 0;
  backend.mine.clear();
  backend.done.length = 0;
  backend.undone.length = 0;
  annotator = `ada${++tests}`;
  localStorage.clear();
  sessionStorage.clear();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () =>
    root.render(
      <LabelView
        run={run}
        runs={[run]}
        route={{ runId: 1, tab: 'label', itemId: null }}
        setRoute={() => undefined}
        metrics={null}
        theme={'light' as never}
        annotator={annotator}
        keysEnabled
        version={0}
        onLabeled={() => undefined}
        onError={(message) => {
          throw new Error(message);
        }}
        onNotice={() => undefined}
      />,
    ),
  );
  await settle();
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}
const shownKey = () => host.querySelector('[data-testid="item-key"]')?.textContent;
const press = async (key: string, mods: KeyboardEventInit = {}) => {
  await act(async () => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods }));
  });
  await settle();
};
const verbs = () => backend.calls.map(([verb, request]) => `${verb}:${String(request.itemId ?? '')}`);

describe('Label view', () => {
  it('prefetches the next item, labels by key, writes before advancing, and undoes by writing the previous label', async () => {
    expect(shownKey()).toBe('k1');
    // The next item is fetched before any key is pressed.
    expect(verbs()).toEqual(expect.arrayContaining(['items/neighbor:1', 'items/get:2']));
    expect(host.querySelector('[data-testid="progress-total"]')?.textContent).toBe('5');

    backend.calls.length = 0;
    await press('2');
    expect(shownKey()).toBe('k2');
    // Written first, then shown from the prefetch: no items/get for item 2 after the key.
    expect(verbs().indexOf('labels/set:1')).toBe(0);
    expect(verbs()).not.toContain('items/get:2');
    expect(backend.calls[0]![1]).toMatchObject({ annotator, outcome: 'incorrect', kind: 'label', blind: false });
    expect(host.querySelector('[data-testid="progress-mine"]')?.textContent).toBe('1');

    await press('z', { ctrlKey: true });
    expect(shownKey()).toBe('k1');
    expect(backend.mine.get(1)).toBeNull();
    await press('Z', { ctrlKey: true, shiftKey: true });
    expect(backend.mine.get(1)).toBe('incorrect');
    await press('j');
    expect(shownKey()).toBe('k2');
    await press('k');
    expect(shownKey()).toBe('k1');
  });

  it('asks for blind items once blind mode is on, and hides what they withhold', async () => {
    await act(async () => host.querySelector<HTMLInputElement>('[data-testid="blind-toggle"]')!.click());
    await settle();
    const gets = backend.calls.filter(([verb]) => verb === 'items/get').map(([, request]) => request);
    expect(gets).toEqual(expect.arrayContaining([expect.objectContaining({ itemId: 1, blind: true }), expect.objectContaining({ itemId: 2, blind: true })]));
    expect(host.querySelector('[data-testid="item-confidence"]')?.textContent).toBe('hidden (blind)');
    expect(host.querySelector('[data-testid="item-model"]')?.textContent).toBe('hidden (blind)');
    expect(host.querySelector('[data-testid="item-suggestion"]')?.textContent).toBe('hidden (blind)');
    expect(host.querySelector('[data-testid="accept-suggested"]')).toBeNull();
    await press('1');
    expect(backend.calls.find(([verb]) => verb === 'labels/set')![1]).toMatchObject({ blind: true });
  });

  it('writes a note with n and keeps focus in the view', async () => {
    await press('n');
    const input = host.querySelector<HTMLTextAreaElement>('[data-testid="note-input"]')!;
    expect(document.activeElement).toBe(input);
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(input, 'hedged');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(backend.calls.find(([verb]) => verb === 'labels/set')![1]).toMatchObject({ itemId: 1, note: 'hedged', outcome: null });
    expect(document.activeElement).toBe(host.querySelector('[data-testid="label-view"]'));
    expect(shownKey()).toBe('k1');
  });

  it('shows the suggestion in the side panel, and accepts the queue\'s suggestions only after asking, as one undoable batch', async () => {
    const suggestion = host.querySelector('[data-testid="item-suggestion"]')!;
    expect(suggestion.textContent).toBe('✗incorrect— no match');
    expect(suggestion.querySelector('.badge.suggested')).not.toBeNull();

    const click = async (testId: string) => {
      await act(async () => host.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click());
      await settle();
    };
    await click('accept-suggested');
    expect(host.querySelector('[data-testid="accept-suggested-question"]')?.textContent).toContain('suggested grade as your label');
    expect(backend.calls.some(([verb]) => verb === 'labels/bulk')).toBe(false);
    await click('accept-suggested-confirm');
    const bulk = backend.calls.find(([verb]) => verb === 'labels/bulk')![1];
    expect(bulk).toMatchObject({ runId: 1, annotator, action: { type: 'accept-suggested' } });
    expect(bulk.itemIds).toBeUndefined();
    expect(host.querySelector('[data-testid="undo-button"]')?.textContent).toBe('↶ Undo: accept suggested grades');
    // The undo stack takes the batch back like any other action.
    await press('u');
    expect(backend.calls.find(([verb]) => verb === 'labels/undo')![1]).toEqual({ runId: 1, annotator });
    expect(host.querySelector('[data-testid="redo-button"]')?.hasAttribute('disabled')).toBe(false);
  });
});
