// The same item keys across runs (issue 15, item 4): alignment by key, the
// filters, and every filter's count, checked against a brute-force reading.
import { describe, expect, it } from 'vitest';
import { alignKeys, codeAt, filterRows, matrixCounts } from '../../../shared/compare/matrix.ts';
import { Xoshiro128 } from '../../../shared/metrics/prng.ts';

const code = { u: 0, c: 1, i: 2, a: 3 } as const;
const codes = (text: string) => Uint8Array.from(text, (ch) => code[ch as keyof typeof code]);

describe('alignKeys', () => {
  it('keeps keys held by two runs or more, in order of first appearance, with each run position', () => {
    const aligned = alignKeys([
      ['k1', 'k2', 'k3', 'only-a'],
      ['k3', 'k4', 'k1', 'only-b'],
      ['k4', 'k2', 'k9'],
    ]);
    // k1 (a, b), k2 (a, c), k3 (a, b), k4 (b, c); only-a, only-b, k9 held once.
    expect(aligned.rows).toBe(4);
    expect(Array.from(aligned.positions[0]!)).toEqual([0, 1, 2, -1]);
    expect(Array.from(aligned.positions[1]!)).toEqual([2, -1, 0, 1]);
    expect(Array.from(aligned.positions[2]!)).toEqual([-1, 1, -1, 0]);
    expect(Array.from(aligned.firstRun)).toEqual([0, 0, 0, 1]);
    expect(aligned.onlyHere).toEqual([1, 1, 1]);
    expect(aligned.inAll).toBe(0);
  });

  it('says when runs share nothing: no rows, every key its run\'s own', () => {
    const aligned = alignKeys([
      ['a1', 'a2'],
      ['b1', 'b2', 'b3'],
    ]);
    expect(aligned.rows).toBe(0);
    expect(aligned.onlyHere).toEqual([2, 3]);
    expect(matrixCounts(aligned, [codes('cc'), codes('iii')], 0, 1)).toMatchObject({ shared: 0, inAll: 0, disagree: 0, pair: { both: 0, graded: 0, differ: 0 } });
  });

  it('lines up runs listing the same keys in the same order position by position (the common case, no hash table)', () => {
    const keys = ['a', 'b', 'c'];
    const aligned = alignKeys([keys, [...keys], [...keys]]);
    expect(aligned).toMatchObject({ rows: 3, inAll: 3, onlyHere: [0, 0, 0] });
    expect(aligned.positions.map((p) => Array.from(p))).toEqual([
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 2],
    ]);
    // One key out of place, or one missing, takes the general path with the same answer.
    expect(Array.from(alignKeys([keys, ['a', 'c', 'b']]).positions[1]!)).toEqual([0, 2, 1]);
    expect(alignKeys([keys, ['a', 'b']])).toMatchObject({ rows: 2, inAll: 2, onlyHere: [1, 0] });
  });

  it('keeps the first position of a key repeated within one run', () => {
    const aligned = alignKeys([
      ['x', 'x', 'y'],
      ['y', 'x'],
    ]);
    expect(aligned.rows).toBe(2);
    expect(Array.from(aligned.positions[0]!)).toEqual([0, 2]);
    expect(Array.from(aligned.positions[1]!)).toEqual([1, 0]);
    expect(aligned.inAll).toBe(2);
  });
});

