// Whether a table states confidences on 0-1 or 0-100, decided from the whole
// column and never silently: explicit evidence (a pct/percent column name, a
// "%" on a value, or the user's choice) wins; otherwise a bare value above 1
// means percent, and a column that also holds a bare fraction strictly
// between 0 and 1 is ambiguous, so the reader refuses it at the line where
// the two scales first meet.
import type { ParsedConfidence } from './columns.ts';

/** The reader option `confidenceScale`: 'auto' (the default) decides from the column. */
export type ScaleChoice = 'auto' | 'unit' | 'percent';

export interface ScaleDecision {
  scale: 'unit' | 'percent';
  /** Why, in words a person can check against the file ("values above 1, first on line 3 (55)"). */
  reason: string;
}

export function parseScaleChoice(value: unknown): ScaleChoice | string {
  if (value === undefined || value === null || value === '' || value === 'auto') return 'auto';
  if (value === 'unit' || value === '0-1') return 'unit';
  if (value === 'percent' || value === '0-100') return 'percent';
  return `confidenceScale must be auto, unit (0-1) or percent (0-100), got ${JSON.stringify(value)}`;
}

interface Evidence {
  line: number;
  value: number;
}

/** The first value of each kind a column showed (what its scale is decided from). */
export interface ScaleEvidence {
  above: Evidence | null;
  signed: Evidence | null;
  fraction: Evidence | null;
}

const fmt = (x: number) => String(x);

export class ConfidenceScale {
  private readonly forced: ScaleChoice;
  private readonly namedPercent: string | null;
  /** First bare value above 1, and first value with a % sign: percent by value. */
  private above: Evidence | null = null;
  private signed: Evidence | null = null;
  /** First bare fraction strictly between 0 and 1: unit by value. */
  private fraction: Evidence | null = null;

  constructor(column: string | undefined, forced: ScaleChoice = 'auto') {
    this.forced = forced;
    this.namedPercent = column !== undefined && /pct|percent/i.test(column) ? column : null;
  }

  /**
   * Takes one parsed value; returns a message when it contradicts the scale
   * the column has shown so far (the caller names file, line and field).
   */
  observe(parsed: ParsedConfidence, line: number): string | null {
    const { value, percentSign } = parsed;
    if (this.forced === 'unit') {
      if (percentSign) return `${fmt(value)}% is a percentage, and the import was told confidences are on 0-1`;
      return value > 1 ? `${fmt(value)} is above 1, and the import was told confidences are on 0-1` : null;
    }
    if (this.forced === 'percent' || this.namedPercent !== null) return null;
    if (percentSign) this.signed ??= { line, value };
    else if (value > 1) this.above ??= { line, value };
    else if (value > 0 && value < 1) this.fraction ??= { line, value };
    const percent = this.above ?? this.signed;
    const unit = this.fraction;
    if (percent && unit) {
      const stated = (e: Evidence) => `${fmt(e.value)}${e === this.signed ? '%' : ''}`;
      const clash =
        line === unit.line
          ? `${stated(unit)} reads as a probability on 0-1, but line ${percent.line} states ${stated(percent)} (0-100)`
          : `${stated(percent)} reads as 0-100, but line ${unit.line} states ${stated(unit)} (a probability on 0-1)`;
      return `${clash}: the column mixes the two scales (expected every confidence on one scale; say which when importing: the confidence scale choice, or --option confidenceScale=unit or percent)`;
    }
    return null;
  }

  evidence(): ScaleEvidence {
    return { above: this.above, signed: this.signed, fraction: this.fraction };
  }

  /**
   * Takes what a later part of the file showed (its first value of each kind,
   * read on its own) as if this scale had read on into it: the first clash
   * the whole column meets there, with its line, or null. Only first values
   * change a scale, and a clash is first met at the first value of the kind
   * missing so far, so observing them in line order is reading the part.
   */
  continueWith(later: ScaleEvidence): { line: number; message: string } | null {
    const events: Array<{ evidence: Evidence; percentSign: boolean }> = [];
    if (later.signed) events.push({ evidence: later.signed, percentSign: true });
    if (later.above) events.push({ evidence: later.above, percentSign: false });
    if (later.fraction) events.push({ evidence: later.fraction, percentSign: false });
    events.sort((x, y) => x.evidence.line - y.evidence.line);
    for (const { evidence, percentSign } of events) {
      const message = this.observe({ value: evidence.value, percentSign }, evidence.line);
      if (message !== null) return { line: evidence.line, message };
    }
    return null;
  }

  decision(): ScaleDecision {
    if (this.forced === 'unit') return { scale: 'unit', reason: 'chosen at import: 0-1' };
    if (this.forced === 'percent') return { scale: 'percent', reason: 'chosen at import: 0-100' };
    if (this.namedPercent !== null) return { scale: 'percent', reason: `the column name "${this.namedPercent}" says percent` };
    if (this.signed) return { scale: 'percent', reason: `values carry a % sign, first on line ${this.signed.line} (${fmt(this.signed.value)}%)` };
    if (this.above) return { scale: 'percent', reason: `values above 1, first on line ${this.above.line} (${fmt(this.above.value)})` };
    return { scale: 'unit', reason: 'every value is between 0 and 1' };
  }

  get scale(): 'unit' | 'percent' {
    return this.decision().scale;
  }
}
