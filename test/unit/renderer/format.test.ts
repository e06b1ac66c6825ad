import { describe, expect, it } from 'vitest';
import { EM_DASH, fmt3, fmtCount, fmtPercent } from '../../../renderer/src/lib/format.ts';
import { formatHash, parseHash } from '../../../renderer/src/lib/route.ts';

describe('number formatting', () => {
  it('shows rates with 3 decimals and null as an em dash', () => {
    expect(fmt3(0.4)).toBe('0.400');
    expect(fmt3(-2.843)).toBe('-2.843');
    expect(fmt3(-0.0000001)).toBe('0.000');
    expect(fmt3(null)).toBe(EM_DASH);
    expect(fmt3(Number.NaN)).toBe(EM_DASH);
  });

  it('shows counts in full with thousands separators', () => {
    expect(fmtCount(1234567)).toBe('1,234,567');
    expect(fmtCount(0)).toBe('0');
    expect(fmtCount(null)).toBe(EM_DASH);
  });

  it('never rounds a non-zero share to 0% or a partial one to 100%', () => {
    expect(fmtPercent(1, 1000)).toBe('<1%');
    expect(fmtPercent(999, 1000)).toBe('>99%');
    expect(fmtPercent(1, 2)).toBe('50%');
    expect(fmtPercent(0, 0)).toBe(EM_DASH);
  });
});

describe('hash routes', () => {
  it('round-trips every view', () => {
    for (const hash of ['#/run/3/overview', '#/run/3/items', '#/run/3/item/42']) {
      expect(formatHash(parseHash(hash))).toBe(hash);
    }
  });

  it('falls back to nothing selected on junk', () => {
    expect(parseHash('#/run/abc/items').runId).toBeNull();
    expect(parseHash('').runId).toBeNull();
    expect(parseHash('#/run/0/items').runId).toBeNull();
    expect(parseHash('#/run/7/whatever')).toEqual({ runId: 7, tab: 'overview', itemId: null });
  });
});
