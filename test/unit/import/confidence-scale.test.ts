// Issue 13, item 1: a table's confidence scale (0-1 or 0-100) is decided from
// the whole column and never changes numbers silently. One value above 1 among
// fractions used to divide the whole column by 100 without a word.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { createHandlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { genericReader } from '../../../main/import/generic.ts';
import { importFile } from '../../../main/import/pipeline.ts';
import { Store } from '../../../main/store/store.ts';
import { int, pick, rng } from '../../support/fuzz.ts';
import { tempDir } from '../../support/temp.ts';
import { importError, readAll } from './helpers.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const csv = (values: string[], column = 'confidence') => ['id,answer,' + column, ...values.map((v, i) => `q${i + 1},a,${v}`)].join('\n') + '\n';

describe('the confidence scale of a table', () => {
  it("refuses the issue's column (0.4, 0.55, 1.5, 0.9) at the 1.5, instead of dividing every value by 100", async () => {
    const path = tmp.file('mixed.csv', csv(['0.4', '0.55', '1.5', '0.9']));
    const error = await importError(genericReader(path));
    expect(error.code).toBe('mixed-confidence-scale');
    expect(error.message).toMatch(/^mixed\.csv:4:confidence: 1\.5 reads as 0-100, but line 2 states 0\.4 \(a probability on 0-1\): the column mixes the two scales/);
  });

  it('names the fraction when percentages come first', async () => {
    const error = await importError(genericReader(tmp.file('p.csv', csv(['50', '70', '0.5']))));
    expect(error.message).toMatch(/^p\.csv:4:confidence: 0\.5 reads as a probability on 0-1, but line 2 states 50 \(0-100\)/);
    const signed = await importError(genericReader(tmp.file('s.csv', csv(['0.2', '30%']))));
    expect(signed.message).toMatch(/^s\.csv:3:confidence: 30% reads as 0-100, but line 2 states 0\.2/);
  });

  it('leaves nothing in the store when the clash is found late', async () => {
    const store = Store.open(join(tmp.dir, 'c.db'));
    try {
      const rows = Array.from({ length: 5000 }, (_, i) => String((i % 97) / 100));
      rows.push('42');
      const path = tmp.file('late.csv', csv(rows));
      await expect(importFile(store, path, 'late.csv', { workerThresholdBytes: 1 })).rejects.toThrow(/^late\.csv:5002:confidence: 42 reads as 0-100/);
      expect(store.runs.list()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('reads a consistent percent column as percent, and says why in the summary and the stored run', async () => {
    const path = tmp.file('pct.csv', csv(['1', '50', '80', '0']));
    const { items, summary } = await readAll(genericReader(path));
    expect(items.map((i) => i.confidence)).toEqual([1, 50, 80, 0]);
    expect(summary).toMatchObject({ confidenceScale: 'percent', confidenceScaleReason: 'values above 1, first on line 3 (50)' });
    const store = Store.open(':memory:');
    try {
      const { runIds } = await importFile(store, path, 'pct.csv');
      const run = store.runs.get(runIds[0]!)!;
      expect(run.metadata).toMatchObject({ confidenceScale: 'percent', confidenceScaleReason: 'values above 1, first on line 3 (50)' });
      expect(store.items.list(run.id, {}, 0, 10).rows.map((r) => r.confidence)).toEqual([0.01, 0.5, 0.8, 0]);
    } finally {
      store.close();
    }
  });

  it('takes the scale from the confidenceScale option when the user says it', async () => {
    const mixed = tmp.file('m.csv', csv(['50', '0.5']));
    const { items, summary } = await readAll(genericReader(mixed, { confidenceScale: 'percent' }));
    expect(items.map((i) => i.confidence)).toEqual([50, 0.5]);
    expect(summary).toMatchObject({ confidenceScale: 'percent', confidenceScaleReason: 'chosen at import: 0-100' });
    const unit = await importError(genericReader(mixed, { confidenceScale: 'unit' }));
    expect(unit.message).toMatch(/^m\.csv:2:confidence: 50 is above 1, and the import was told confidences are on 0-1/);
    const bad = await importError(genericReader(mixed, { confidenceScale: 'percentish' }));
    expect(bad.code).toBe('bad-option');
  });

  it('a column named _pct and values with a % sign are percent by what they say', async () => {
    const named = await readAll(genericReader(tmp.file('n.csv', csv(['0.5', '1', '40'], 'confidence_pct'))));
    expect(named.summary).toMatchObject({ confidenceScale: 'percent', confidenceScaleReason: 'the column name "confidence_pct" says percent' });
    const signed = await readAll(genericReader(tmp.file('s.csv', csv(['80%', '0.5%']))));
    expect(signed.summary.confidenceScaleReason).toBe('values carry a % sign, first on line 2 (80%)');
    const unit = await readAll(genericReader(tmp.file('u.csv', csv(['0', '0.3', '1']))));
    expect(unit.summary).toMatchObject({ confidenceScale: 'unit', confidenceScaleReason: 'every value is between 0 and 1' });
  });

  it('the preview, the run and analyze --json say when percent was chosen', async () => {
    const store = Store.open(join(tmp.dir, 'p.db'));
    const jobs = new JobRegistry();
    const handlers = createHandlers({ store, jobs, runtime: 'browser', version: 't', demoPath: '/none' });
    try {
      const text = csv(['0', '90', '55']);
      const { files } = await handlers['import/preview']({ sources: [{ kind: 'upload', name: 'p.csv', text }] });
      expect(files[0]).toMatchObject({ ok: true, preview: { confidenceLooksPercent: true, confidenceScale: { scale: 'percent', reason: 'values above 1, first on line 3 (90)' } } });
      // The preview's items are shown as they will be stored.
      expect(files[0]!.ok && files[0]!.preview.items.map((item) => item.confidence)).toEqual([0, 0.9, 0.55]);
      const { files: unit } = await handlers['import/preview']({ sources: [{ kind: 'upload', name: 'u.csv', text: csv(['0.2']) }] });
      expect(unit[0]).toMatchObject({ ok: true, preview: { confidenceLooksPercent: false, confidenceScale: { scale: 'unit' } } });
    } finally {
      store.close();
    }
    const out: string[] = [];
    const code = await runCli(['analyze', tmp.file('a.csv', csv(['0', '90', '55'])), '--json', '--resamples', '0'], { out: (t) => out.push(t), err: () => {} });
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n')).runs[0].confidence_scale).toEqual({ scale: 'percent', reason: 'values above 1, first on line 3 (90)' });
  });

  // The fuzz cases that found the silent division: columns mixing fractions,
  // values above 1, 0 and 1, with and without % signs. Either the reader
  // refuses at the line where the two scales first meet, or every value is
  // read on the one scale it announced.
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('fuzzed column, seed %i', async (seed) => {
    const random = rng(seed);
    const values: string[] = [];
    for (let i = int(random, 1, 12); i > 0; i--) {
      values.push(
        pick(random, [
          () => String(Math.round(random() * 1000) / 1000),
          () => String(int(random, 2, 100)),
          () => `${int(random, 0, 100)}%`,
          () => pick(random, ['0', '1', '1.0', '']),
        ])(),
      );
    }
    const path = tmp.file(`f${seed}.csv`, csv(values));
    let firstFraction = 0;
    let firstPercent = 0;
    values.forEach((v, i) => {
      const n = Number(v.replace('%', ''));
      if (v === '') return;
      if (v.endsWith('%') || n > 1) firstPercent ||= i + 2;
      else if (n > 0 && n < 1) firstFraction ||= i + 2;
    });
    const reader = genericReader(path);
    if (firstFraction && firstPercent) {
      const error = await importError(reader);
      expect(error.code, values.join(' ')).toBe('mixed-confidence-scale');
      expect(error.line).toBe(Math.max(firstFraction, firstPercent));
    } else {
      const { summary } = await readAll(reader);
      expect(summary.confidenceScale, values.join(' ')).toBe(firstPercent ? 'percent' : 'unit');
    }
  });
});
