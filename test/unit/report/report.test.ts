import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { importSources } from '../../../main/import/pipeline.ts';
import { exportReport } from '../../../main/report/export.ts';
import { gatherReport } from '../../../main/report/gather.ts';
import { ChromiumMissingError, htmlToPdf } from '../../../main/report/pdf.ts';
import { Store } from '../../../main/store/store.ts';
import { analyzeRunJson } from '../../../shared/export/analyze-json.ts';
import { computeRunMetrics } from '../../../shared/metrics/index.ts';
import { csvCell, escapeUntrusted, jsonForScript } from '../../../shared/report/escape.ts';
import { extractReportModel } from '../../../shared/report/html.ts';
import { tempDir } from '../../support/temp.ts';

const HOSTILE = join(process.cwd(), 'test', 'fixtures', 'report', 'hostile.csv');

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function storeWith(path: string): Promise<{ store: Store; runIds: number[] }> {
  const store = Store.open(':memory:');
  const results = await importSources(store, [{ kind: 'path', path }]);
  return { store, runIds: results.flatMap((r) => r.runIds) };
}

describe('escaping model output', () => {
  it('turns markup into text and shows invisible characters', () => {
    const out = escapeUntrusted('<img src=x onerror="alert(1)"> a\u202Eb\u200Bc');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(out).toContain('U+202E');
    expect(out).toContain('U+200B');
    expect(out).not.toMatch(/[\u202E\u200B]/);
  });

  it('keeps a JSON data block from closing its script element', () => {
    const text = jsonForScript({ a: '</script><script>alert(1)</script><!--', b: '\u2028' });
    expect(text).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(text)).toEqual({ a: '</script><script>alert(1)</script><!--', b: '\u2028' });
  });

  it('defuses spreadsheet formulas in text cells only', () => {
    expect(csvCell('=HYPERLINK("x")', 'text')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});

describe('report model', () => {
  it('has the numbers candor analyze prints, on the same input', async () => {
    const { store, runIds } = await storeWith(HOSTILE);
    try {
      const model = await gatherReport(store, runIds, { candorVersion: 'test', database: null, settings: { resamples: 200, smoothResamples: 20 } });
      const run = store.runs.get(runIds[0]!)!;
      const reference = analyzeRunJson(run, computeRunMetrics(store.items.outcomeColumns(run.id)));
      const mine = analyzeRunJson(run, model.runs[0]!.metrics);
      expect(mine).toEqual(reference);
      expect(model.runs[0]!.metrics.counts).toEqual({ correct: 2, incorrect: 7, abstained: 1, unlabeled: 0 });
      // Confident hallucinations, highest confidence first.
      expect(model.expensiveErrors.map((e) => e.key)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h10']);
      expect(model.manifest.inputs[0]!.sha256).toBe(run.sourceSha256);
      expect(model.leaderboard.rows).toHaveLength(1);
      expect(model.runs[0]!.smooth!.mesh).toHaveLength(101);
    } finally {
      store.close();
    }
  });

  it('records agreement and per-annotator counts once two annotators label', async () => {
    const { store, runIds } = await storeWith(HOSTILE);
    try {
      const items = store.items.list(runIds[0]!, {}, 0, 10).rows;
      for (const item of items.slice(0, 6)) {
        store.labels.set({ itemId: item.id, annotator: 'ann', outcome: 'incorrect', note: null });
        store.labels.set({ itemId: item.id, annotator: 'bob', outcome: item.key === 'h1' ? 'correct' : 'incorrect', note: '<script>alert(1)</script>' });
      }
      const model = await gatherReport(store, runIds, { candorVersion: 'test', database: null, settings: { resamples: 50, smoothResamples: 10 } });
      expect(model.agreement).toHaveLength(1);
      expect(model.agreement[0]!.annotators).toEqual(['ann', 'bob']);
      expect(model.agreement[0]!.percent.pairwise).toBeCloseTo(5 / 6, 12);
      expect(model.manifest.labels.perAnnotator).toEqual([
        { annotator: 'ann', labels: 6, items: 6 },
        { annotator: 'bob', labels: 6, items: 6 },
      ]);
      expect(model.manifest.labels.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      store.close();
    }
  });
});

describe('exports', () => {
  it('writes HTML whose data block round-trips and whose markup carries no payload', async () => {
    const { store, runIds } = await storeWith(HOSTILE);
    try {
      const { model, files } = await exportReport(store, runIds, { format: 'html', fileName: 'r.html', candorVersion: 'test', database: null, settings: { resamples: 50, smoothResamples: 10 } });
      const html = files[0]!.content;
      expect(JSON.parse(JSON.stringify(extractReportModel(html)))).toEqual(JSON.parse(JSON.stringify(model)));
      const outsideScripts = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
      for (const payload of ['<img src=x', '<svg onload', '<iframe', '<details open', '<b onmouseover', '<style>body', '\u202E', '\u200B']) {
        expect(outsideScripts).not.toContain(payload);
      }
      // Only the two hashed inline scripts, nothing that loads from elsewhere.
      expect(html.match(/<script>/g)).toHaveLength(2);
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/i);
      expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-[^&]+&#39; &#39;sha256-/);
      expect(html).not.toContain('unsafe-eval');
    } finally {
      store.close();
    }
  });

  it('writes CSV tables with the manifest, every label and its history', async () => {
    const { store, runIds } = await storeWith(HOSTILE);
    try {
      const item = store.items.list(runIds[0]!, {}, 0, 1).rows[0]!;
      store.labels.set({ itemId: item.id, annotator: 'ann', outcome: 'correct', note: 'first' });
      store.labels.set({ itemId: item.id, annotator: 'ann', outcome: 'incorrect', note: 'second thoughts' });
      const { files } = await exportReport(store, runIds, { format: 'csv', fileName: 'out.csv', candorVersion: 'test', database: null, settings: { resamples: 50, smoothResamples: 10 } });
      expect(files.map((f) => f.name)).toEqual(['out.csv', 'out.runs.csv', 'out.leaderboard.csv']);
      for (const file of files) expect(file.content.startsWith('# candor.report/v1 ')).toBe(true);
      const items = files[0]!.content;
      expect(items).toContain('label:ann');
      expect(items).toContain('second thoughts');
      expect(items).toContain('"\'=HYPERLINK(');
      expect(files[2]!.content.split('\r\n').filter(Boolean)).toHaveLength(2 + 4);
    } finally {
      store.close();
    }
  });

  it('keeps the manifest line from splitting into cells a spreadsheet would run (a model name with commas and a formula)', async () => {
    const tmp = tempDir();
    const store = Store.open(':memory:');
    try {
      // Two models, so run names carry them.
      const file = tmp.file('m.csv', 'id,answer,grade,model\n1,a,correct,"m1,=cmd|\' /C calc\'!A0,"\n2,b,incorrect,m2\n');
      const [result] = await importSources(store, [{ kind: 'path', path: file }]);
      const { files } = await exportReport(store, result!.runIds, { format: 'csv', fileName: 'out.csv', candorVersion: 'test', database: null, settings: { resamples: 20, smoothResamples: 5 } });
      for (const exported of files) {
        const firstLine = exported.content.split('\r\n')[0]!;
        // Split where a spreadsheet would: no cell may begin with a formula character.
        for (const cell of firstLine.split(',')) expect(cell.trimStart()).not.toMatch(/^[=+@]/);
        const manifest = JSON.parse(firstLine.slice(firstLine.indexOf('manifest ') + 'manifest '.length));
        expect(manifest.inputs[0].runs.join(' ')).toContain("=cmd|' /C calc'!A0");
      }
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('names what to install when no Chromium is there for a PDF', async () => {
    await expect(htmlToPdf('<p>x</p>', { CANDOR_CHROMIUM: '/nonexistent/chromium' })).rejects.toThrow(ChromiumMissingError);
    await expect(htmlToPdf('<p>x</p>', { CANDOR_CHROMIUM: '/nonexistent/chromium' })).rejects.toThrow(/apt-get install chromium/);
  });
});

describe('candor report --check', () => {
  it('agrees on an unchanged database and lists what differs after a new label', async () => {
    const tmp = tempDir();
    try {
      const db = join(tmp.dir, 'c.db');
      expect((await cli(['import', HOSTILE, '--db', db])).code).toBe(0);
      const out = join(tmp.dir, 'r.html');
      const made = await cli(['report', db, '--out', out, '--resamples', '50']);
      expect(made.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain('<!doctype html>');
      const same = await cli(['report', '--check', out]);
      expect(same.out).toMatch(/^agree/);
      expect(same.code).toBe(0);

      const store = Store.open(db);
      const item = store.items.list(1, { search: 'plain question' }, 0, 1).rows[0]!;
      store.labels.set({ itemId: item.id, annotator: 'ann', outcome: 'incorrect', note: null });
      store.close();
      const changed = await cli(['report', '--check', out, '--db', db]);
      expect(changed.code).toBe(1);
      expect(changed.out).toMatch(/^differ: \d+ differences/);
      expect(changed.out).toContain('manifest.labels.sha256');
      expect(changed.out).toContain('runs[0].metrics.accuracy');
    } finally {
      tmp.cleanup();
    }
  });

  it('re-reads the input files of a report made from files, and notices a changed file', async () => {
    const tmp = tempDir();
    try {
      const input = tmp.file('run.csv', readFileSync(HOSTILE, 'utf8'));
      const out = join(tmp.dir, 'r.json');
      expect((await cli(['report', input, '--out', out, '--resamples', '50'])).code).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).items).toHaveLength(10);
      expect((await cli(['report', '--check', out])).code).toBe(0);
      tmp.file('run.csv', readFileSync(HOSTILE, 'utf8').replace('"h8","plain question","plain answer","plain answer","correct"', '"h8","plain question","plain answer","plain answer","incorrect"'));
      const changed = await cli(['report', '--check', out]);
      expect(changed.code).toBe(1);
      expect(changed.out).toContain('manifest.inputs[0].sha256');
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses a bad rubric and a missing --out with usage errors', async () => {
    expect((await cli(['report', HOSTILE, '--out', 'x.html', '--rubric', 'nonsense'])).code).toBe(2);
    expect((await cli(['report', HOSTILE])).code).toBe(2);
    expect((await cli(['report', HOSTILE, '--out', 'x.docx'])).code).toBe(2);
  });
});

describe('abstention kinds and partial grades in the report', () => {
  it('counts each run’s abstentions by kind and its partial grades, in the model and the HTML', async () => {
    const { store, runIds } = await storeWith(join(process.cwd(), 'test', 'fixtures', 'formats', 'inspect', 'synthetic.json'));
    try {
      const [runId] = runIds;
      // The abstained item (Inspect "N") gets a kind from a label.
      const abstained = store.items.list(runId!, { outcome: 'abstained' }, 0, 1).rows[0]!;
      store.labels.set({ itemId: abstained.id, annotator: 'ada', outcome: 'abstained', abstentionKind: 'refusal', note: null });
      const model = await gatherReport(store, runIds, { candorVersion: 'test', database: null, settings: { resamples: 50, smoothResamples: 10 } });
      expect(model.runs[0]).toMatchObject({ partialCount: 1, abstentionKinds: { refusal: 1, unspecified: 0 } });
      const { files } = await exportReport(store, runIds, { format: 'html', fileName: 'r.html', candorVersion: 'test', database: null, settings: { resamples: 50 } });
      const html = files[0]!.content;
      expect(html).toContain('Abstentions by kind');
      expect(html).toMatch(/data-metric="abstained_refusal" data-value="1"/);
      expect(html).toMatch(/data-metric="partial" data-value="1"/);
      // A report made before these fields existed still checks: a field it lacks is not a difference.
      const { compareModels } = await import('../../../shared/report/compare.ts');
      const older = JSON.parse(JSON.stringify(model)) as { runs: Array<Record<string, unknown>> };
      delete older.runs[0]!.abstentionKinds;
      delete older.runs[0]!.partialCount;
      expect(compareModels(older, model)).toEqual([]);
      (older.runs[0]!.metrics as { counts: { correct: number } }).counts.correct += 1;
      expect(compareModels(older, model).map((d) => d.path)).toEqual(['runs[0].metrics.counts.correct']);
    } finally {
      store.close();
    }
  });
});
