import { parseArgs } from 'node:util';
import type { CompareResult } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import { overlapWarnings } from '../../../shared/compare/overlap.ts';
import { parseRubric, RubricSpecError } from '../../../shared/rubrics/index.ts';
import { HandlerError } from '../../handlers/errors.ts';
import type { Handlers } from '../../handlers/index.ts';
import { candorVersion } from '../../paths.ts';
import { CliError, importAll, openWorkspace, readerOptions, type Command } from '../workspace.ts';

export const COMPARE_SCHEMA = 'candor.compare/v1';

type Interval = [number | null, number | null];
interface RunRef {
  run: number;
  name: string;
}

export interface CompareJson {
  schema: typeof COMPARE_SCHEMA;
  candor_version: string;
  bootstrap: { resamples: number; seed: number; level: number; union_size: number; method: string };
  reference: string;
  rubrics: Array<{ id: string; label: string; implied_threshold: number | null; warnings: Array<{ code: string; message: string }> }>;
  runs: Array<{
    run: number;
    name: string;
    model: string | null;
    task: string | null;
    source: { path: string; sha256: string };
    /** partial: of incorrect, the partial imported grades (added within v1). */
    counts: { correct: number; incorrect: number; abstained: number; unlabeled: number; graded: number; partial: number };
    reference_rank: number | null;
    scores: Array<{ rubric: string; score: number | null; interval: Interval; rank: number | null; rank_change: number | null; flip: boolean }>;
  }>;
  flips: Array<{ rubric: string; ahead: RunRef; behind: RunRef; distinguishable: boolean | null }>;
  pairs: Array<{
    a: RunRef;
    b: RunRef;
    shared: number;
    differences: Array<{ rubric: string; diff: number | null; interval: Interval; distinguishable: boolean | null }>;
  }>;
  crossovers: Array<{ a: RunRef; b: RunRef; t: number; leader_below: RunRef | null; leader_above: RunRef | null }>;
  /** Pairs sharing no graded item key, or few (added within v1). */
  warnings: Array<{ code: 'no-shared-items' | 'few-shared-items'; a: RunRef; b: RunRef; shared: number; message: string }>;
  /** With --items: the keys the runs share and those where their verdicts differ (added within v1). */
  items?: ItemsJson;
}

type OutcomeOrAbsent = 'correct' | 'incorrect' | 'abstained' | 'unlabeled' | null;

export interface ItemsJson {
  /** Keys held by two runs or more; keys held by every run. */
  shared: number;
  in_all: number;
  /** Per run (as in runs), its keys no other run holds. */
  only_in: number[];
  /** Keys whose runs state different verdicts, in the first run's order; outcomes parallel to runs (null: the run lacks the key). */
  disagree: Array<{ key: string; outcomes: OutcomeOrAbsent[] }>;
}

