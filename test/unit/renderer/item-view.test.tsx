// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemDetail } from '../../../shared/domain.ts';

const calls = vi.hoisted(() => [] as Array<[string, Record<string, unknown>]>);
const item = vi.hoisted(
  (): ItemDetail => ({
    id: 11,
    runId: 1,
    key: 'e6',
    prompt: '<img src=x onerror="alert(1)"> What is the capital of Bhutan?',
    answer: 'Thimphu\n\n  indented',
    gold: 'Thimphu',
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
    suggestedGrade: null,
    suggestionBasis: null,
    outcome: 'unlabeled',
    extra: {},
    history: [],
    index: 5,
    myLabel: null,
    myAbstentionKind: null,
    blind: false,
  }),
);

vi.mock('../../../renderer/src/api/client.ts', () => ({
  bridge: null,
  runtime: 'browser',
  ApiCallError: class extends Error {},
  call: vi.fn(async (verb: string, request: Record<string, unknown>) => {
    calls.push([verb, request]);
    if (verb === 'items/get') return item;
    if (verb === 'labels/set') {
      const outcome = request.outcome as ItemDetail['label'];
      return {
        label: { id: calls.length, itemId: 11, annotator: request.annotator, outcome, note: null, createdAt: '2026-01-01T00:00:00Z' },
        item: { ...item, label: outcome, labelAnnotator: request.annotator, outcome: outcome ?? 'unlabeled' },
      };
    }
    if (verb === 'items/neighbor') return { ...item, id: 12, key: 'e7' };
    throw new Error(`unexpected ${verb}`);
  }),
}));

const { ItemView } = await import('../../../renderer/src/views/ItemView.tsx');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
const onNavigate = vi.fn();
const onLabeled = vi.fn();

beforeEach(async () => {
  calls.length = 0;
  onNavigate.mockReset();
  onLabeled.mockReset();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () =>
    root.render(
      <ItemView
        itemId={11}
        query={{ search: 'cap', outcome: 'unlabeled', sort: 'order', sortDirection: 'asc' }}
        annotator="ada"
        keysEnabled
        version={0}
        metrics={null}
        runItemCount={6}
        onNavigate={onNavigate}
        onLabeled={onLabeled}
        onError={() => undefined}
        onNotice={() => undefined}
      />,
    ),
  );
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const byId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const press = async (key: string, target: EventTarget = document.body) => {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
};

describe('ItemView', () => {
  it('shows untrusted text as text, whitespace kept', () => {
    expect(byId('item-key').textContent).toBe('e6');
    expect(byId('item-prompt').textContent).toContain('<img src=x');
    expect(byId('item-prompt').querySelector('img')).toBeNull();
    expect(byId('item-answer').textContent).toBe('Thimphu\n\n  indented');
    expect(byId('item-confidence').textContent).toBe('0.500');
    expect(byId('item-outcome').textContent).toBe('unlabeled');
  });

  it('labels in place with 1, sending the annotator, and refreshes metrics', async () => {
    await press('1');
    expect(calls).toContainEqual(['labels/set', { itemId: 11, annotator: 'ada', outcome: 'correct' }]);
    expect(byId('item-outcome').textContent).toBe('correct');
    expect(onLabeled).toHaveBeenCalledTimes(1);
    expect(onNavigate).not.toHaveBeenCalled();
  });

  it('clears with 0 and with Backspace', async () => {
    await press('0');
    await press('Backspace');
    const clears = calls.filter(([verb, r]) => verb === 'labels/set' && r.outcome === null);
    expect(clears).toHaveLength(2);
  });

  it('moves with Enter, j and k using the current filter', async () => {
    await press('Enter');
    expect(calls).toContainEqual(['items/neighbor', { itemId: 11, direction: 'next', search: 'cap', outcome: 'unlabeled' }]);
    expect(onNavigate).toHaveBeenCalledWith(12);
    await press('k');
    expect(calls.at(-1)).toEqual(['items/neighbor', { itemId: 11, direction: 'prev', search: 'cap', outcome: 'unlabeled' }]);
  });

  it('ignores keys typed into a text field or with modifiers', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    await press('1', input);
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '2', ctrlKey: true, bubbles: true }));
    });
    expect(calls.filter(([verb]) => verb === 'labels/set')).toHaveLength(0);
    input.remove();
  });

  it('labels from the buttons too', async () => {
    await act(async () => byId('label-abstained').click());
    expect(calls).toContainEqual(['labels/set', { itemId: 11, annotator: 'ada', outcome: 'abstained' }]);
  });
});
