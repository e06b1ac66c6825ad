// Subgroups of a run: the fields its items carry (subject, category, a
// metadata key, a column mapped at import), each item's group as a small code,
// and the run's columns split by group so that every group is analysed as a
// run of its own by the same engine. Pure: the store, the CLI's numbers
// worker and tests all feed it items' extra fields.
import type { OutcomeColumns } from './types.ts';

/** A field of the items, as the "Break down by" chooser lists it. */
export interface ItemField {
  /** "subject", or "doc.subject" / "metadata.category" for a key one level down */
  path: string;
  /** distinct values among the items that carry it */
  distinct: number;
  /** items that carry a value */
  items: number;
}

/** Groups shown apart; the rest are merged into one "other" group (the chooser says so). */
export const MAX_GROUPS = 50;
/** More distinct values than this: not a grouping (free text, ids, scores). */
export const MAX_FIELD_VALUES = 1000;
/** Longer values are text, not categories. */
const MAX_VALUE_CHARS = 200;

/** Fields researchers break results down by, listed first in this order (by the path's last part). */
const PREFERRED = ['subject', 'category', 'task', 'subtask', 'scenario', 'topic', 'domain', 'type', 'difficulty', 'level', 'language', 'split', 'source'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a group name: strings as they are, numbers and booleans as written; nothing else is a group. */
function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  return null;
}

/**
 * An item's value of `field`: a top-level key of that exact name; else
 * "a.b", key b of the object under key a; else, for a plain name, the first
 * object one level down holding it (so `--by subject` finds lm-eval's
 * doc.subject and Inspect's metadata.subject). null when it has none.
 */
export function fieldValue(extra: Record<string, unknown>, field: string): string | null {
  if (Object.hasOwn(extra, field)) return scalar(extra[field]);
  const dot = field.indexOf('.');
  if (dot > 0) {
    const outer = extra[field.slice(0, dot)];
    return isPlainObject(outer) && Object.hasOwn(outer, field.slice(dot + 1)) ? scalar(outer[field.slice(dot + 1)]) : null;
  }
  for (const key in extra) {
    const inner = extra[key];
    if (isPlainObject(inner) && Object.hasOwn(inner, field)) return scalar(inner[field]);
  }
  return null;
}

interface FieldTally {
  values: Set<string>;
  items: number;
  /** a value too long, or too many values: not a grouping */
  dropped: boolean;
}

/**
 * The fields a run's items carry, fed one item's extra fields at a time:
 * top-level scalars and scalars one object down. Keeps at most
 * MAX_FIELD_VALUES + 1 values per field, never the items.
 */
export class FieldCatalog {
  private readonly tallies = new Map<string, FieldTally>();

  add(extra: Record<string, unknown>): void {
    for (const key in extra) {
      const value = extra[key];
      if (isPlainObject(value)) {
        for (const inner in value) this.note(`${key}.${inner}`, value[inner]);
      } else this.note(key, value);
    }
  }

  private note(path: string, raw: unknown): void {
    const value = scalar(raw);
    if (value === null) return;
    let tally = this.tallies.get(path);
    if (!tally) this.tallies.set(path, (tally = { values: new Set(), items: 0, dropped: false }));
    tally.items++;
    if (tally.dropped) return;
    if (value.length > MAX_VALUE_CHARS) {
      tally.dropped = true;
      tally.values.clear();
      return;
    }
    tally.values.add(value);
    if (tally.values.size > MAX_FIELD_VALUES) {
      tally.dropped = true;
      tally.values.clear();
    }
  }

