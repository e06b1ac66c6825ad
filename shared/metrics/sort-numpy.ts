// np.argsort(v, kind='quicksort') replayed step for step: the order numpy gives
// tied values is an artefact of its introsort, and HELM's selective metrics and
// LM-Polygraph's PRR depend on it (sort.ts holds the stable sorts).

const SMALL_QUICKSORT = 15;

function less(a: number, b: number): boolean {
  // numpy's float ordering: NaN sorts after everything.
  return a < b || (b !== b && a === a);
}

function msb(n: number): number {
  let depth = 0;
  while (n > 1) {
    n = Math.floor(n / 2);
    depth++;
  }
  return depth;
}

function aheapsort(v: Float64Array, tosort: Uint32Array, start: number, n: number): void {
  // numpy's heapsort uses 1-based indexing into a = tosort - 1.
  const a = (k: number): number => tosort[start + k - 1]!;
  const set = (k: number, val: number): void => {
    tosort[start + k - 1] = val;
  };
  let i: number;
  let j: number;
  let l: number;
  let tmp: number;
  for (l = n >> 1; l > 0; --l) {
    tmp = a(l);
    for (i = l, j = l << 1; j <= n; ) {
      if (j < n && less(v[a(j)]!, v[a(j + 1)]!)) j += 1;
      if (less(v[tmp]!, v[a(j)]!)) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
  for (; n > 1; ) {
    tmp = a(n);
    set(n, a(1));
    n -= 1;
    for (i = 1, j = 2; j <= n; ) {
      if (j < n && less(v[a(j)]!, v[a(j + 1)]!)) j++;
      if (less(v[tmp]!, v[a(j)]!)) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
}

/**
 * np.argsort(v) with the default kind='quicksort' as numpy 1.24 implements it
 * (introsort: median-of-3 quicksort, insertion sort below 16, heapsort on
 * depth overflow). The order of tied values is an artefact of this algorithm;
 * HELM's selective metrics and LM-Polygraph's PRR depend on it, so they are
 * reproduced only by replaying it exactly.
 */
export function argsortNumpyQuicksort(v: Float64Array): Uint32Array {
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return argsortNumpyQuicksortNaN(v);
  return argsortNumpyQuicksortPairs(Float64Array.from(v));
}

/** argsortNumpyQuicksort of keys the caller gives up: they are sorted in place instead of copied. */
export function argsortNumpyQuicksortOwned(v: Float64Array): Uint32Array {
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return argsortNumpyQuicksortNaN(v);
  return argsortNumpyQuicksortPairs(v);
}

/**
 * argsortNumpyQuicksort of values given by their ranks (equal values, equal
 * ranks; a smaller value, a smaller rank), sorted in place: the introsort only
 * compares keys, so ranks give the very same permutation, in half the memory
 * of a copy of the values (confidenceOrder ranks -p off its stable order).
 */
export function argsortNumpyQuicksortRanks(rank: Uint32Array): Uint32Array {
  return argsortNumpyQuicksortPairs(rank);
}

/** Keys the pair sort moves: values, or their ranks. */
type SortKeys = Float64Array | Uint32Array;

/**
 * The same introsort, step for step, for keys without NaN (then numpy's order
 * is plain <), sorting k in place: keys move with their indices, so every comparison reads the
 * keys in place instead of gathering them through the index (a cache miss
 * each on a million items). The permutation is identical.
 */
function argsortNumpyQuicksortPairs(k: SortKeys): Uint32Array {
  const num = k.length;
  const t = new Uint32Array(num);
  for (let i = 0; i < num; i++) t[i] = i;
  if (num < 2) return t;
  let pl = 0;
  let pr = num - 1;
  const stack: number[] = [];
  const depthStack: number[] = [];
  let cdepth = msb(num) * 2;
  for (;;) {
    let popped = false;
    if (cdepth < 0) {
      heapsortPairs(k, t, pl, pr - pl + 1);
      popped = true;
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (k[pm]! < k[pl]!) swapPairs(k, t, pm, pl);
        if (k[pr]! < k[pm]!) swapPairs(k, t, pr, pm);
        if (k[pm]! < k[pl]!) swapPairs(k, t, pm, pl);
        const vp = k[pm]!;
        let pi = pl;
        let pj = pr - 1;
        swapPairs(k, t, pm, pj);
        for (;;) {
          do ++pi;
          while (k[pi]! < vp);
          do --pj;
          while (vp < k[pj]!);
          if (pi >= pj) break;
          swapPairs(k, t, pi, pj);
        }
        swapPairs(k, t, pi, pr - 1);
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depthStack.push(--cdepth);
      }
    }
    if (!popped) {
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const ti = t[pi]!;
        const vp = k[pi]!;
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && vp < k[pk]!) {
          t[pj] = t[pk]!;
          k[pj--] = k[pk--]!;
        }
        t[pj] = ti;
        k[pj] = vp;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depthStack.pop()!;
  }
  return t;
}

function swapPairs(k: SortKeys, t: Uint32Array, x: number, y: number): void {
  const kx = k[x]!;
  k[x] = k[y]!;
  k[y] = kx;
  const tx = t[x]!;
  t[x] = t[y]!;
  t[y] = tx;
}

/** aheapsort on (key, index) pairs: numpy's 1-based heap over [start, start + n). */
function heapsortPairs(k: SortKeys, t: Uint32Array, start: number, n: number): void {
  const base = start - 1;
  let i: number;
  let j: number;
  let l: number;
  for (l = n >> 1; l > 0; --l) {
    const tmpT = t[base + l]!;
    const tmpK = k[base + l]!;
    for (i = l, j = l << 1; j <= n; ) {
      if (j < n && k[base + j]! < k[base + j + 1]!) j += 1;
      if (tmpK < k[base + j]!) {
        t[base + i] = t[base + j]!;
        k[base + i] = k[base + j]!;
        i = j;
        j += j;
      } else break;
    }
    t[base + i] = tmpT;
    k[base + i] = tmpK;
  }
  for (; n > 1; ) {
    const tmpT = t[base + n]!;
    const tmpK = k[base + n]!;
    t[base + n] = t[base + 1]!;
    k[base + n] = k[base + 1]!;
    n -= 1;
    for (i = 1, j = 2; j <= n; ) {
      if (j < n && k[base + j]! < k[base + j + 1]!) j++;
      if (tmpK < k[base + j]!) {
        t[base + i] = t[base + j]!;
        k[base + i] = k[base + j]!;
        i = j;
        j += j;
      } else break;
    }
    t[base + i] = tmpT;
    k[base + i] = tmpK;
  }
}

/** The replay with numpy's NaN-last comparison, through the index. */
function argsortNumpyQuicksortNaN(v: Float64Array): Uint32Array {
  const num = v.length;
  const t = new Uint32Array(num);
  for (let i = 0; i < num; i++) t[i] = i;
  if (num < 2) return t;
  let pl = 0;
  let pr = num - 1;
  const stack: number[] = [];
  const depthStack: number[] = [];
  let cdepth = msb(num) * 2;
  const swap = (x: number, y: number): void => {
    const tmp = t[x]!;
    t[x] = t[y]!;
    t[y] = tmp;
  };
  for (;;) {
    let popped = false;
    if (cdepth < 0) {
      aheapsort(v, t, pl, pr - pl + 1);
      popped = true;
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v[t[pm]!]!, v[t[pl]!]!)) swap(pm, pl);
        if (less(v[t[pr]!]!, v[t[pm]!]!)) swap(pr, pm);
        if (less(v[t[pm]!]!, v[t[pl]!]!)) swap(pm, pl);
        const vp = v[t[pm]!]!;
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (less(v[t[pi]!]!, vp));
          do --pj;
          while (less(vp, v[t[pj]!]!));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depthStack.push(--cdepth);
      }
    }
    if (!popped) {
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = t[pi]!;
        const vp = v[vi]!;
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && less(vp, v[t[pk]!]!)) t[pj--] = t[pk--]!;
        t[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depthStack.pop()!;
  }
  return t;
}
