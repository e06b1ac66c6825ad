// The item matrix (see verbs/matrix.ts): the request schema here, its result in MatrixResults.
import { z } from 'zod';
import { MAX_MATRIX_RUNS } from '../compare/matrix.ts';
import type { EffectiveOutcome, Outcome } from '../domain.ts';
import { effectiveOutcome, id } from './parts.ts';
import type { MATRIX_VERBS } from './verbs/matrix.ts';

export const MATRIX_FILTERS = ['all', 'disagree', 'pair-disagree', 'pair'] as const;
export type MatrixFilterKind = (typeof MATRIX_FILTERS)[number];

/** Longest answer or prompt text a cell carries; the Item view shows the whole. */
export const MATRIX_TEXT_CHARS = 400;

export const matrixSchemas = {
  'items/matrix': z
    .object({
      /** The runs, in column order. */
      runIds: z.array(id).min(2).max(MAX_MATRIX_RUNS),
      /**
       * all: keys in two runs or more; disagree: the runs holding a key state different verdicts;
       * pair-disagree: runs a and b, both graded, differ (the items behind their paired difference);
       * pair: runs a and b with the outcomes given (either may be left out).
       */
      filter: z.enum(MATRIX_FILTERS).optional(),
      /** The pair the pair filters and the pair table read; default the first two runs. */
      a: id.optional(),
      b: id.optional(),
      outcomeA: effectiveOutcome.optional(),
      outcomeB: effectiveOutcome.optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(0).max(500),
    })
    .refine((request) => new Set(request.runIds).size === request.runIds.length, { message: 'the same run is listed twice', path: ['runIds'] })
    .refine((request) => (request.a === undefined) === (request.b === undefined), { message: 'give both runs of the pair, or neither', path: ['b'] })
    .refine((request) => request.a === undefined || request.a !== request.b, { message: 'a pair needs two different runs', path: ['b'] })
    .refine((request) => [request.a, request.b].every((run) => run === undefined || request.runIds.includes(run)), {
      message: 'the pair must be among the runs',
      path: ['a'],
    }),
} as const satisfies { [V in (typeof MATRIX_VERBS)[number]]: z.ZodType };

export interface MatrixCell {
  itemId: number;
  outcome: EffectiveOutcome;
  importedGrade: Outcome | null;
  label: Outcome | null;
  confidence: number | null;
  /** The answer's first MATRIX_TEXT_CHARS characters (untrusted text). */
  answer: string;
  answerLength: number;
}

export interface MatrixRow {
  /** The row's position in the filtered list. */
  index: number;
  key: string;
  /** From the first run holding the key, first MATRIX_TEXT_CHARS characters. */
  prompt: string;
  gold: string | null;
  /** Parallel to MatrixPage.runs; null where the run does not hold the key. */
  cells: Array<MatrixCell | null>;
}

export interface MatrixRun {
  runId: number;
  name: string;
  items: number;
  /** Its keys no other of the runs holds. */
  onlyHere: number;
}

export interface MatrixPage {
  runs: MatrixRun[];
  counts: {
    /** Keys in two of the runs or more: the unfiltered rows. */
    shared: number;
    /** Keys every run holds. */
    inAll: number;
    disagree: number;
    pair: {
      a: number;
      b: number;
      /** Keys both runs hold; of those, graded in both; graded in both with different verdicts. */
      both: number;
      graded: number;
      differ: number;
      /** table[x][y]: keys where a's outcome is EFFECTIVE_OUTCOMES-coded x and b's is y (0 unlabeled, 1 correct, 2 incorrect, 3 abstained). */
      table: number[][];
    };
  };
  /** Rows the filter keeps. */
  total: number;
  offset: number;
  rows: MatrixRow[];
}

export interface MatrixResults {
  'items/matrix': MatrixPage;
}
