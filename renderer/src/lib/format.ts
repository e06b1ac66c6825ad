// How numbers look everywhere: 3 decimals for rates and scores, counts in full
// with thousands separators, and an em dash (explained by a title) for null.
export const EM_DASH = '\u2014';

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmt3(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EM_DASH;
  // Avoid "-0.000" for tiny negatives: it reads as a different number.
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

export function fmtCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EM_DASH;
  return countFormat.format(value);
}

/** A share as a whole percent, for glanceable context next to a count. */
export function fmtPercent(part: number, total: number): string {
  if (total <= 0) return EM_DASH;
  const pct = (100 * part) / total;
  if (pct > 0 && pct < 1) return '<1%';
  if (pct < 100 && pct > 99) return '>99%';
  return `${Math.round(pct)}%`;
}

export function fmtDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** A byte count in the unit that reads best (1.4 MiB, 320 KiB, 12 B). */
export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return EM_DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
