// The parts of the manifest that need Node: hashes of the label history.
import { createHash } from 'node:crypto';
import type { LabelSetEntry } from '../../shared/labels/label-set.ts';
import type { Manifest, ManifestAnnotator } from '../../shared/report/model.ts';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * The label set's fingerprint: every record of every reported run, in run
 * order then record order, as canonical JSON lines. Any added, changed or
 * cleared label changes it; the time of export does not.
 */
export function labelManifest(runs: Array<{ run: string; labels: LabelSetEntry[] }>): Manifest['labels'] {
  const hash = createHash('sha256');
  const perAnnotator = new Map<string, { labels: number; items: Set<string> }>();
  let records = 0;
  for (const { run, labels } of runs) {
    for (const l of labels) {
      hash.update(`${JSON.stringify([run, l.itemKey, l.annotator, l.kind, l.outcome, l.note, l.createdAt])}\n`);
      records++;
      const entry = perAnnotator.get(l.annotator) ?? { labels: 0, items: new Set<string>() };
      entry.labels++;
      entry.items.add(`${run}\u0000${l.itemKey}`);
      perAnnotator.set(l.annotator, entry);
    }
  }
  const annotators: ManifestAnnotator[] = [...perAnnotator.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([annotator, entry]) => ({ annotator, labels: entry.labels, items: entry.items.size }));
  return { sha256: hash.digest('hex'), records, perAnnotator: annotators };
}
