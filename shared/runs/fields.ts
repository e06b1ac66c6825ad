// What a person may set on a run after import (name, model, task, free tags),
// and the one rule that tidies each before it is stored, shared by the API's
// schemas, the CLI and the sidebar's editor.

export const MAX_RUN_NAME = 200;
export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 32;

/** The fields of a run a person can correct. */
export interface RunFields {
  name: string;
  model: string | null;
  task: string | null;
  tags: string[];
}

/** Spaces collapsed and trimmed; an empty model or task means "unknown" (null). */
export function tidyField(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const tidy = text.replace(/\s+/g, ' ').trim();
  return tidy === '' ? null : tidy;
}

/**
 * Tags as stored: each trimmed with spaces collapsed, empties dropped, the
 * first spelling of each kept ("Baseline" and "baseline" are one tag, as the
 * database sees them), in the order given. Commas separate tags where they are
 * typed, so a tag holds none.
 */
export function tidyTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    for (const part of raw.split(',')) {
      const tag = tidyField(part);
      if (tag === null || seen.has(tag.toLowerCase())) continue;
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

/** What is wrong with a set of tidy tags, or null. */
export function tagsProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_TAGS) return `at most ${MAX_TAGS} tags per run (got ${tags.length})`;
  const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
  return long ? `a tag is at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…" has ${long.length})` : null;
}

/** Tags compared as the database compares them: without regard to case. */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const wanted = tag.toLowerCase();
  return tags.some((t) => t.toLowerCase() === wanted);
}
