// The same items across runs. Runs of a million items are aligned by key once
// (their keys read a slice at a time, letting requests through) and the
// alignment is kept while the runs are; the filters read each run's cached
// outcome columns, recomputed only after a label moves one; a page is then a
// few hundred lookups by (run, ord).
import { MATRIX_TEXT_CHARS, type MatrixCell, type MatrixPage, type MatrixRow } from '../../shared/api/contract.ts';
import type { MATRIX_VERBS } from '../../shared/api/verbs/matrix.ts';
import { alignKeys, filterRows, matrixCounts, type AlignedRuns, type MatrixCounts, type MatrixFilter } from '../../shared/compare/matrix.ts';
import type { RunSummary } from '../../shared/domain.ts';
import { OUTCOME_CODE } from '../../shared/metrics/types.ts';
import type { HandlerKit, HandlersOf } from './kit.ts';

/** Alignments kept at once (each is 4 bytes per shared key and run). */
const KEPT_ALIGNMENTS = 2;

interface Alignment {
  aligned: AlignedRuns;
  /** Per run, position -> ord. */
  ords: number[][];
}

/** What a run's items are never changes after import: its identity names its alignment. */
const identity = (run: RunSummary) => `${run.id}\u0000${run.sourceSha256}\u0000${run.importedAt}`;

export function matrixHandlers(kit: HandlerKit): HandlersOf<(typeof MATRIX_VERBS)[number]> {
  const { store, columns, requireRun } = kit;
  const alignments = new Map<string, Promise<Alignment>>();
  let lastFilter: { key: string; rows: Uint32Array } | null = null;
  let lastCounts: { key: string; counts: MatrixCounts } | null = null;

  const alignmentOf = (runs: RunSummary[]): Promise<Alignment> => {
    const key = runs.map(identity).join('\u0001');
    let kept = alignments.get(key);
    if (kept) {
      alignments.delete(key);
      alignments.set(key, kept);
      return kept;
    }
    kept = (async () => {
      const keys: string[][] = [];
      const ords: number[][] = [];
      for (const run of runs) {
        // Large slices: a million keys in a few dozen reads, the loop let go between them.
        const read = await store.items.keysAndOrdsInSlices(run.id, 32768);
        keys.push(read.keys);
        ords.push(read.ords);
      }
      return { aligned: alignKeys(keys), ords };
    })();
    alignments.set(key, kept);
    kept.catch(() => alignments.delete(key));
    while (alignments.size > KEPT_ALIGNMENTS) alignments.delete(alignments.keys().next().value!);
    return kept;
  };

  return {
    'items/matrix': async (request) => {
      const runs = request.runIds.map(requireRun);
      const { aligned, ords } = await alignmentOf(runs);
      // A run deleted while its keys were read is not found, rather than read as empty.
      request.runIds.forEach(requireRun);
      // A run's columns follow its labels; a label since the last request makes new filter keys.
      const outcomes = runs.map((run) => columns.get(run.id).outcome);
      const stamps = runs.map((run) => `${identity(run)}@${store.items.labelStamp(run.id)}`).join('|');
      const a = request.a === undefined ? 0 : request.runIds.indexOf(request.a);
      const b = request.b === undefined ? 1 : request.runIds.indexOf(request.b);
      const countsKey = `${stamps}#${a},${b}`;
      if (lastCounts?.key !== countsKey) lastCounts = { key: countsKey, counts: matrixCounts(aligned, outcomes, a, b) };
      const counts = lastCounts.counts;

      const kind = request.filter ?? 'all';
      const filter: MatrixFilter =
        kind === 'pair'
          ? {
              kind,
              a,
              b,
              outcomeA: request.outcomeA === undefined ? null : OUTCOME_CODE[request.outcomeA],
              outcomeB: request.outcomeB === undefined ? null : OUTCOME_CODE[request.outcomeB],
            }
          : kind === 'pair-disagree'
            ? { kind, a, b }
            : { kind };
      const filterKey = `${stamps}#${JSON.stringify(filter)}`;
      if (lastFilter?.key !== filterKey) lastFilter = { key: filterKey, rows: filterRows(aligned, outcomes, filter) };
      const kept = lastFilter.rows;

      const page = kept.subarray(request.offset, request.offset + request.limit);
      const cellsByRun = runs.map((run, r) => {
        const wanted: number[] = [];
        for (const row of page) {
          const position = aligned.positions[r]![row]!;
          if (position >= 0) wanted.push(ords[r]![position]!);
        }
        return store.items.cellsAtOrds(run.id, wanted, MATRIX_TEXT_CHARS);
      });
      const rows: MatrixRow[] = Array.from(page, (row, k) => {
        const records = runs.map((_, r) => {
          const position = aligned.positions[r]![row]!;
          return position < 0 ? undefined : cellsByRun[r]!.get(ords[r]![position]!);
        });
        // Prompt and gold as the first run holding the key states them.
        const held = records[aligned.firstRun[row]!] ?? records.find((record) => record !== undefined);
        const cells = records.map((record): MatrixCell | null => {
          if (!record) return null;
          const { id, outcome, importedGrade, label, confidence, answer, answerLength } = record;
          return { itemId: id, outcome, importedGrade, label, confidence, answer, answerLength };
        });
        return { index: request.offset + k, key: held?.key ?? '', prompt: held?.prompt ?? '', gold: held?.gold ?? null, cells };
      });

      const result: MatrixPage = {
        runs: runs.map((run, r) => ({ runId: run.id, name: run.name, items: run.itemCount, onlyHere: aligned.onlyHere[r]! })),
        counts: {
          shared: counts.shared,
          inAll: counts.inAll,
          disagree: counts.disagree,
          pair: { a: runs[a]!.id, b: runs[b]!.id, ...counts.pair },
        },
        total: kept.length,
        offset: request.offset,
        rows,
      };
      return result;
    },
  };
}
