// Abstention kinds among annotators: how each annotator's abstentions split by
// kind, and, where two or more annotators call an item an abstention, how
// often they name the same kind. Each annotator's latest label record on an
// item counts (as buildLabelMatrix reads them); a kind left unnamed counts as
// a kind of its own ("unspecified"), so "refusal" against "unspecified" is a
// disagreement about the kind. The outcome statistics do not see kinds: every
// kind is one category, "abstained".
import { emptyAbstentionKindCounts, type AbstentionKind, type AbstentionKindCounts, type Outcome } from '../domain.ts';

export interface KindRecord {
  itemKey: string;
  annotator: string;
  outcome: Outcome | null;
  abstentionKind: AbstentionKind | null;
}

export interface AbstentionKindAgreement {
  /** Per annotator (alphabetically), their current abstentions by kind. */
  perAnnotator: Array<{ annotator: string; abstained: number; kinds: AbstentionKindCounts }>;
  /** Items that two or more annotators currently label abstained. */
  items: number;
  /** Annotator pairs over those items (both said abstained), and how many name the same kind. */
  pairs: number;
  agreeing: number;
  /** agreeing / pairs (pooled, as percent agreement's pairwise share); null without such pairs. */
  rate: number | null;
}

/** `records` oldest first; a null outcome clears the annotator's label. */
export function abstentionKindAgreement(records: readonly KindRecord[], annotators?: readonly string[]): AbstentionKindAgreement {
  const current = new Map<string, Map<string, KindRecord>>();
  for (const record of records) {
    if (annotators && !annotators.includes(record.annotator)) continue;
    let byAnnotator = current.get(record.itemKey);
    if (!byAnnotator) {
      byAnnotator = new Map();
      current.set(record.itemKey, byAnnotator);
    }
    byAnnotator.set(record.annotator, record);
  }
  const per = new Map<string, { abstained: number; kinds: AbstentionKindCounts }>();
  let items = 0;
  let pairs = 0;
  let agreeing = 0;
  for (const byAnnotator of current.values()) {
    const abstentions: string[] = [];
    for (const record of byAnnotator.values()) {
      if (record.outcome !== 'abstained') continue;
      const kind = record.abstentionKind ?? 'unspecified';
      abstentions.push(kind);
      let counts = per.get(record.annotator);
      if (!counts) {
        counts = { abstained: 0, kinds: emptyAbstentionKindCounts() };
        per.set(record.annotator, counts);
      }
      counts.abstained++;
      counts.kinds[kind]++;
    }
    if (abstentions.length < 2) continue;
    items++;
    for (let a = 0; a < abstentions.length; a++) {
      for (let b = a + 1; b < abstentions.length; b++) {
        pairs++;
        if (abstentions[a] === abstentions[b]) agreeing++;
      }
    }
  }
  return {
    perAnnotator: [...per.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([annotator, counts]) => ({ annotator, ...counts })),
    items,
    pairs,
    agreeing,
    rate: pairs === 0 ? null : agreeing / pairs,
  };
}
