// The recalibration verbs over a real store, and `candor recalibrate fit/apply`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { openWorkspace, importAll } from '../../../main/cli/workspace.ts';
import { HandlerError } from '../../../main/handlers/errors.ts';
import { MAP_SCHEMA } from '../../../shared/api/recalibration.ts';
import { applyMap, type MapParams } from '../../../shared/recalibration/index.ts';
import { tempDir } from '../../support/temp.ts';
import { readFixture } from '../metrics/reference.ts';

/** The beta reference dataset as a run file the generic reader takes (id, grade, confidence). */
function runCsv(): string {
  const lines = readFixture('dataset_beta_n1000_seed0.csv').trim().split(/\r?\n/).slice(1);
  return ['id,question,answer,grade,confidence', ...lines.map((l) => {
    const [id, conf, correct] = l.split(',');
    return `${id},q${id},a,${correct === '1' ? 'correct' : 'incorrect'},${conf}`;
  })].join('\n');
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('recalibration verbs', () => {
  it('fit, save with provenance, list, export, apply to another run, delete', async () => {
    const tmp = tempDir();
    const ws = openWorkspace(':memory:');
    try {
      const [a] = (await importAll(ws, [tmp.file('a.csv', runCsv())])).flatMap((f) => f.runIds);
      const [b] = (await importAll(ws, [tmp.file('b.csv', runCsv().replace(/,0\.9/g, ',0.95'))])).flatMap((f) => f.runIds);
      const report = await ws.handlers['recalibration/fit']({ runId: a!, method: 'platt', resamples: 50 });
      expect(report.items.n).toBe(1000);
      expect(report.params.method).toBe('platt');
      const saved = await ws.handlers['recalibration/save']({ runId: a!, method: 'platt', resamples: 50 });
      expect(saved.params).toEqual(report.params);
      expect(saved.provenance.run.name).toBe('a.csv');
      expect(saved.provenance.items.n).toBe(1000);
      expect(saved.settings).toEqual({ folds: 5, seed: 0, nBins: 10, logitClip: 1e-12 });
      expect(saved.crossFit.map((m) => m.metric)).toEqual(['ece', 'brier', 'logLoss']);
      expect((await ws.handlers['recalibration/list']({ runId: a! })).map((m) => m.id)).toEqual([saved.id]);
      const doc = await ws.handlers['recalibration/export']({ mapId: saved.id });
      expect(doc.schema).toBe(MAP_SCHEMA);
      const applied = await ws.handlers['recalibration/apply']({ mapId: saved.id, runId: b!, resamples: 50 });
      expect(applied.map.id).toBe(saved.id);
      expect(applied.items.n).toBe(1000);
      expect(await ws.handlers['recalibration/delete']({ mapId: saved.id })).toEqual({ deleted: 1 });
      await expect(ws.handlers['recalibration/export']({ mapId: saved.id })).rejects.toThrow(/does not exist/);
    } finally {
      ws.close();
      tmp.cleanup();
    }
  });

  it('turns degenerate input into a HandlerError with a clear message', async () => {
    const tmp = tempDir();
    const ws = openWorkspace(':memory:');
    try {
      const csv = 'id,question,answer,grade,confidence\n1,q,a,correct,0.9\n2,q,a,correct,0.6\n3,q,a,correct,0.3\n';
      const [run] = (await importAll(ws, [tmp.file('all-right.csv', csv)])).flatMap((f) => f.runIds);
      const error = await ws.handlers['recalibration/fit']({ runId: run!, method: 'isotonic' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HandlerError);
      expect((error as HandlerError).code).toBe('one-outcome');
      expect((error as HandlerError).message).toMatch(/every one of the 3 attempted items in this run is correct/);
    } finally {
      ws.close();
      tmp.cleanup();
    }
  });
});

describe('candor recalibrate', () => {
  it('fit --out writes a map that apply --json uses on another run file', async () => {
    const tmp = tempDir();
    try {
      const run = tmp.file('run.csv', runCsv());
      const out = `${tmp.dir}/map.json`;
      const fitted = await cli(['recalibrate', 'fit', run, '--method', 'isotonic', '--out', out]);
      expect(fitted.err).toBe('');
      expect(fitted.code).toBe(0);
      expect(fitted.out).toContain('cross-fitted (5 folds, seed 0)');
      const doc = JSON.parse(readFileSync(out, 'utf8'));
      expect(doc.schema).toBe(MAP_SCHEMA);
      expect(doc.method).toBe('isotonic');
      expect(doc.provenance.run.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
      const applied = await cli(['recalibrate', 'apply', out, run, '--json']);
      expect(applied.code).toBe(0);
      const json = JSON.parse(applied.out);
      expect(json.schema).toBe('candor.recalibrate-apply/v1');
      const brier = json.runs[0].metrics.find((m: { metric: string }) => m.metric === 'brier');
      // applied in sample: the reference's isotonic Brier
      expect(brier.after.value).toBeCloseTo(0.1591400874684752, 14);
      expect(json.runs[0].rescoring.map((r: { t: number }) => r.t)).toEqual([0, 0.5, 0.75, 0.9]);
      expect(applyMap(doc.params as MapParams, 0.5)).toBeCloseTo(0.35384615384615387, 15);
    } finally {
      tmp.cleanup();
    }
  });

  it('says what is wrong with a bad method, a bad map file and degenerate input', async () => {
    const tmp = tempDir();
    try {
      const run = tmp.file('run.csv', 'id,question,answer,grade,confidence\n1,q,a,correct,0.7\n2,q,a,incorrect,0.7\n');
      expect((await cli(['recalibrate', 'fit', run, '--method', 'magic'])).err).toMatch(/--method must be one of platt, temperature/);
      const bad = tmp.file('bad.json', JSON.stringify({ schema: MAP_SCHEMA, name: 'x', method: 'platt', params: { method: 'platt', coef: 'a' } }));
      const badApply = await cli(['recalibrate', 'apply', bad, run]);
      expect(badApply.code).toBe(1);
      expect(badApply.err).toMatch(/bad\.json:params\.coef/);
      const degenerate = await cli(['recalibrate', 'fit', run, '--method', 'platt']);
      expect(degenerate.code).toBe(1);
      expect(degenerate.err).toMatch(/same confidence \(0\.7\)/);
    } finally {
      tmp.cleanup();
    }
  });
});
