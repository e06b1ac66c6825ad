// The API's verb names and transport limits, free of any library: the
// sandboxed preload and the renderer import this, not the schemas, so neither
// bundle carries the validator. Each domain lists its verbs in verbs/<domain>.ts;
// contract.ts checks at compile time that the schemas cover exactly these.
import { CALIBRATION_VERBS } from './verbs/calibration.ts';
import { CORE_VERBS } from './verbs/core.ts';
import { LABELING_VERBS } from './verbs/labeling.ts';
import { MATRIX_VERBS } from './verbs/matrix.ts';
import { RECALIBRATION_VERBS } from './verbs/recalibration.ts';
import { REPORT_VERBS } from './verbs/reports.ts';
import { RUBRICS_VERBS } from './verbs/rubrics.ts';
import { RUNS_VERBS } from './verbs/runs.ts';
import { SUBGROUPS_VERBS } from './verbs/subgroups.ts';

export const VERBS = [
  ...CORE_VERBS,
  ...RUNS_VERBS,
  ...LABELING_VERBS,
  ...CALIBRATION_VERBS,
  ...RUBRICS_VERBS,
  ...REPORT_VERBS,
  ...RECALIBRATION_VERBS,
  ...SUBGROUPS_VERBS,
  ...MATRIX_VERBS,
] as const;

export type Verb = (typeof VERBS)[number];

/** Largest upload browser mode accepts in one request (text formats). */
export const MAX_UPLOAD_CHARS = 256 * 1024 * 1024;

/** One import/upload chunk, as base64 (6 MiB of bytes): small enough for any request limit, large enough to be quick. */
export const MAX_UPLOAD_CHUNK_BASE64 = 8 * 1024 * 1024;