describe('filters and counts', () => {
  const aligned = alignKeys([
    ['q1', 'q2', 'q3', 'q4', 'q5'],
    ['q1', 'q2', 'q3', 'q4', 'q5'],
    ['q1', 'q2', 'q6'],
  ]);
  //             q1   q2   q3   q4   q5
  const a = codes('cicua');
  const b = codes('ccicc');
  const c = codes('cia');
  const outcomes = [a, b, c];

  it('"runs disagree" compares the verdicts of the runs holding the key, unlabeled ones aside', () => {
    // q1 c/c/c agree; q2 i/c/i differ; q3 c/i differ; q4 u/c: one verdict; q5 a/c differ.
    expect(Array.from(filterRows(aligned, outcomes, { kind: 'disagree' }))).toEqual([1, 2, 4]);
  });

  it('"this run wrong, that one right" and the pair\'s differing items', () => {
    expect(Array.from(filterRows(aligned, outcomes, { kind: 'pair', a: 0, b: 1, outcomeA: code.i, outcomeB: code.c }))).toEqual([1]);
    expect(Array.from(filterRows(aligned, outcomes, { kind: 'pair', a: 1, b: 0, outcomeA: code.i, outcomeB: null }))).toEqual([2]);
    expect(Array.from(filterRows(aligned, outcomes, { kind: 'pair-disagree', a: 0, b: 1 }))).toEqual([1, 2, 4]);
    // Runs 0 and 2 share q1, q2 only.
    expect(Array.from(filterRows(aligned, outcomes, { kind: 'pair-disagree', a: 0, b: 2 }))).toEqual([]);
  });

  it('counts every filter and the pair table', () => {
    const counts = matrixCounts(aligned, outcomes, 0, 1);
    expect(counts).toMatchObject({ shared: 5, inAll: 2, disagree: 3, pair: { both: 5, graded: 4, differ: 3 } });
    expect(counts.pair.table[code.u]![code.c]).toBe(1);
    expect(counts.pair.table[code.i]![code.c]).toBe(1);
    expect(counts.pair.table[code.a]![code.c]).toBe(1);
  });

  it('agrees with a brute-force reading on random runs', () => {
    const rng = new Xoshiro128(7);
    const random = () => rng.nextUint32() / 2 ** 32;
    for (let trial = 0; trial < 20; trial++) {
      const runs = 2 + Math.floor(random() * 3);
      const keys: string[][] = [];
      const outs: Uint8Array[] = [];
      const truth: Array<Map<string, number>> = [];
      for (let r = 0; r < runs; r++) {
        const own = new Map<string, number>();
        for (let k = 0; k < 60; k++) if (random() < 0.6) own.set(`k${k}`, Math.floor(random() * 4));
        const order = [...own.keys()].sort(() => random() - 0.5);
        keys.push(order);
        outs.push(Uint8Array.from(order, (key) => own.get(key)!));
        truth.push(own);
      }
      const aligned = alignKeys(keys);
      const union = new Set(keys.flat());
      const sharedKeys = [...union].filter((key) => truth.filter((own) => own.has(key)).length >= 2);
      expect(aligned.rows).toBe(sharedKeys.length);
      const verdicts = (key: string) => new Set(truth.filter((own) => own.has(key)).map((own) => own.get(key)!).filter((x) => x !== 0));
      const disagreeing = sharedKeys.filter((key) => verdicts(key).size > 1).length;
      const counts = matrixCounts(aligned, outs, 0, 1);
      expect(counts.disagree).toBe(disagreeing);
      expect(filterRows(aligned, outs, { kind: 'disagree' }).length).toBe(disagreeing);
      const both = sharedKeys.filter((key) => truth[0]!.has(key) && truth[1]!.has(key));
      expect(counts.pair.both).toBe(both.length);
      expect(counts.pair.differ).toBe(both.filter((key) => truth[0]!.get(key)! && truth[1]!.get(key)! && truth[0]!.get(key) !== truth[1]!.get(key)).length);
      expect(counts.inAll).toBe([...union].filter((key) => truth.every((own) => own.has(key))).length);
      // Every row reads back the outcome its run gave the key.
      for (let row = 0; row < aligned.rows; row++) {
        for (let r = 0; r < runs; r++) {
          const position = aligned.positions[r]![row]!;
          if (position >= 0) expect(codeAt(aligned, outs, r, row)).toBe(truth[r]!.get(keys[r]![position]!));
        }
      }
    }
  });
});
