// The labeling session: which item is up, the next one prefetched so a key
// press shows it at once, labels written durably (the next item appears only
// after labels/set answered, i.e. after the commit), undo/redo, bulk batches,
// and progress. Actions run one after another in key-press order.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Request } from '../../../../shared/api/contract.ts';
import type { LabelProgress } from '../../../../shared/api/labeling.ts';
import type { ItemDetail, Outcome } from '../../../../shared/domain.ts';
import { call } from '../../api/client.ts';
import { describeError } from '../../lib/errors.ts';
import { filterOf, type LabelMode, type LabelQuery } from './query.ts';
import {
  EMPTY_STACKS,
  mineDelta,
  pushAction,
  shiftAction,
  trailBack,
  trailForward,
  trailGo,
  trailPrepend,
  trailStart,
  type SessionAction,
  type Trail,
  type UndoStacks,
} from './session.ts';

export interface SessionOptions {
  runId: number;
  annotator: string;
  query: LabelQuery;
  mode: LabelMode;
  /** Whether this item is requested blind (blind mode on and not revealed). */
  blindFor: (itemId: number) => boolean;
  /** Changes when blind mode or a reveal changes, so shown items are fetched again. */
  blindKey: string;
  autoAdvance: boolean;
  version: number;
  onLabeled: () => void;
  onError: (message: string) => void;
  onNotice: (message: string) => void;
}

interface Memory {
  stacks: UndoStacks;
  times: number[];
  itemId: number | null;
  filterKey: string;
}

// Survives switching tabs (the view unmounts) for the whole app session.
const memories = new Map<string, Memory>();

/** The decision an adjudicator sees as current: the latest adjudication record. */
export function currentDecision(detail: ItemDetail): Outcome | null {
  return detail.history.filter((record) => record.kind === 'adjudication').at(-1)?.outcome ?? null;
}

