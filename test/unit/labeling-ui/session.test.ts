import { describe, expect, it } from 'vitest';
import {
  EMPTY_STACKS,
  mineDelta,
  pushAction,
  ratePerMinute,
  shiftAction,
  trailBack,
  trailForward,
  trailGo,
  trailPrepend,
  trailStart,
  type SessionAction,
} from '../../../renderer/src/views/label/session.ts';

const label = (itemId: number, before: 'correct' | null, after: 'incorrect' | null): SessionAction => ({
  type: 'label',
  itemId,
  kind: 'label',
  before,
  after,
});

describe('undo stacks', () => {
  it('a new action clears redo; undo and redo move actions across, batches with the id that undid them', () => {
    let stacks = pushAction(EMPTY_STACKS, label(1, null, 'incorrect'));
    stacks = pushAction(stacks, { type: 'batch', batch: 'b1', count: 3, what: 'accept' });
    stacks = shiftAction(stacks, 'undo', { type: 'batch', batch: 'u1', count: 3, what: 'accept' });
    expect(stacks.undo).toHaveLength(1);
    expect(stacks.redo).toEqual([{ type: 'batch', batch: 'u1', count: 3, what: 'accept' }]);
    stacks = shiftAction(stacks, 'redo', { type: 'batch', batch: 'u2', count: 3, what: 'accept' });
    expect(stacks.undo.at(-1)).toMatchObject({ batch: 'u2' });
    stacks = shiftAction(stacks, 'undo', { type: 'batch', batch: 'u3', count: 3, what: 'accept' });
    stacks = pushAction(stacks, label(2, 'correct', null));
    expect(stacks.redo).toEqual([]);
    expect(stacks.undo.map((a) => (a.type === 'label' ? a.itemId : a.batch))).toEqual([1, 2]);
  });

  it('counts my labels up and down', () => {
    expect(mineDelta(null, 'correct')).toBe(1);
    expect(mineDelta('correct', 'incorrect')).toBe(0);
    expect(mineDelta('correct', null)).toBe(-1);
    expect(mineDelta(null, null)).toBe(0);
  });
});

describe('the trail of visited items', () => {
  it('goes back to items the queue no longer holds, and forward again', () => {
    let trail = trailStart(10);
    trail = trailGo(trail, 11);
    trail = trailGo(trail, 12);
    expect(trailBack(trail)).toBe(11);
    trail = trailGo(trail, 11);
    expect(trailForward(trail)).toBe(12);
    trail = trailGo(trail, 12);
    expect(trailForward(trail)).toBeNull();
    // A new branch from the middle drops what was ahead.
    trail = trailGo(trailGo(trail, 11), 20);
    expect(trail.ids).toEqual([10, 11, 20]);
  });

  it('prepends items found before the start', () => {
    const trail = trailPrepend(trailStart(10), 9);
    expect(trail).toEqual({ ids: [9, 10], at: 0 });
    expect(trailForward(trail)).toBe(10);
  });

  it('stays bounded', () => {
    let trail = trailStart(0);
    for (let i = 1; i <= 6000; i++) trail = trailGo(trail, i);
    expect(trail.ids.length).toBe(5000);
    expect(trail.ids[trail.at]).toBe(6000);
  });
});

describe('labels per minute', () => {
  it('needs two labels, covers the last five minutes, and fades during a pause', () => {
    expect(ratePerMinute([], 0)).toBeNull();
    expect(ratePerMinute([1000], 2000)).toBeNull();
    const times = Array.from({ length: 30 }, (_, i) => i * 2000); // one label every 2 s
    expect(ratePerMinute(times, 60_000)).toBeCloseTo(30, 6);
    expect(ratePerMinute(times, 180_000)).toBeCloseTo(10, 6);
    expect(ratePerMinute(times, 60_000 + 5 * 60_000)).toBeNull();
  });
});
