// Loads the calibration reference fixtures (copied from the project's shared
// reference folder; see test/fixtures/calibration/README.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { OUTCOME_CODE, type OutcomeColumns } from '../../../shared/metrics/types.ts';
import type { CalibrationData } from '../../../shared/metrics/calibration-data.ts';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'calibration');

export type DatasetName = 'beta' | 'verbalized';

export const DATASET_FILES: Record<DatasetName, string> = {
  beta: 'dataset_beta_n1000_seed0.csv',
  verbalized: 'dataset_verbalized_n300_seed1.csv',
};

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

/** A dataset CSV (item_id, confidence, correct) as engine columns: every item attempted. */
export function loadDataset(name: DatasetName): OutcomeColumns {
  const lines = readFixture(DATASET_FILES[name]).trim().split(/\r?\n/);
  const header = lines.shift();
  if (header !== 'item_id,confidence,correct') throw new Error(`unexpected header ${header}`);
  const outcome = new Uint8Array(lines.length);
  const confidence = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const [, conf, correct] = line.split(',');
    const c = Number(conf);
    if (!Number.isFinite(c)) throw new Error(`bad confidence on line ${i + 2}`);
    confidence[i] = c;
    if (correct === '1') outcome[i] = OUTCOME_CODE.correct;
    else if (correct === '0') outcome[i] = OUTCOME_CODE.incorrect;
    else throw new Error(`bad correct flag on line ${i + 2}`);
  });
  return { outcome, confidence };
}

/** The same dataset as calibration data (p, y). */
export function loadCalibrationData(name: DatasetName): CalibrationData {
  const { outcome, confidence } = loadDataset(name);
  const y = new Uint8Array(outcome.length);
  for (let i = 0; i < outcome.length; i++) y[i] = outcome[i] === OUTCOME_CODE.correct ? 1 : 0;
  return { p: confidence, y };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

let referenceCache: Json | null = null;
/** reference_values.json */
export function referenceValues(): Json {
  referenceCache ??= JSON.parse(readFixture('reference_values.json'));
  return referenceCache;
}

/** The `values` block of one dataset in reference_values.json. */
export function ref(name: DatasetName): Json {
  return referenceValues().datasets[name].values;
}

let recalCache: Json | null = null;
export function recalibrationReference(): Json {
  recalCache ??= JSON.parse(readFixture('recalibration_reference.json'));
  return recalCache;
}

/** Rows of boundary_table.md: row label -> bins per value, plus the values row. */
export function boundaryTable(): { values: number[]; rows: Map<string, number[]> } {
  const lines = readFixture('boundary_table.md')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l));
  const cells = (l: string) => l.split('|').slice(1, -1).map((s) => s.trim());
  const [head, ...rest] = lines;
  const values = cells(head!).slice(1).map(Number);
  const rows = new Map<string, number[]>();
  for (const l of rest) {
    const [label, ...bins] = cells(l);
    rows.set(label!, bins.map(Number));
  }
  return { values, rows };
}

export function expectClose(actual: number | null | undefined, expected: number, tol: number, what = ''): void {
  if (actual === null || actual === undefined || !(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected} ± ${tol}, got ${actual} (diff ${actual == null ? 'n/a' : actual - expected})`);
  }
}
