// The report carries the breakdown: its Subgroups numbers are the Subgroups
// tab's for the same settings and seed, in the HTML (table and small
// multiples), the JSON and a fourth CSV; `candor report --check` recomputes them.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.ts';
import { createHandlers } from '../../../main/handlers/index.ts';
import { JobRegistry } from '../../../main/handlers/jobs.ts';
import { DEMO_RUN_PATH } from '../../../main/paths.ts';
import { exportReport } from '../../../main/report/export.ts';
import { Store } from '../../../main/store/store.ts';
import { extractReportModel } from '../../../shared/report/html.ts';
import type { ReportModel } from '../../../shared/report/model.ts';
import { tempDir } from '../../support/temp.ts';
import { HEADER, rows } from './dataset.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const SETTINGS = { resamples: 120, smoothResamples: 20, seed: 5, breakdownBy: 'subject' };

describe('report subgroups', () => {
  it('HTML, JSON and CSV carry the Subgroups tab’s numbers', async () => {
    const store = Store.open(':memory:');
    const jobs = new JobRegistry();
    const handlers = createHandlers({ store, jobs, runtime: 'browser', version: 't', demoPath: DEMO_RUN_PATH });
    try {
      const { jobId } = await handlers['import/start']({ sources: [{ kind: 'upload', name: 'subjects.csv', text: [HEADER, ...rows().map((r) => r.line)].join('\n') }] });
      const runId = (await jobs.wait(jobId)).result![0]!.runIds[0]!;
      const html = await exportReport(store, [runId], { format: 'html', fileName: 'r.html', candorVersion: 'test', database: null, settings: SETTINGS });
      const sub = html.model.runs[0]!.subgroups!;
      expect(sub.groups.map((g) => g.label)).toEqual(['anatomy', 'college_physics', 'world_religions', 'easy', '(no value)']);

      const started = await handlers['subgroups/start']({ runId, field: 'subject', settings: { bootstrap: { resamples: 120, smoothResamples: 20, seed: 5 } } });
      await jobs.wait(started.jobId);
      const tab = await handlers['subgroups/result']({ jobId: started.jobId });
      sub.groups.forEach((g, k) => {
        const a = tab.groups[k]!.analysis!;
        expect(g.metrics).toEqual(tab.groups[k]!.metrics);
        expect(g.estimates).toEqual({ ece: a.binned.ece, brier: a.brier, auroc: a.auroc, aurc: a.orderFree.aurc, smece: a.smooth!.smece });
        expect(g.bins).toEqual(a.bins);
        expect(g.rubrics).toEqual(tab.groups[k]!.rubrics);
      });

      const text = html.files[0]!.content;
      expect(text).toContain('<section id="subgroups">');
      expect(text).toContain('id="fig-subgroups-0"');
      expect((extractReportModel(text) as ReportModel).runs[0]!.subgroups).toEqual(JSON.parse(JSON.stringify(sub)));
      // An undefined number is a dash with its reason, never a number: "easy" is all correct.
      expect(text).toMatch(/data-group="3" data-metric="auroc" data-value="" title="all attempted items are correct, or all wrong: AUROC is undefined">—/);

      const json = await exportReport(store, [runId], { format: 'json', fileName: 'r.json', candorVersion: 'test', database: null, settings: SETTINGS });
      expect(JSON.parse(json.files[0]!.content).runs[0].subgroups.groups).toHaveLength(5);
      const csv = await exportReport(store, [runId], { format: 'csv', fileName: 'r.csv', candorVersion: 'test', database: null, settings: SETTINGS });
      expect(csv.files.map((f) => f.name)).toEqual(['r.csv', 'r.runs.csv', 'r.leaderboard.csv', 'r.subgroups.csv']);
      const lines = csv.files[3]!.content.trim().split('\r\n');
      expect(lines[1]!.split(',').slice(0, 6)).toEqual(['run', 'field', 'group', 'kind', 'values', 'items']);
      expect(lines).toHaveLength(2 + 5);
      expect(lines[2]!.startsWith('subjects.csv,subject,anatomy,value,1,')).toBe(true);
      // Without --by nothing changes: three CSVs, no section.
      const plain = await exportReport(store, [runId], { format: 'csv', fileName: 'p.csv', candorVersion: 'test', database: null, settings: { resamples: 20, smoothResamples: 5 } });
      expect(plain.files).toHaveLength(3);
    } finally {
      store.close();
    }
  });

  it('candor report --by writes the section and --check recomputes it', async () => {
    const file = tmp.file('subjects.csv', [HEADER, ...rows().map((r) => r.line)].join('\n'));
    const out = tmp.file('r.html', '');
    const io = { out: () => undefined, err: () => undefined };
    expect(await runCli(['report', file, '--out', out, '--by', 'subject', '--resamples', '40'], io)).toBe(0);
    const printed: string[] = [];
    expect(await runCli(['report', '--check', out], { out: (t) => printed.push(t), err: (t) => printed.push(t) })).toBe(0);
    expect(printed.join('\n')).toContain('agree');
    // The check reads the groups' numbers: one changed in the file is a difference.
    const html = readFileSync(out, 'utf8');
    const at = html.indexOf('"estimates":{"ece":{"value":', html.indexOf('"subgroups":')) + '"estimates":{"ece":{"value":'.length;
    const tampered = tmp.file('tampered.html', `${html.slice(0, at)}0.5${html.slice(html.indexOf(',', at))}`);
    const differences: string[] = [];
    expect(await runCli(['report', '--check', tampered], { out: (t) => differences.push(t), err: (t) => differences.push(t) })).toBe(1);
    expect(differences.join('\n')).toContain('runs[0].subgroups.groups[0].estimates.ece.value');
  });
});
