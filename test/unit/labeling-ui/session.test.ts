import { describe, expect, it } from 'vitest';
import {
  detailKey,
  mineDelta,
  progressAfter,
  ratePerMinute,
  sessionKey,
  trailBack,
  trailForward,
  trailGo,
  trailPrepend,
  trailStart,
} from '../../../renderer/src/views/label/session.ts';

// The undo stacks moved to the server (test/unit/store/undo.test.ts, and
// lib/undo.ts for what the renderer keeps of them).
describe('progress as labels land', () => {
  it('moves "labeled by me" when labeling, and "disputed left" when adjudicating', () => {
    const progress = { total: 10, mine: 3 };
    expect(progressAfter(progress, 'label', null, 'correct')).toEqual({ total: 10, mine: 4 });
    expect(progressAfter(progress, 'label', 'correct', 'incorrect')).toEqual(progress);
    expect(progressAfter(progress, 'label', 'correct', null)).toEqual({ total: 10, mine: 2 });
    expect(progressAfter(progress, 'adjudication', null, 'abstained')).toEqual({ total: 9, mine: 3 });
    expect(progressAfter(null, 'label', null, 'correct')).toBeNull();
  });

  it('keys sessions and cached details apart', () => {
    expect(sessionKey(1, 'ann', 'label')).not.toBe(sessionKey(1, 'ann', 'adjudicate'));
    expect(detailKey(5, true)).not.toBe(detailKey(5, false));
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
