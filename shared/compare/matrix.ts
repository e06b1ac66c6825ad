// The same item keys across several runs: which keys the runs share, where
// their outcomes differ, and a pair's outcome table. Runs are aligned once by
// key (a key's position in each run never changes after import); outcomes
// move with every label, so the filters read them fresh each time.
import { OUTCOME_CODE } from '../metrics/types.ts';

/** Keys held by at least two of the runs, as rows; each run's position of the key, or -1. */
export interface AlignedRuns {
  /** Rows: keys in two runs or more, ordered by where they first appear (run order of the first run holding them). */
  rows: number;
  /** Per run, row -> the key's position in that run (its index in the run's outcome columns), or -1. */
  positions: Int32Array[];
  /** Per row, the first run that holds the key. */
  firstRun: Uint8Array;
  /** Per run, how many of its keys no other selected run holds. */
  onlyHere: number[];
  /** Keys every run holds. */
  inAll: number;
}

/** At most this many runs side by side (a row's runs fit a byte, and a screen). */
export const MAX_MATRIX_RUNS = 12;

/**
 * Aligns runs by item key. Keys are unique within a run (importers refuse
 * duplicates); should one be met twice in runs not in the same order, it keeps
 * its first position.
 */
export function alignKeys(keysByRun: readonly (readonly string[])[]): AlignedRuns {
  const runs = keysByRun.length;
  if (runs > MAX_MATRIX_RUNS) throw new RangeError(`at most ${MAX_MATRIX_RUNS} runs can be aligned, got ${runs}`);
  if (runs >= 2 && sameKeysInSameOrder(keysByRun)) return identity(keysByRun[0]!.length, runs);
  const total = keysByRun.reduce((sum, keys) => sum + keys.length, 0);
  // Each key once (the union): its first run, how many runs hold it, the last run that did.
  const rowOf = new Map<string, number>();
  const unionFirst = new Uint8Array(total);
  const holders = new Uint8Array(total);
  const lastRun = new Uint8Array(total);
  // Per run, position -> union row (-1: a repeat of a key earlier in the same run).
  const rowAt = keysByRun.map((keys) => new Int32Array(keys.length));
  let size = 0;
  keysByRun.forEach((keys, r) => {
    const rows = rowAt[r]!;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let row = rowOf.get(key);
      if (row === undefined) {
        row = size++;
        rowOf.set(key, row);
        unionFirst[row] = r;
      } else if (lastRun[row] === r && holders[row]! > 0) {
        rows[i] = -1;
        continue;
      }
      lastRun[row] = r;
      holders[row]!++;
      rows[i] = row;
    }
  });
  rowOf.clear();
  // Union rows held twice or more become matrix rows, in union order.
  const matrixRow = new Int32Array(size).fill(-1);
  const onlyHere = new Array<number>(runs).fill(0);
  let rows = 0;
  let inAll = 0;
  for (let row = 0; row < size; row++) {
    if (holders[row]! >= 2) matrixRow[row] = rows++;
    else onlyHere[unionFirst[row]!]!++;
    if (holders[row] === runs) inAll++;
  }
  const firstRun = new Uint8Array(rows);
  for (let row = 0; row < size; row++) if (matrixRow[row]! >= 0) firstRun[matrixRow[row]!] = unionFirst[row]!;
  const positions = rowAt.map((unionRows) => {
    const at = new Int32Array(rows).fill(-1);
    for (let i = 0; i < unionRows.length; i++) {
      const row = unionRows[i]!;
      if (row >= 0 && matrixRow[row]! >= 0) at[matrixRow[row]!] = i;
    }
    return at;
  });
  return { rows, positions, firstRun, onlyHere, inAll: runs >= 2 ? inAll : 0 };
}

/**
 * Runs of one benchmark usually list the same keys in the same order: then
 * row i is position i in every run, found by one comparison per key instead
 * of a hash table of a million strings. (Keys are unique within a run: the
 * importers refuse a repeated key.)
 */
function sameKeysInSameOrder(keysByRun: readonly (readonly string[])[]): boolean {
  const first = keysByRun[0]!;
  for (let r = 1; r < keysByRun.length; r++) {
    const keys = keysByRun[r]!;
    if (keys.length !== first.length) return false;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== first[i]) return false;
  }
  return true;
}

