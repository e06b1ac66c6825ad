// The six real run folders through `candor analyze --json`, as a user runs it:
// counts, model, task and confidence as the folders' README says a right
// reading gives. The browser-mode e2e test checks the app against the same table.
import { join } from 'node:path';
import { runCli } from '../../../main/cli/index.ts';
import { REAL_DIR, REAL_ECE, REAL_RUNS } from '../../support/real-runs.ts';

interface RunJson {
  name: string;
  model: string | null;
  task: string | null;
  format: string;
  counts: { total: number; correct: number; incorrect: number; abstained: number; unlabeled: number };
  metrics: { ece: number | null };
  calibration: { excluded_no_confidence: number };
  analysis?: { mean_confidence: number | null };
}

async function analyze(...args: string[]): Promise<RunJson[]> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['analyze', ...args, '--json', '--resamples', '0', '--smooth-resamples', '0'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  expect(err.join('\n')).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(out.join('\n')) as { runs: RunJson[] }).runs;
}

describe('the real run folders through candor analyze', () => {
  for (const real of REAL_RUNS) {
    it(`${real.folder}: ${real.items} items, ${real.correct} correct, model ${real.model ?? 'unknown'}`, async () => {
      const runs = await analyze(join(REAL_DIR, real.folder));
      expect(runs).toHaveLength(1);
      const [run] = runs;
      expect(run!.format).toBe(real.format);
      expect(run!.counts).toEqual({ total: real.items, correct: real.correct, incorrect: real.incorrect, abstained: real.abstained, unlabeled: 0 });
      expect(run!.model).toBe(real.model);
      expect(run!.task).toBe(real.task);
      if (real.meanConfidence === null) {
        // No confidence at all: nothing enters calibration, and no ECE is invented.
        expect(run!.calibration.excluded_no_confidence).toBe(real.items);
        expect(run!.metrics.ece).toBeNull();
      } else {
        expect(run!.calibration.excluded_no_confidence).toBe(0);
        expect(run!.analysis?.mean_confidence).toBeCloseTo(real.meanConfidence, 5);
      }
      if (REAL_ECE[real.folder] !== undefined) expect(run!.metrics.ece).toBeCloseTo(REAL_ECE[real.folder]!, 5);
    });
  }

  it('all six at once from their parent folder: one run each, the HELM folder whole', async () => {
    const runs = await analyze(REAL_DIR);
    expect(runs.map((r) => [r.task, r.counts.total]).sort()).toEqual(REAL_RUNS.map((r) => [r.task, r.items]).sort());
  });

  it('--option metric=NAME grades by a metric the user names, and refuses one that is not 0/1', async () => {
    const runs = await analyze(join(REAL_DIR, 'lmeval040_qnli'), '--option', 'metric=acc');
    expect(runs[0]!.counts.correct).toBe(7);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['analyze', join(REAL_DIR, 'helm_bbq_gpt4_0125'), '--json', '--option', 'metric=num_references'], { out: (t) => out.push(t), err: (t) => err.push(t) });
    // HELM's num_references is 3: not a grade, and the user is told so rather than given a guess.
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('per_instance_stats.json:num_references: 3 is not 0 or 1, so "num_references" cannot grade');
  });
});