  /**
   * Fields that group: 2..MAX_FIELD_VALUES distinct values, on average at
   * least two items a value (an id or a free score is no grouping).
   * Preferred names first, then fewer values first.
   */
  fields(): ItemField[] {
    const out: ItemField[] = [];
    for (const [path, tally] of this.tallies) {
      const distinct = tally.values.size;
      if (tally.dropped || distinct < 2 || distinct * 2 > tally.items) continue;
      out.push({ path, distinct, items: tally.items });
    }
    const rank = (path: string) => {
      const at = PREFERRED.indexOf(path.slice(path.lastIndexOf('.') + 1).toLowerCase());
      return at < 0 ? PREFERRED.length : at;
    };
    return out.sort((a, b) => rank(a.path) - rank(b.path) || a.distinct - b.distinct || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

/** Items' groups as codes into `labels` (-1: the item has no value), in run order. */
export interface Grouping {
  codes: Int32Array;
  labels: string[];
}

/** Codes items' values as they come, one Int32 per item: a million items' strings are never kept. */
export class GroupCoder {
  private codes = new Int32Array(1024);
  private count = 0;
  private readonly index = new Map<string, number>();
  readonly labels: string[] = [];

  add(value: string | null): void {
    if (this.count === this.codes.length) {
      const grown = new Int32Array(2 * this.count);
      grown.set(this.codes);
      this.codes = grown;
    }
    let code = -1;
    if (value !== null) {
      code = this.index.get(value) ?? -1;
      if (code < 0) {
        code = this.labels.length;
        this.index.set(value, code);
        this.labels.push(value);
      }
    }
    this.codes[this.count++] = code;
  }

  result(): Grouping {
    return { codes: this.codes.slice(0, this.count), labels: [...this.labels] };
  }
}

export type GroupKind = 'value' | 'missing' | 'other';

export interface GroupPlan {
  label: string;
  kind: GroupKind;
  /** values merged into this group: 1 for a value, the count for "other", 0 for missing */
  values: number;
  items: number;
}

/**
 * Which groups are analysed: the MAX_GROUPS largest values (ties by name)
 * each alone, the rest merged into one "other" group, and the items without
 * a value as one group of their own; with each code's group index.
 */
export function planGroups(grouping: Grouping, maxGroups = MAX_GROUPS): { groups: GroupPlan[]; groupOf: Int32Array; missingGroup: number } {
  const { codes, labels } = grouping;
  const sizes = new Float64Array(labels.length);
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) missing++;
    else sizes[c]!++;
  }
  const present = labels.map((_, c) => c).filter((c) => sizes[c]! > 0);
  present.sort((a, b) => sizes[b]! - sizes[a]! || (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : 0));
  const kept = present.length > maxGroups ? present.slice(0, maxGroups) : present;
  const merged = present.length - kept.length;
  const groupOf = new Int32Array(labels.length).fill(-1);
  const groups: GroupPlan[] = kept.map((c, g) => {
    groupOf[c] = g;
    return { label: labels[c]!, kind: 'value', values: 1, items: sizes[c]! };
  });
  if (merged > 0) {
    const other = groups.length;
    let items = 0;
    for (const c of present.slice(maxGroups)) {
      groupOf[c] = other;
      items += sizes[c]!;
    }
    groups.push({ label: `other (${merged} values)`, kind: 'other', values: merged, items });
  }
  let missingGroup = -1;
  if (missing > 0) {
    missingGroup = groups.length;
    groups.push({ label: '(no value)', kind: 'missing', values: 0, items: missing });
  }
  return { groups, groupOf, missingGroup };
}

/**
 * The run's columns split by group, each group's items in run order: what
 * the engine would read if the group were a run of its own. Partial flags
 * travel with their items (a group with none carries none).
 */
export function splitColumns(columns: OutcomeColumns, grouping: Grouping, maxGroups = MAX_GROUPS): { groups: GroupPlan[]; columns: OutcomeColumns[] } {
  const { codes } = grouping;
  if (codes.length !== columns.outcome.length) throw new RangeError(`grouping has ${codes.length} items, the run ${columns.outcome.length}`);
  const plan = planGroups(grouping, maxGroups);
  const groupIndex = (i: number) => {
    const c = codes[i]!;
    return c < 0 ? plan.missingGroup : plan.groupOf[c]!;
  };
  const out = plan.groups.map((g) => ({ outcome: new Uint8Array(g.items), confidence: new Float64Array(g.items), partial: columns.partial ? new Uint8Array(g.items) : null, at: 0, hasPartial: false }));
  for (let i = 0; i < codes.length; i++) {
    const target = out[groupIndex(i)]!;
    const at = target.at++;
    target.outcome[at] = columns.outcome[i]!;
    target.confidence[at] = columns.confidence[i]!;
    if (target.partial && columns.partial![i]) {
      target.partial[at] = 1;
      target.hasPartial = true;
    }
  }
  return {
    groups: plan.groups,
    columns: out.map((g) => (g.partial && g.hasPartial ? { outcome: g.outcome, confidence: g.confidence, partial: g.partial } : { outcome: g.outcome, confidence: g.confidence })),
  };
}

/** Below this many items with a confidence a group's calibration numbers are shown with a caution: their intervals are wide. */
export const FEW_ITEMS = 30;

export type SubgroupMetricKind = 'rate' | 'calibration' | 'ranking';

/**
 * Why a group's metric is undefined (shown as "—" with this reason, never a
 * number): rates need a graded item, calibration metrics an attempted item
 * with a confidence, AUROC both a correct and a wrong one among those.
 */
export function whyUndefined(kind: SubgroupMetricKind, group: { graded: number; calibrated: number }): string {
  if (kind === 'rate') return group.graded === 0 ? 'no graded item in this group' : 'undefined for this group';
  if (group.calibrated === 0) return 'no attempted item with a confidence in this group';
  if (kind === 'ranking') return 'all attempted items are correct, or all wrong: AUROC is undefined';
  return 'undefined for this group';
}