/** The stable document of docs/cli-json.md, from the same result the app shows. */
export function compareJson(result: CompareResult, summaries: RunSummary[], version: string): CompareJson {
  const { leaderboard: board, sweep } = result;
  const index = new Map(summaries.map((run, i) => [run.id, i]));
  const ref = (runId: string | number): RunRef => {
    const i = index.get(Number(runId))!;
    return { run: i, name: summaries[i]!.name };
  };
  const refOrNull = (runId: string | number | null): RunRef | null => (runId === null ? null : ref(runId));
  return {
    schema: COMPARE_SCHEMA,
    candor_version: version,
    bootstrap: {
      resamples: board.bootstrap.resamples,
      seed: board.bootstrap.seed,
      level: board.bootstrap.level,
      union_size: board.bootstrap.unionSize,
      method: board.bootstrap.method,
    },
    reference: board.reference.id,
    rubrics: board.rubrics.map((column) => ({
      id: column.id,
      label: column.label,
      implied_threshold: column.impliedThreshold,
      warnings: column.warnings.map(({ code, message }) => ({ code, message })),
    })),
    runs: board.rows.map((row) => {
      const summary = summaries[index.get(Number(row.runId))!]!;
      return {
        run: index.get(Number(row.runId))!,
        name: summary.name,
        model: summary.model,
        task: summary.task,
        source: { path: summary.sourcePath, sha256: summary.sourceSha256 },
        counts: {
          correct: row.counts.correct,
          incorrect: row.counts.incorrect,
          abstained: row.counts.abstained,
          unlabeled: summary.counts.unlabeled,
          graded: row.graded,
          partial: summary.partialCount,
        },
        reference_rank: row.referenceRank,
        scores: row.cells.map((cell, k) => ({
          rubric: board.rubrics[k]!.id,
          score: cell.score,
          interval: [cell.lo, cell.hi],
          rank: cell.rank,
          rank_change: cell.rankChange,
          flip: cell.flip,
        })),
      };
    }),
    flips: board.reversals.map((r) => ({ rubric: r.rubricId, ahead: ref(r.ahead), behind: ref(r.behind), distinguishable: r.distinguishable })),
    pairs: board.pairs.map((pair) => ({
      a: ref(pair.runA),
      b: ref(pair.runB),
      shared: pair.shared,
      differences: pair.byRubric.map((d, k) => ({ rubric: board.rubrics[k]!.id, diff: d.diff, interval: [d.lo, d.hi], distinguishable: d.distinguishable })),
    })),
    crossovers: sweep.crossovers.map((x) => ({ a: ref(x.runA), b: ref(x.runB), t: x.t, leader_below: refOrNull(x.leaderBelow), leader_above: refOrNull(x.leaderAbove) })),
    warnings: overlapWarnings(
      board.rows.map((row) => ({ runId: row.runId, name: row.name, graded: row.graded })),
      board.pairs,
    ).map((w) => ({ code: w.code, a: ref(w.runA), b: ref(w.runB), shared: w.shared, message: w.message })),
  };
}

/** Every key the runs disagree on, read through the app's own item matrix a page at a time. */
async function itemsJson(matrix: Handlers['items/matrix'], runIds: number[]): Promise<ItemsJson> {
  const disagree: ItemsJson['disagree'] = [];
  const first = await matrix({ runIds, filter: 'disagree', offset: 0, limit: 0 });
  for (let offset = 0; offset < first.total; offset += 500) {
    const page = await matrix({ runIds, filter: 'disagree', offset, limit: 500 });
    for (const row of page.rows) disagree.push({ key: row.key, outcomes: row.cells.map((cell) => cell?.outcome ?? null) });
  }
  return { shared: first.counts.shared, in_all: first.counts.inAll, only_in: first.runs.map((run) => run.onlyHere), disagree };
}

const f3 = (x: number | null): string => (x === null ? '—' : x.toFixed(3));

