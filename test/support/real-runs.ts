// What a right reading of each real run folder in test/fixtures/formats/real/
// gives, from that folder's README (written by the author from the
// files themselves, not by Candor). Unit, CLI and browser tests check against it.
import { join } from 'node:path';

export const REAL_DIR = join(import.meta.dirname, '../fixtures/formats/real');

export interface RealRun {
  folder: string;
  format: string;
  items: number;
  correct: number;
  incorrect: number;
  abstained: number;
  model: string | null;
  task: string;
  /** Mean confidence, or null when the file has none. */
  meanConfidence: number | null;
}

export const REAL_RUNS: RealRun[] = [
  { folder: 'lmeval040_qnli', format: 'lm-eval', items: 16, correct: 7, incorrect: 9, abstained: 0, model: null, task: 'qnli', meanConfidence: 0.69424 },
  { folder: 'lmeval040_boolq_seq2seq', format: 'lm-eval', items: 16, correct: 0, incorrect: 16, abstained: 0, model: null, task: 'boolq-seq2seq', meanConfidence: null },
  { folder: 'lmeval042_wmdp_bio_gpt35', format: 'lm-eval', items: 100, correct: 100, incorrect: 0, abstained: 0, model: 'gpt-3.5-turbo-0125', task: 'wmdp_bio', meanConfidence: null },
  { folder: 'lmeval03_winogrande_trimmed', format: 'lm-eval', items: 25, correct: 18, incorrect: 7, abstained: 0, model: null, task: 'winogrande', meanConfidence: 0.77379 },
  { folder: 'lighteval013_details', format: 'lighteval', items: 2, correct: 0, incorrect: 2, abstained: 0, model: 'eee-smoke/dummy-model', task: 'anli:r1|0', meanConfidence: 0.43936 },
  {
    folder: 'helm_bbq_gpt4_0125', format: 'helm', items: 50, correct: 45, incorrect: 5, abstained: 0, model: 'openai/gpt-4-0125-preview',
    task: 'bbq:subject=all,method=multiple_choice_joint,model=openai_gpt-4-0125-preview', meanConfidence: null,
  },
];

/** ECE (10 equal-width bins, sklearn's edges) the README gives where it gives one. */
export const REAL_ECE: Record<string, number> = { lmeval040_qnli: 0.30179 };
