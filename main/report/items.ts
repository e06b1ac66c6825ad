// Every item of the reported runs with every label record, for the CSV and
// JSON exports: what was graded, how it resolved, and who said what when.
import type { LabelSetEntry } from '../../shared/labels/label-set.ts';
import type { ReportItem } from '../../shared/report/model.ts';
import type { Store } from '../store/store.ts';

const PAGE = 1000;

export function reportItems(store: Store, runIds: number[]): ReportItem[] {
  const out: ReportItem[] = [];
  for (const runId of runIds) {
    const run = store.runs.get(runId);
    if (!run) continue;
    const byKey = new Map<string, LabelSetEntry[]>();
    for (const entry of store.labels.exportSet(run).labels) {
      const list = byKey.get(entry.itemKey) ?? [];
      list.push(entry);
      byKey.set(entry.itemKey, list);
    }
    for (let offset = 0; ; offset += PAGE) {
      const page = store.items.list(runId, {}, offset, PAGE);
      for (const row of page.rows) {
        const history = byKey.get(row.key) ?? [];
        const current: Record<string, string | null> = {};
        for (const entry of history) if (entry.kind === 'label') current[entry.annotator] = entry.outcome;
        out.push({
          run: run.name,
          key: row.key,
          prompt: row.prompt,
          answer: row.answer,
          gold: row.gold,
          importedGrade: row.importedGrade,
          confidence: row.confidence,
          outcome: row.outcome,
          label: row.label,
          labelSource: row.labelSource,
          disputed: row.disputed,
          abstentionKind: row.abstentionKind,
          importedPartial: row.importedPartial,
          current,
          history: history.map((e) => ({
            annotator: e.annotator,
            outcome: e.outcome,
            ...(e.abstentionKind ? { abstentionKind: e.abstentionKind } : {}),
            kind: e.kind,
            note: e.note,
            createdAt: e.createdAt,
          })),
        });
      }
      if (page.rows.length < PAGE) break;
    }
  }
  return out;
}