function textReport(doc: CompareJson): string {
  const byReference = [...doc.runs].sort((a, b) => (a.reference_rank ?? Infinity) - (b.reference_rank ?? Infinity));
  const lines = [`reference ${doc.reference}: ${byReference.map((run) => `#${run.reference_rank ?? '—'} ${run.name}`).join(', ')}`];
  for (const rubric of doc.rubrics) {
    lines.push(`${rubric.label}  [${rubric.id}]`);
    for (const warning of rubric.warnings) lines.push(`  warning: ${warning.message}`);
    const rows = doc.runs
      .map((run) => ({ run, cell: run.scores.find((s) => s.rubric === rubric.id)! }))
      .sort((a, b) => (a.cell.rank ?? Infinity) - (b.cell.rank ?? Infinity));
    for (const { run, cell } of rows) {
      const flip = cell.flip ? `  flip ${cell.rank_change! > 0 ? '+' : ''}${cell.rank_change}` : '';
      lines.push(`  #${cell.rank ?? '—'}  ${f3(cell.score)} [${f3(cell.interval[0])}, ${f3(cell.interval[1])}]  ${run.name}${flip}`);
    }
  }
  for (const flip of doc.flips) {
    const sure = flip.distinguishable === true ? 'distinguishable' : flip.distinguishable === false ? 'not distinguishable' : 'not tested';
    lines.push(`flip under ${flip.rubric}: ${flip.ahead.name} ahead of ${flip.behind.name} (${sure})`);
  }
  for (const x of doc.crossovers) lines.push(`crossover at t = ${x.t.toFixed(3)}: ${x.a.name} and ${x.b.name}`);
  for (const pair of doc.pairs) lines.push(`${pair.a.name} and ${pair.b.name}: ${pair.shared} graded items in both`);
  for (const warning of doc.warnings) lines.push(`warning: ${warning.message}`);
  if (doc.items) {
    const items = doc.items;
    lines.push(`${items.shared} item keys in two runs or more (${items.in_all} in every run); the runs' verdicts differ on ${items.disagree.length}:`);
    const short = { correct: 'correct', incorrect: 'incorrect', abstained: 'abstained', unlabeled: 'unlabeled' } as const;
    for (const row of items.disagree) lines.push(`  ${row.key}\t${row.outcomes.map((o) => (o === null ? '—' : short[o])).join('\t')}`);
  }
  lines.push(`${doc.bootstrap.resamples} bootstrap resamples, seed ${doc.bootstrap.seed}, ${Math.round(doc.bootstrap.level * 100)}% percentile intervals`);
  return lines.join('\n');
}

function integer(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new CliError(`candor compare: ${flag} takes a non-negative integer, got "${text}"`, 2);
  return Number(text);
}

export const compareCommand: Command = {
  name: 'compare',
  usage:
    'candor compare FILE... [--rubric SPEC]... [--seed N] [--resamples N] [--items] [--json] [--option key=value]...\n' +
    '      leaderboard of the runs under each rubric (default binary, t=0.5, t=0.75, t=0.9) with bootstrap\n' +
    '      intervals, rank flips and paired differences; SPEC as t=0.75, custom:1,-2,0, open:0.75, each optionally\n' +
    `      with +partial=abstained (or incorrect, credit:0.5) for Inspect's partial grades (${COMPARE_SCHEMA}, docs/cli-json.md);\n` +
    "      warns when runs share no graded item key, or few; --items lists the keys on which the runs' verdicts differ",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        items: { type: 'boolean' },
        rubric: { type: 'string', multiple: true },
        seed: { type: 'string' },
        resamples: { type: 'string' },
        option: { type: 'string', multiple: true },
      },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new CliError('candor compare: no files given', 2);
    const specs = values.rubric;
    for (const spec of specs ?? []) {
      try {
        parseRubric(spec);
      } catch (error) {
        if (error instanceof RubricSpecError) throw new CliError(`candor compare: --rubric ${error.message}`, 2);
        throw error;
      }
    }
    const seed = integer(values.seed, '--seed', 0);
    const resamples = integer(values.resamples, '--resamples', 1000);
    if (seed > 2 ** 31 - 1) throw new CliError('candor compare: --seed must be below 2^31', 2);
    if (resamples > 10_000) throw new CliError('candor compare: --resamples must be at most 10000', 2);
    const workspace = openWorkspace(':memory:');
    try {
      const files = await importAll(workspace, positionals, readerOptions(values.option));
      const runIds = [...new Set(files.flatMap((file) => (file.runIds.length ? file.runIds : (file.duplicateOf ?? []))))];
      const summaries = runIds.map((runId) => workspace.store.runs.get(runId)!);
      let result: CompareResult;
      try {
        result = await workspace.handlers['rubrics/compare']({ runIds, resamples, seed, ...(specs ? { specs } : {}) });
      } catch (error) {
        if (error instanceof HandlerError) throw new CliError(`candor compare: ${error.message}`);
        throw error;
      }
      const doc = compareJson(result, summaries, candorVersion());
      if (values.items) {
        if (runIds.length < 2) throw new CliError('candor compare: --items needs two runs or more');
        doc.items = await itemsJson(workspace.handlers['items/matrix'], runIds);
      }
      io.out(values.json ? JSON.stringify(doc, null, 2) : textReport(doc));
    } finally {
      workspace.close();
    }
    return 0;
  },
};