function identity(n: number, runs: number): AlignedRuns {
  const positions = new Int32Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  return {
    rows: n,
    positions: Array.from({ length: runs }, (_, r) => (r === 0 ? positions : positions.slice())),
    firstRun: new Uint8Array(n),
    onlyHere: new Array<number>(runs).fill(0),
    inAll: n,
  };
}

/** Which rows a matrix shows. */
export type MatrixFilter =
  | { kind: 'all' }
  /** Runs that hold the key state different verdicts (two of correct, incorrect, abstained). */
  | { kind: 'disagree' }
  /** Runs a and b (indices) both hold the key, both graded, with different verdicts: the items behind their paired difference. */
  | { kind: 'pair-disagree'; a: number; b: number }
  /** Runs a and b both hold the key, with these outcome codes (either may be left open). */
  | { kind: 'pair'; a: number; b: number; outcomeA: number | null; outcomeB: number | null };

const UNLABELED: number = OUTCOME_CODE.unlabeled;

function disagrees(aligned: AlignedRuns, outcomes: readonly Uint8Array[], row: number): boolean {
  let seen = UNLABELED;
  for (let r = 0; r < outcomes.length; r++) {
    const i = aligned.positions[r]![row]!;
    if (i < 0) continue;
    const code = outcomes[r]![i]!;
    if (code === UNLABELED) continue;
    if (seen === UNLABELED) seen = code;
    else if (code !== seen) return true;
  }
  return false;
}

/** The outcome code of row in run r, or -1 when the run does not hold the key. */
export function codeAt(aligned: AlignedRuns, outcomes: readonly Uint8Array[], r: number, row: number): number {
  const i = aligned.positions[r]![row]!;
  return i < 0 ? -1 : outcomes[r]![i]!;
}

/** The rows a filter keeps, in row order. outcomes: each run's outcome codes (OUTCOME_CODE), by position. */
export function filterRows(aligned: AlignedRuns, outcomes: readonly Uint8Array[], filter: MatrixFilter): Uint32Array {
  if (filter.kind === 'all') {
    const all = new Uint32Array(aligned.rows);
    for (let row = 0; row < aligned.rows; row++) all[row] = row;
    return all;
  }
  const kept = new Uint32Array(aligned.rows);
  let n = 0;
  for (let row = 0; row < aligned.rows; row++) {
    let keep: boolean;
    if (filter.kind === 'disagree') keep = disagrees(aligned, outcomes, row);
    else {
      const a = codeAt(aligned, outcomes, filter.a, row);
      const b = codeAt(aligned, outcomes, filter.b, row);
      if (a < 0 || b < 0) keep = false;
      else if (filter.kind === 'pair-disagree') keep = a !== UNLABELED && b !== UNLABELED && a !== b;
      else keep = (filter.outcomeA === null || a === filter.outcomeA) && (filter.outcomeB === null || b === filter.outcomeB);
    }
    if (keep) kept[n++] = row;
  }
  return kept.slice(0, n);
}

export interface MatrixCounts {
  /** Keys in two selected runs or more (the rows). */
  shared: number;
  inAll: number;
  disagree: number;
  /** Runs a and b: keys both hold; of those, graded in both; graded in both with different verdicts. */
  pair: { both: number; graded: number; differ: number; table: number[][] };
}

/** Counts of every filter; pair.table[x][y]: rows where run a's outcome code is x and run b's is y. */
export function matrixCounts(aligned: AlignedRuns, outcomes: readonly Uint8Array[], a: number, b: number): MatrixCounts {
  const table = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  let disagree = 0;
  let both = 0;
  for (let row = 0; row < aligned.rows; row++) {
    if (disagrees(aligned, outcomes, row)) disagree++;
    const x = codeAt(aligned, outcomes, a, row);
    const y = codeAt(aligned, outcomes, b, row);
    if (x >= 0 && y >= 0) {
      both++;
      table[x]![y]!++;
    }
  }
  let graded = 0;
  let differ = 0;
  for (let x = 1; x <= 3; x++) {
    for (let y = 1; y <= 3; y++) {
      graded += table[x]![y]!;
      if (x !== y) differ += table[x]![y]!;
    }
  }
  return { shared: aligned.rows, inAll: aligned.inAll, disagree, pair: { both, graded, differ, table } };
}
