// Numbers as the app shows them (ui.md): 3 decimals for rates and scores,
// intervals as [lo, hi], counts in full with thousands separators.
export const EM_DASH = '\u2014';

export function fmt3(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EM_DASH;
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

export function fmtCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EM_DASH;
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmtInterval(lo: number | null | undefined, hi: number | null | undefined): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return '';
  return `[${fmt3(lo)}, ${fmt3(hi)}]`;
}

export function fmtPercent(part: number, total: number): string {
  if (total <= 0) return EM_DASH;
  return `${((100 * part) / total).toFixed(1)}%`;
}

/** A number kept exactly for machines (data-value attributes); empty for null. */
export function exact(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}
