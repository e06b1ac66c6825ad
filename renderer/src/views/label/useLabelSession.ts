// The labeling session: which item is up, the next one prefetched so a key
// press shows it at once, labels written durably (the next item appears only
// after labels/set answered, i.e. after the commit), undo/redo (on the
// server's stack, which every view shares), bulk actions, and progress.
// Actions run one after another in key-press order.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Request } from '../../../../shared/api/contract.ts';
import type { LabelProgress } from '../../../../shared/api/labeling.ts';
import type { AbstentionKind, ItemDetail, Outcome } from '../../../../shared/domain.ts';
import { call } from '../../api/client.ts';
import { rememberStack, undoOrRedo, useUndoStack } from '../../hooks/useUndo.ts';
import { describeError } from '../../lib/errors.ts';
import { undoNotice } from '../../lib/undo.ts';
import { filterOf, type LabelMode, type LabelQuery } from './query.ts';
import { detailKey, progressAfter, sessionKey, trailBack, trailForward, trailGo, trailPrepend, trailStart, type Trail } from './session.ts';

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

/** The abstention kind of that decision, when it is an abstention that states one. */
export function currentDecisionKind(detail: ItemDetail): AbstentionKind | null {
  const decision = detail.history.filter((record) => record.kind === 'adjudication').at(-1);
  return decision?.outcome === 'abstained' ? decision.abstentionKind : null;
}

export function useLabelSession(options: SessionOptions) {
  const { runId, annotator, query, mode, autoAdvance } = options;
  const filter = filterOf(query, annotator, mode);
  const filterKey = JSON.stringify([runId, filter, mode]);
  const memoryKey = sessionKey(runId, annotator, mode);
  const memory = memories.get(memoryKey) ?? { times: [], itemId: null, filterKey };
  memories.set(memoryKey, memory);

  const [itemId, setItemId] = useState<number | null>(null);
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'empty' | 'end'>('loading');
  const stack = useUndoStack(runId, annotator, options.version);
  const [times, setTimes] = useState<number[]>(memory.times);
  const [progress, setProgress] = useState<LabelProgress | null>(null);

  const live = useRef({ options, filter, itemId, detail, trail: trailStart(0) as Trail, memory, generation: 0 });
  live.current = { ...live.current, options, filter, itemId, detail, memory };
  const details = useRef(new Map<string, Promise<ItemDetail>>());
  const nextOf = useRef(new Map<number, Promise<number | null>>());
  const chain = useRef<Promise<void>>(Promise.resolve());
  const labeledTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const fetchDetail = useCallback((id: number): Promise<ItemDetail> => {
    const { options: o } = live.current;
    const blind = o.blindFor(id);
    const key = detailKey(id, blind);
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

  /** Writes one label (an action on the undo stack); the caller decides whether to move on. */
  const write = useCallback(
    async (id: number, outcome: Outcome | null, before: Outcome | null, note?: string, abstentionKind?: AbstentionKind | null) => {
      const { options: o } = live.current;
      const kind = o.mode === 'adjudicate' ? 'adjudication' : 'label';
      const result = await call('labels/set', {
        itemId: id,
        annotator: o.annotator,
        outcome,
        kind,
        blind: o.blindFor(id),
        ...(note !== undefined ? { note } : {}),
        ...(outcome === 'abstained' && abstentionKind ? { abstentionKind } : {}),
      });
      rememberStack(o.runId, o.annotator, result.stack);
      details.current.set(detailKey(id, o.blindFor(id)), Promise.resolve(result.item));
      if (live.current.itemId === id) {
        live.current.detail = result.item;
        setDetail(result.item);
      }
      setProgress((p) => progressAfter(p, kind, before, outcome));
      labeledSoon();
    },
    [labeledSoon],
  );

  /** A label; with an abstention kind (a kind key), or a note kept with the label and its kind as they are. */
  const label = useCallback(
    (outcome: Outcome | null, extra: { note?: string; abstentionKind?: AbstentionKind | null } = {}) =>
      enqueue(async () => {
        const { detail: d, itemId: id } = live.current;
        if (!d || d.id !== id) return;
        const before = live.current.options.mode === 'adjudicate' ? currentDecision(d) : d.myLabel;
        const note = extra.note;
        await write(d.id, outcome, before, note, extra.abstentionKind);
        const stamp = [...live.current.memory.times, Date.now()].slice(-2000);
        live.current.memory.times = stamp;
        setTimes(stamp);
        if (outcome !== null && note === undefined && live.current.options.autoAdvance) await go('next');
      }),
    [enqueue, write, go],
  );

  /**
   * Undo or redo on the server's stack, in key-press order after any label
   * still being written. A single label's item is shown, as it was when
   * labelled; a bulk action refreshes what is cached.
   */
  const replay = useCallback(
    (from: 'undo' | 'redo') =>
      enqueue(async () => {
        const o = live.current.options;
        const result = await undoOrRedo(from, o.runId, o.annotator);
        o.onNotice(undoNotice(from, result));
        const action = result.action;
        if (!action) return;
        if (action.itemId === null) {
          await afterBulk();
          return;
        }
        details.current.delete(detailKey(action.itemId, true));
        details.current.delete(detailKey(action.itemId, false));
        refreshProgress();
        labeledSoon();
        if (live.current.itemId !== action.itemId) live.current.trail = trailGo(live.current.trail, action.itemId);
        await show(action.itemId);
      }),
    [enqueue, show, refreshProgress, labeledSoon],
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
        const { count, stack: after } = await call('labels/bulk', { ...request, what });
        rememberStack(o.runId, o.annotator, after);
        await afterBulk();
        o.onNotice(`${what}: ${count} labels written (undo with u)`);
      }),
    [enqueue],
  );

  const confirm = useCallback(
    () => enqueue(() => go('next')),
    [enqueue, go],
  );

  return {
    itemId,
    detail,
    state,
    stack,
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
