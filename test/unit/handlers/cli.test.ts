import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { runCli } from '../../../main/cli/index.ts';
import { tempDir } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CSV = 'id,question,answer,grade,confidence,model\n1,q,a,correct,90%,m1\n2,q,b,incorrect,80%,m1\n3,q,c,A,70%,m2\n';

describe('candor CLI', () => {
  it('analyze --json prints the documented schema, one run per model', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file('two-models.csv', CSV);
      const { code, out } = await cli(['analyze', file, '--json']);
      expect(code).toBe(0);
      const json = JSON.parse(out);
      expect(json.schema).toBe('candor.analyze/v1');
      expect(json.runs.map((r: { model: string }) => r.model)).toEqual(['m1', 'm2']);
      const [m1] = json.runs;
      expect(m1.counts).toEqual({ total: 2, correct: 1, incorrect: 1, abstained: 0, unlabeled: 0 });
      expect(m1.metrics.accuracy).toBe(0.5);
      // Percentages are recognised per file: 90% is a confidence of 0.9.
      expect(m1.metrics.brier).toBeCloseTo(((0.9 - 1) ** 2 + 0.8 ** 2) / 2, 12);
      expect(m1.rubric.map((r: { t: number }) => r.t)).toEqual([0, 0.5, 0.75, 0.9]);
      expect(m1.reliability_bins).toHaveLength(10);
      expect(Object.keys(m1.reliability_bins[0])).toEqual(['lo', 'hi', 'count', 'mean_confidence', 'accuracy']);
    } finally {
      tmp.cleanup();
    }
  });

  it('import writes into --db and says so; a second import is recognised', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file('run.csv', CSV);
      const db = `${tmp.dir}/store.db`;
      const first = await cli(['import', file, '--db', db]);
      expect(first.code).toBe(0);
      expect(first.out).toContain('3 items, imported as runs');
      const second = await cli(['import', file, '--db', db]);
      expect(second.out).toContain('already imported');
      const check = new Database(db, { readonly: true });
      expect(check.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(3);
      check.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('bad input: message on stderr naming file:line:field, non-zero exit, store unchanged', async () => {
    const tmp = tempDir();
    try {
      const db = `${tmp.dir}/store.db`;
      await cli(['import', tmp.file('good.csv', CSV), '--db', db]);
      const bad = tmp.file('bad.csv', 'id,answer,grade\n1,a,correct\n2,b,perhaps\n');
      const result = await cli(['import', bad, '--db', db]);
      expect(result.code).not.toBe(0);
      expect(result.err).toMatch(/bad\.csv:3:grade/);
      const check = new Database(db, { readonly: true });
      expect(check.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(3);
      check.close();
      const missing = await cli(['analyze', `${tmp.dir}/nope.csv`, '--json']);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('nope.csv');
    } finally {
      tmp.cleanup();
    }
  });

  it('usage errors exit 2', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['analyze'])).code).toBe(2);
    expect((await cli(['--version'])).out).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('candor analyze on the reference datasets, as they are', () => {
  // A calibration table (item_id, confidence, correct) imports without an answer column.
  const reference = JSON.parse(readFileSync('test/fixtures/calibration/reference_values.json', 'utf8'));
  for (const [name, file] of [
    ['beta', 'dataset_beta_n1000_seed0.csv'],
    ['verbalized', 'dataset_verbalized_n300_seed1.csv'],
  ] as const) {
    it(`${name}: ECE and Brier equal scikit-learn's to 1e-12`, async () => {
      const { code, out } = await cli(['analyze', `test/fixtures/calibration/${file}`, '--json', '--resamples', '10']);
      expect(code).toBe(0);
      const [run] = JSON.parse(out).runs;
      const sklearn = reference.datasets[name].values.sklearn;
      expect(run.counts.total).toBe(reference.datasets[name].values.n);
      expect(Math.abs(run.metrics.ece - sklearn['ece_l1_from_calibration_curve_uniform_10 (not an sklearn API)'])).toBeLessThan(1e-12);
      expect(Math.abs(run.metrics.brier - sklearn.brier_score_loss)).toBeLessThan(1e-12);
    });
  }
});