export function useLabelSession(options: SessionOptions) {
  const { runId, annotator, query, mode, autoAdvance } = options;
  const filter = filterOf(query, annotator, mode);
  const filterKey = JSON.stringify([runId, filter, mode]);
  const memoryKey = `${runId}:${annotator}:${mode}`;
  const memory = memories.get(memoryKey) ?? { stacks: EMPTY_STACKS, times: [], itemId: null, filterKey };
  memories.set(memoryKey, memory);

  const [itemId, setItemId] = useState<number | null>(null);
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'empty' | 'end'>('loading');
  const [stacks, setStacksState] = useState<UndoStacks>(memory.stacks);
  const [times, setTimes] = useState<number[]>(memory.times);
  const [progress, setProgress] = useState<LabelProgress | null>(null);

  const live = useRef({ options, filter, itemId, detail, trail: trailStart(0) as Trail, memory, generation: 0 });
  live.current = { ...live.current, options, filter, itemId, detail, memory };
  const details = useRef(new Map<string, Promise<ItemDetail>>());
  const nextOf = useRef(new Map<number, Promise<number | null>>());
  const chain = useRef<Promise<void>>(Promise.resolve());
  const labeledTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setStacks = useCallback((update: (s: UndoStacks) => UndoStacks) => {
    const next = update(live.current.memory.stacks);
    live.current.memory.stacks = next;
    setStacksState(next);
  }, []);

  const fetchDetail = useCallback((id: number): Promise<ItemDetail> => {
    const { options: o } = live.current;
    const blind = o.blindFor(id);
    const key = `${id}:${blind ? 1 : 0}`;
    let promise = details.current.get(key);
    if (!promise) {
      const request = { itemId: id, annotator: o.annotator, blind } as Request<'items/get'>;
      promise = call('items/get', request);
      details.current.set(key, promise);
      promise.catch(() => details.current.delete(key));
    }
    return promise;
  }, []);

  const neighborOf = useCallback(
    (id: number): Promise<number | null> => {
      let promise = nextOf.current.get(id);
      if (!promise) {
        promise = call('items/neighbor', { itemId: id, direction: 'next', ...live.current.filter }).then((row) => row?.id ?? null);
        nextOf.current.set(id, promise);
        promise.catch(() => nextOf.current.delete(id));
      }
      return promise;
    },
    [],
  );

  /** Warms the item the next key press will show. */
  const prefetch = useCallback(
    (id: number) => {
      const ahead = trailForward(live.current.trail);
      const next = ahead !== null ? Promise.resolve(ahead) : neighborOf(id);
      next.then((nextId) => (nextId !== null ? fetchDetail(nextId) : null)).catch(() => undefined);
    },
    [fetchDetail, neighborOf],
  );

  const show = useCallback(
    async (id: number) => {
      const generation = live.current.generation;
      setItemId(id);
      live.current.itemId = id;
      live.current.memory.itemId = id;
      const next = await fetchDetail(id);
      if (generation !== live.current.generation || live.current.itemId !== id) return;
      live.current.detail = next;
      setDetail(next);
      setState('ready');
      prefetch(id);
    },
    [fetchDetail, prefetch],
  );

  const enqueue = useCallback((work: () => Promise<void>) => {
    chain.current = chain.current.then(work).catch((error: unknown) => live.current.options.onError(describeError(error)));
    return chain.current;
  }, []);

  const refreshProgress = useCallback(() => {
    const { options: o, filter: f } = live.current;
    call('labels/progress', { runId: o.runId, ...f, annotator: o.annotator }).then(setProgress, (error: unknown) =>
      o.onError(describeError(error)),
    );
  }, []);

  // The shell refetches metrics and run counts on onLabeled; batching key
  // presses keeps those scans from queueing behind every label.
  const labeledSoon = useCallback(() => {
    if (labeledTimer.current) clearTimeout(labeledTimer.current);
    labeledTimer.current = setTimeout(() => {
      labeledTimer.current = null;
      live.current.options.onLabeled();
    }, 600);
  }, []);
  useEffect(
    () => () => {
      if (labeledTimer.current) {
        clearTimeout(labeledTimer.current);
        live.current.options.onLabeled();
      }
    },
    [],
  );

  // A new run, queue, filter, annotator or mode is a new session position.
  useEffect(() => {
    const generation = ++live.current.generation;
    details.current = new Map();
    nextOf.current = new Map();
    setDetail(null);
    setState('loading');
    setStacksState(live.current.memory.stacks);
    setTimes(live.current.memory.times);
    const resume = live.current.memory.filterKey === filterKey ? live.current.memory.itemId : null;
    live.current.memory.filterKey = filterKey;
    refreshProgress();
    const first = resume !== null ? Promise.resolve(resume) : call('items/list', { runId, offset: 0, limit: 1, ...live.current.filter }).then((page) => page.rows[0]?.id ?? null);
    first.then(
      (id) => {
        if (generation !== live.current.generation) return;
        if (id === null) {
          setState('empty');
          setItemId(null);
          return;
        }
        live.current.trail = trailStart(id);
        void show(id).catch((error: unknown) => live.current.options.onError(describeError(error)));
      },
      (error: unknown) => live.current.options.onError(describeError(error)),
    );
  }, [filterKey, runId, show, refreshProgress]);

  // Blind mode or a reveal changed: fetch what is shown again, as now allowed.
  useEffect(() => {
    details.current = new Map();
    const id = live.current.itemId;
    if (id !== null) void show(id).catch((error: unknown) => live.current.options.onError(describeError(error)));
  }, [options.blindKey, show]);

  useEffect(() => {
    refreshProgress();
  }, [options.version, refreshProgress]);

  const go = useCallback(
    async (direction: 'next' | 'prev') => {
      const { itemId: id, trail } = live.current;
      if (id === null) return;
      let target = direction === 'next' ? trailForward(trail) : trailBack(trail);
      if (target === null) {
        target =
          direction === 'next'
            ? await neighborOf(id)
            : ((await call('items/neighbor', { itemId: id, direction: 'prev', ...live.current.filter }))?.id ?? null);
        if (target !== null) live.current.trail = direction === 'next' ? trailGo(trail, target) : trailPrepend(trail, target);
      } else {
        live.current.trail = trailGo(trail, target);
      }
      if (target === null) {
        if (direction === 'next') setState('end');
        live.current.options.onNotice(direction === 'next' ? 'End of the queue.' : 'This is the first item of the queue.');
        return;
      }
      await show(target);
    },
    [neighborOf, show],
  );

  /** Writes one label and records it for undo; the caller decides whether to move on. */
  const write = useCallback(
    async (id: number, outcome: Outcome | null, before: Outcome | null, note?: string) => {
      const { options: o } = live.current;
      const kind = o.mode === 'adjudicate' ? 'adjudication' : 'label';
      const result = await call('labels/set', {
        itemId: id,
        annotator: o.annotator,
        outcome,
        kind,
        blind: o.blindFor(id),
        ...(note !== undefined ? { note } : {}),
      });
      details.current.set(`${id}:${o.blindFor(id) ? 1 : 0}`, Promise.resolve(result.item));
      if (live.current.itemId === id) {
        live.current.detail = result.item;
        setDetail(result.item);
      }
      // Counted here so progress moves with each key press; the server recount follows later.
      if (kind === 'label') setProgress((p) => (p ? { ...p, mine: p.mine + mineDelta(before, outcome) } : p));
      else setProgress((p) => (p ? { ...p, total: p.total - mineDelta(before, outcome) } : p));
      labeledSoon();
      return kind;
    },
    [labeledSoon],
  );

  const label = useCallback(
    (outcome: Outcome | null, note?: string) =>
      enqueue(async () => {
        const { detail: d, itemId: id } = live.current;
        if (!d || d.id !== id) return;
        const before = live.current.options.mode === 'adjudicate' ? currentDecision(d) : d.myLabel;
        const kind = await write(d.id, outcome, before, note);
        setStacks((s) => pushAction(s, { type: 'label', itemId: d.id, kind, before, after: outcome, ...(note !== undefined ? { note } : {}) }));
        const stamp = [...live.current.memory.times, Date.now()].slice(-2000);
        live.current.memory.times = stamp;
        setTimes(stamp);
        if (outcome !== null && note === undefined && live.current.options.autoAdvance) await go('next');
      }),
    [enqueue, write, go, setStacks],
  );

  const replay = useCallback(
    (from: 'undo' | 'redo') =>
      enqueue(async () => {
        const action: SessionAction | undefined = live.current.memory.stacks[from].at(-1);
        const o = live.current.options;
        if (!action) {
          o.onNotice(from === 'undo' ? 'Nothing to undo in this session.' : 'Nothing to redo.');
          return;
        }
        if (action.type === 'label') {
          const [was, becomes] = from === 'undo' ? [action.after, action.before] : [action.before, action.after];
          await write(action.itemId, becomes, was, from === 'redo' ? action.note : undefined);
          setStacks((s) => shiftAction(s, from, action));
          if (live.current.itemId !== action.itemId) {
            live.current.trail = trailGo(live.current.trail, action.itemId);
            await show(action.itemId);
          }
          o.onNotice(`${from === 'undo' ? 'Undone' : 'Redone'}: ${becomes ?? 'no label'} on this item`);
        } else {
          const { undoBatch, count } = await call('labels/undo-batch', { batch: action.batch });
          setStacks((s) => shiftAction(s, from, { ...action, batch: undoBatch }));
          await afterBulk();
          o.onNotice(`${from === 'undo' ? 'Undone' : 'Redone'}: ${action.what} (${count} labels)`);
        }
      }),
    [enqueue, write, show, setStacks],
  );

  /** Bulk writes change many items: forget cached copies and recount. */
  const afterBulk = async () => {
    details.current = new Map();
    nextOf.current = new Map();
    refreshProgress();
    live.current.options.onLabeled();
    const id = live.current.itemId;
    if (id !== null) await show(id);
  };

  const bulk = useCallback(
    (action: Request<'labels/bulk'>['action'], what: string, itemIds?: number[]) =>
      enqueue(async () => {
        const o = live.current.options;
        const request: Request<'labels/bulk'> = {
          runId: o.runId,
          annotator: o.annotator,
          filter: itemIds ? {} : live.current.filter,
          action,
          ...(itemIds ? { itemIds } : {}),
        };
        const { batch, count } = await call('labels/bulk', request);
        setStacks((s) => pushAction(s, { type: 'batch', batch, count, what }));
        await afterBulk();
        o.onNotice(`${what}: ${count} labels written (undo with u)`);
      }),
    [enqueue, setStacks],
  );

  const confirm = useCallback(
    () => enqueue(() => go('next')),
    [enqueue, go],
  );

  return {
    itemId,
    detail,
    state,
    stacks,
    times,
    progress,
    label,
    move: (direction: 'next' | 'prev') => void enqueue(() => go(direction)),
    confirm: () => void confirm(),
    undo: () => void replay('undo'),
    redo: () => void replay('redo'),
    bulk,
    autoAdvance,
  };
}
